// Prints the % of fields right on the capture corpora (the figures in tests/capture/README.md):
//   npx tsx tests/capture/score-corpus.ts [--verbose]
import { CORPUS } from "./corpus.ts";
import { MESSY_CORPUS, MESSY_TEAM } from "./messy-corpus.ts";
import { MESSY_CORPUS_2 } from "./messy-corpus-2.ts";
import { scoreCorpus } from "./score.ts";

const verbose = process.argv.includes("--verbose");
for (const [name, corpus, team] of [
  ["corpus.ts (labelled and prose)", CORPUS, undefined],
  ["messy-corpus.ts (messy chat, with the roster)", MESSY_CORPUS, MESSY_TEAM],
  ["messy-corpus-2.ts (messy chat written later, held out, with the roster)", MESSY_CORPUS_2, MESSY_TEAM],
  ["messy-corpus.ts + messy-corpus-2.ts (messy chat, no roster)", [...MESSY_CORPUS, ...MESSY_CORPUS_2], undefined],
] as const) {
  const s = scoreCorpus(corpus, team);
  console.log(`${name}: ${s.right}/${s.total} fields right = ${s.percent.toFixed(1)}% (${corpus.length} messages)`);
  console.log("  by field: " + Object.entries(s.byField).map(([f, v]) => `${f} ${v.right}/${v.total}`).join(", "));
  if (verbose) for (const c of s.cases) if (c.wrong.length) console.log(`    ${c.name}: ${c.wrong.join(", ")}`);
}
