import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { maySeeTeamCompliance } from "../domain/access.ts";
import { AppError } from "../domain/errors.ts";
import type { Person } from "../domain/people.ts";
import { audit, auditedRefusal } from "./audit-trail.ts";
import { knownTeam, teamsOf } from "./compliance-summary.ts";
import type { Core } from "./core.ts";
import { Directory } from "./directory.ts";

/** What signs and addresses the dashboard's links (composed from DASHBOARD_KEY, PUBLIC_URL, DASHBOARD_LINK_MINUTES). */
export interface DashboardLinks {
  key: Buffer;
  /** Where browsers reach the bot's server, without a trailing slash: "https://oversight.example.gov.uk". */
  baseUrl: string;
  /** How long a link works. */
  minutes: number;
}

/** The page's path on the bot's HTTP server. */
export const DASHBOARD_PATH = "/dashboard";

export interface DashboardLink {
  url: string;
  expires: Date;
  team: string;
}

/** What a valid link says: who it was given to, for which team, until when. */
export interface DashboardGrant {
  personId: string;
  team: string;
  expires: Date;
}

/**
 * A link to a team's dashboard for `actor`, working for `links.minutes`: bound to the person
 * (their access is checked again on every request), signed with HMAC-SHA256, carrying ids and
 * the team's name, never case content. Without `typedTeam`, the actor's own team when they
 * may see it, else the one team they may see; DASHBOARD.WHICH_TEAM names them when several.
 * Given and refused links are audited.
 */
export async function dashboardLink(core: Core, actor: Person, links: DashboardLinks, typedTeam?: string): Promise<DashboardLink> {
  const directory = await Directory.load(core.storage.people);
  const team = typedTeam?.trim() ? knownTeam(directory, typedTeam) : defaultTeam(actor, directory);
  if (!maySeeTeamCompliance(actor, team, directory.byId)) {
    throw await auditedRefusal(core, noAccess(team), actor.id, "dashboard.link", "team", team, { outcome: "refused" });
  }
  const expires = new Date(core.clock.now().getTime() + links.minutes * 60_000);
  const token = signGrant(links.key, { personId: actor.id, team, expires });
  await audit(core, actor.id, "dashboard.link", "team", team, { outcome: "given", expires: expires.toISOString() });
  return { url: `${links.baseUrl}${DASHBOARD_PATH}?t=${token}`, expires, team };
}

function defaultTeam(actor: Person, directory: Directory): string {
  const visible = teamsOf(directory).filter((team) => maySeeTeamCompliance(actor, team, directory.byId));
  if (actor.team && visible.includes(actor.team)) return actor.team;
  if (visible.length === 1) return visible[0]!;
  if (!visible.length) throw noAccess(actor.team ?? "-");
  throw new AppError("DASHBOARD.WHICH_TEAM", `Which team? ${visible.join(", ")}.`, { teams: visible.join(", ") });
}

function noAccess(team: string): AppError {
  return new AppError("DASHBOARD.NO_ACCESS", "Only auditors and the team's line managers may see its dashboard.", { team });
}

/** payload.signature, both base64url: the payload is JSON { p: person id, t: team, e: expiry (ms), n: nonce }. */
export function signGrant(key: Buffer, grant: DashboardGrant): string {
  const payload = Buffer.from(JSON.stringify({ p: grant.personId, t: grant.team, e: grant.expires.getTime(), n: randomBytes(9).toString("base64url") })).toString("base64url");
  return `${payload}.${mac(key, payload)}`;
}

/** The grant a token carries when its signature is ours and it has not expired at `now`; null otherwise (nothing says why). */
export function readGrant(key: Buffer, token: string | null | undefined, now: Date): DashboardGrant | null {
  const [payload, signature, extra] = (token ?? "").split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const { p, t, e } = (body ?? {}) as Record<string, unknown>;
  if (typeof p !== "string" || typeof t !== "string" || typeof e !== "number") return null;
  if (now.getTime() >= e) return null;
  return { personId: p, team: t, expires: new Date(e) };
}

function mac(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(`oversight-dashboard.${payload}`).digest("base64url");
}
