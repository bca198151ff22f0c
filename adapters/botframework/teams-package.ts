// `npm run teams:package [-- --out FILE]`: builds the Microsoft Teams app package (a ZIP of
// manifest.json and the two icons) for an administrator to upload. Reads the bot's app id and the
// developer's URLs from the environment; never reads or prints the app password.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { zipFiles } from "./zip-files.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const appDir = path.join(here, "teams-app");
const DEFAULT_OUT = "dist/oversight-teams.zip";

class PackageError extends Error {}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
// Teams accepts only plain major.minor.patch.
const TEAMS_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const httpsUrl = z
  .string()
  .max(2048, "must be at most 2048 characters")
  .refine((value) => URL.canParse(value) && new URL(value).protocol === "https:", "must be an https:// URL");

const Env = z.object({
  MicrosoftAppId: z
    .string({ error: "is not set: it is the bot's Microsoft App ID (a GUID) from its Azure Bot registration" })
    .regex(GUID, "must be the bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000"),
  TEAMS_DEVELOPER_NAME: z.string().max(32, "must be at most 32 characters").default("Oversight bot"),
  TEAMS_DEVELOPER_URL: httpsUrl.optional(),
  TEAMS_PRIVACY_URL: httpsUrl.optional(),
  TEAMS_TERMS_URL: httpsUrl.optional(),
  TEAMS_BOT_DOMAIN: z.string().regex(HOST_NAME, "must be a host name like oversight.example.gov.uk (no https:// or path)").optional(),
});

/** What fills the template's ${{…}} slots, e.g. `{ MICROSOFT_APP_ID: "…", APP_VERSION: "0.1.0", … }`, and the bot's domain if any. */
function readSettings(env: NodeJS.ProcessEnv): { values: Record<string, string>; botDomain: string | undefined } {
  // An empty variable (FOO=) means "not set", as in src/config/env.ts.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = Env.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const got = env[name] ? ` (got "${env[name]}")` : "";
    throw new PackageError(`${name} ${issue.message.replace(/^Invalid input: /, "")}${got}`);
  }
  const e = parsed.data;
  if (!e.TEAMS_DEVELOPER_URL) {
    throw new PackageError(
      "TEAMS_DEVELOPER_URL is not set: Teams will not accept an app without the developer's website, privacy and terms-of-use pages. " +
        "Set TEAMS_DEVELOPER_URL to your organisation's https:// website, and TEAMS_PRIVACY_URL and TEAMS_TERMS_URL if those pages are elsewhere",
    );
  }
  const version = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version?: unknown }).version;
  if (typeof version !== "string" || !TEAMS_VERSION.test(version)) {
    throw new PackageError(`package.json's version must be major.minor.patch for Teams (got ${JSON.stringify(version)})`);
  }
  return {
    values: {
      MICROSOFT_APP_ID: e.MicrosoftAppId,
      APP_VERSION: version,
      DEVELOPER_NAME: e.TEAMS_DEVELOPER_NAME,
      DEVELOPER_URL: e.TEAMS_DEVELOPER_URL,
      PRIVACY_URL: e.TEAMS_PRIVACY_URL ?? e.TEAMS_DEVELOPER_URL,
      TERMS_URL: e.TEAMS_TERMS_URL ?? e.TEAMS_DEVELOPER_URL,
    },
    botDomain: e.TEAMS_BOT_DOMAIN,
  };
}

/** Replaces each `${{NAME}}` in the template's strings; filling the parsed tree means no value can break the JSON. */
function fill(node: unknown, values: Record<string, string>): unknown {
  if (typeof node === "string") return node.replace(/\$\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  if (Array.isArray(node)) return node.map((item) => fill(item, values));
  if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, values)]));
  return node;
}

const text = (max: number) => z.string().min(1).max(max, `must be at most ${max} characters`);
const guid = z.string().regex(GUID, "must be a GUID");
const Command = z.object({ title: text(32), description: text(128) });

// The basics Teams checks on upload, so a bad template fails here rather than in the Teams client.
const Manifest = z.object({
  manifestVersion: z.literal("1.17"),
  version: z.string().regex(TEAMS_VERSION),
  id: guid,
  developer: z.object({ name: text(32), websiteUrl: httpsUrl, privacyUrl: httpsUrl, termsOfUseUrl: httpsUrl }),
  name: z.object({ short: text(30), full: text(100) }),
  description: z.object({ short: text(80), full: text(4000) }),
  icons: z.object({ color: z.literal("color.png"), outline: z.literal("outline.png") }),
  accentColor: z.string().regex(/^#[0-9a-f]{6}$/i),
  bots: z
    .array(
      z.object({
        botId: guid,
        scopes: z.array(z.enum(["personal", "team", "groupChat"])).min(1),
        commandLists: z.array(z.object({ scopes: z.array(z.string()).min(1), commands: z.array(Command).max(10) })),
      }),
    )
    .length(1),
  composeExtensions: z
    .array(z.object({ botId: guid, commands: z.array(Command.extend({ id: text(64), type: z.enum(["query", "action"]) })).min(1).max(10) }))
    .max(1),
  validDomains: z.array(z.string()),
});

function buildManifest(values: Record<string, string>, botDomain: string | undefined): string {
  const template: unknown = JSON.parse(readFileSync(path.join(appDir, "manifest.template.json"), "utf8"));
  const manifest = fill(template, values) as Record<string, unknown>;
  manifest.validDomains = botDomain ? [botDomain] : [];
  const json = JSON.stringify(manifest, null, 2) + "\n";
  const left = /\$\{\{[^}]*\}\}/.exec(json);
  if (left) throw new PackageError(`manifest.template.json has a slot with no value: ${left[0]}`);

  const checked = Manifest.safeParse(manifest);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new PackageError(`manifest.json: ${issue.path.join(".")} ${issue.message.replace(/^Invalid input: /, "")}`);
  }
  const m = checked.data;
  const appId = values.MICROSOFT_APP_ID;
  if (m.id !== appId || m.bots.some((b) => b.botId !== appId) || m.composeExtensions.some((c) => c.botId !== appId)) {
    throw new PackageError("manifest.json: id, the bot's botId and the message extension's botId must all be MicrosoftAppId");
  }
  return json;
}

/** The icon file, after checking it is a PNG of the size Teams requires. */
function readIcon(file: string, size: number): Buffer {
  const data = readFileSync(path.join(appDir, file));
  const isPng = data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!isPng || data.readUInt32BE(16) !== size || data.readUInt32BE(20) !== size) {
    throw new PackageError(`${file} must be a ${size}x${size} PNG`);
  }
  return data;
}

function main(argv: string[]): void {
  let out: string;
  try {
    out = parseArgs({ args: argv, options: { out: { type: "string" } }, strict: true }).values.out ?? DEFAULT_OUT;
  } catch {
    throw new PackageError("usage: npm run teams:package [-- --out FILE]");
  }
  const { values, botDomain } = readSettings(process.env);
  const files = [
    { name: "manifest.json", data: Buffer.from(buildManifest(values, botDomain), "utf8") },
    { name: "color.png", data: readIcon("color.png", 192) },
    { name: "outline.png", data: readIcon("outline.png", 32) },
  ];
  const target = path.resolve(out);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, zipFiles(files));
  const shown = path.relative(process.cwd(), target);
  console.log(`Wrote ${shown.startsWith("..") ? target : shown}: upload it in Teams under Apps → Manage your apps → Upload an app (or have your Teams administrator add it in the Teams admin centre).`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof PackageError)) throw error;
  console.error(`teams:package: ${error.message}`);
  process.exit(1);
}
