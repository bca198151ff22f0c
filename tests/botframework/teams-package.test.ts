import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { crc32, inflateRawSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { MESSAGE_ACTION_ID } from "../../adapters/botframework/teams-bot.ts";
import { ROOT, tempDir } from "../support/spawn.ts";

const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
const SCRIPT = path.join(ROOT, "adapters/botframework/teams-package.ts");
const APP_ID = "8f3c2a1e-5b7d-4c9a-9e2f-1a2b3c4d5e6f";
const PASSWORD = "not-for-printing~Qx7";
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const GOOD = { MicrosoftAppId: APP_ID, TEAMS_DEVELOPER_URL: "https://www.example.gov.uk/childrens-services" };

/** Runs `npm run teams:package` as an administrator would, with only the given Teams settings. */
function pack(env: Record<string, string>, args: string[], cwd = ROOT) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(Microsoft|TEAMS_)/.test(name)));
  const result = spawnSync(process.execPath, [TSX, SCRIPT, ...args], {
    cwd,
    env: { ...inherited, MicrosoftAppPassword: PASSWORD, ...env },
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The files in a ZIP, read through its central directory, each checked against its CRC and size. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end, "end of central directory record").toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at), `central directory entry ${i}`).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(local), `local header of ${name}`).toBe(0x04034b50);
    expect(zip.readUInt32LE(local + 14), `local CRC of ${name}`).toBe(crc);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const stored = zip.subarray(start, start + compressedSize);
    expect([0, 8], `compression method of ${name}`).toContain(method);
    const data = method === 8 ? inflateRawSync(stored) : stored;
    expect(data.length, `size of ${name}`).toBe(size);
    expect(crc32(data) >>> 0, `CRC of ${name}`).toBe(crc);
    files.set(name, data);
    at += 46 + skip;
  }
  return files;
}

/** A PNG's width, height and RGBA pixels (8-bit RGBA, non-interlaced, as Teams icons should be). */
function decodePng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString("ascii", 12, 16)).toBe("IHDR");
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString("ascii", at + 4, at + 8) === "IDAT") idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const header = { bitDepth: png[24], colourType: png[25], interlace: png[28] };
  if (header.bitDepth !== 8 || header.colourType !== 6 || header.interlace !== 0) return { width, height, header, pixels: null };
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? pixels[y * stride + x - 4]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      if (predictor === undefined) throw new Error(`PNG filter type ${filter}`);
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, header, pixels };
}

