// Benchmark: parse every message of the capture test corpus many times and print the mean
// time per message. A plain script (docs/design.md#quality-targets: benchmarks are not timed tests):
//   npx tsx tests/bench/parse.bench.ts [rounds]
import { parseMessage } from "../../src/capture/parse-message.ts";
import { CORPUS } from "../capture/corpus.ts";

const rounds = Number(process.argv[2] ?? 200);
const inputs = CORPUS.map((c) => ({ text: c.text, ctx: { now: new Date(c.now), ...(c.endOfDay ? { endOfDay: c.endOfDay } : {}) } }));

function run(times: number): number {
  let sink = 0;
  for (let r = 0; r < times; r++) for (const { text, ctx } of inputs) sink += parseMessage(text, ctx).actions.length;
  return sink;
}

run(20); // warm up the JIT and chrono's lazily built parsers
const samples: number[] = [];
const start = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  const t0 = process.hrtime.bigint();
  run(1);
  samples.push(Number(process.hrtime.bigint() - t0) / 1000 / inputs.length);
}
const totalUs = Number(process.hrtime.bigint() - start) / 1000;
samples.sort((a, b) => a - b);
const mean = totalUs / (rounds * inputs.length);
const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(1);
console.log(
  JSON.stringify({
    benchmark: "parseMessage",
    messages: inputs.length,
    rounds,
    meanMicrosecondsPerMessage: Number(mean.toFixed(1)),
    roundMeanP50: Number(pct(0.5)),
    roundMeanP95: Number(pct(0.95)),
    node: process.version,
  }),
);
console.log(`parseMessage: mean ${mean.toFixed(1)} µs per message over ${rounds} × ${inputs.length} messages`);