describe("npm run teams:package", () => {
  it("writes a Teams app package: manifest.json for the bot and both icons at the zip's root", () => {
    const dir = tempDir("teams-package-");
    const out = path.join(dir, "nested", "x.zip");
    const result = pack({ ...GOOD, TEAMS_BOT_DOMAIN: "oversight.example.gov.uk" }, ["--out", out]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual([expect.stringContaining(out)]);
    expect(result.stdout).toContain("Apps → Manage your apps → Upload an app");

    const zip = readFileSync(out);
    const files = readZip(zip);
    expect([...files.keys()]).toEqual(["manifest.json", "color.png", "outline.png"]);
    expect(zip.includes(PASSWORD)).toBe(false);
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);

    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8"));
    expect(manifest.$schema).toBe("https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json");
    expect(manifest.manifestVersion).toBe("1.17");
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.version).toBe(VERSION);
    expect(manifest.name).toEqual({ short: "Oversight", full: "Oversight bot" });
    expect(manifest.developer).toEqual({
      name: "Oversight bot",
      websiteUrl: GOOD.TEAMS_DEVELOPER_URL,
      privacyUrl: GOOD.TEAMS_DEVELOPER_URL,
      termsOfUseUrl: GOOD.TEAMS_DEVELOPER_URL,
    });
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full).toContain("48-hour rule");
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
    expect(manifest.bots).toEqual([
      expect.objectContaining({ botId: APP_ID, scopes: ["personal", "team", "groupChat"], isNotificationOnly: false, supportsFiles: false }),
    ]);
    const lists = manifest.bots[0].commandLists as { scopes: string[]; commands: { title: string; description: string }[] }[];
    expect(lists.map((list) => list.scopes)).toEqual([["personal"], ["team"]]);
    for (const list of lists) {
      expect(list.commands.map((command) => command.title)).toEqual(["help", "oversight", "mine", "home", "list", "export", "away", "group"]);
      for (const command of list.commands) expect(command.description.length).toBeLessThanOrEqual(128);
    }
    expect(manifest.composeExtensions).toEqual([
      {
        botId: APP_ID,
        commands: [
          {
            // The id the bot answers to: the manifest and the bot cannot drift apart.
            id: MESSAGE_ACTION_ID,
            type: "action",
            title: "Record oversight note",
            description: "Turn this message into a management oversight note",
            context: ["message"],
            fetchTask: true,
          },
        ],
      },
    ]);
    expect(manifest.permissions).toEqual(["identity", "messageTeamMembers"]);
    expect(manifest.validDomains).toEqual(["oversight.example.gov.uk"]);
    expect(JSON.stringify(manifest)).not.toMatch(/\$\{\{/);

    const color = decodePng(files.get("color.png")!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(files.get("outline.png")!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // Teams shows the outline icon tinted: it must be white on a transparent background.
    expect(outline.header).toEqual({ bitDepth: 8, colourType: 6, interlace: 0 });
    const alphas: number[] = [];
    for (let i = 0; i < outline.pixels!.length; i += 4) {
      const [r, g, b, a] = outline.pixels!.subarray(i, i + 4);
      alphas.push(a!);
      if (a! > 0) expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(alphas.length / 2);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(50);
  });

  it("uses the privacy and terms URLs when given, no valid domains without TEAMS_BOT_DOMAIN, and dist/oversight-teams.zip by default", () => {
    const dir = tempDir("teams-package-default-");
    const env = { ...GOOD, TEAMS_DEVELOPER_NAME: "North Borough Council", TEAMS_PRIVACY_URL: "https://www.example.gov.uk/privacy", TEAMS_TERMS_URL: "https://www.example.gov.uk/terms" };
    const result = pack(env, [], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(path.join("dist", "oversight-teams.zip"));
    const manifest = JSON.parse(readZip(readFileSync(path.join(dir, "dist", "oversight-teams.zip"))).get("manifest.json")!.toString("utf8"));
    expect(manifest.developer).toEqual({
      name: "North Borough Council",
      websiteUrl: GOOD.TEAMS_DEVELOPER_URL,
      privacyUrl: "https://www.example.gov.uk/privacy",
      termsOfUseUrl: "https://www.example.gov.uk/terms",
    });
    expect(manifest.validDomains).toEqual([]);
  });

  const { MicrosoftAppId: _, ...noAppId } = GOOD;
  const { TEAMS_DEVELOPER_URL: __, ...noDeveloperUrl } = GOOD;
  it.each([
    ["MicrosoftAppId is missing", noAppId, "MicrosoftAppId"],
    ["MicrosoftAppId is not a GUID", { ...GOOD, MicrosoftAppId: "oversight-bot" }, "MicrosoftAppId"],
    ["MicrosoftAppId is empty", { ...GOOD, MicrosoftAppId: "" }, "MicrosoftAppId"],
    ["TEAMS_DEVELOPER_URL is missing", noDeveloperUrl, "TEAMS_DEVELOPER_URL"],
    ["TEAMS_DEVELOPER_URL is not https", { ...GOOD, TEAMS_DEVELOPER_URL: "http://www.example.gov.uk" }, "TEAMS_DEVELOPER_URL"],
    ["TEAMS_PRIVACY_URL is not a URL", { ...GOOD, TEAMS_PRIVACY_URL: "privacy page" }, "TEAMS_PRIVACY_URL"],
    ["TEAMS_BOT_DOMAIN is a URL, not a host name", { ...GOOD, TEAMS_BOT_DOMAIN: "https://oversight.example.gov.uk/" }, "TEAMS_BOT_DOMAIN"],
  ])("exits 1 naming the variable, writing nothing, when %s", (_label, env, variable) => {
    const out = path.join(tempDir("teams-package-fail-"), "out", "x.zip");
    const result = pack(env, ["--out", out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining(variable)]);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(existsSync(out)).toBe(false);
  });

  it("says what to set when TEAMS_DEVELOPER_URL is missing, and why", () => {
    const result = pack(noDeveloperUrl, ["--out", path.join(tempDir("teams-package-fail-"), "x.zip")]);
    expect(result.stderr).toMatch(/TEAMS_DEVELOPER_URL is not set: Teams .*privacy.*terms/);
    expect(result.stderr).toContain("TEAMS_PRIVACY_URL and TEAMS_TERMS_URL");
  });
});
