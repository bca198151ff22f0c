import { parseArgs } from "node:util";
import { dashboardBaseUrl, dashboardKey } from "../config/dashboard-key.ts";
import type { Config } from "../config/env.ts";
import type { Core } from "../services/core.ts";
import { dashboardLink } from "../services/dashboard-link.ts";
import { CliError } from "./cli-error.ts";

/**
 * `dashboard-link --as HANDLE [--team T]`: the link the bot's `dashboard` command gives HANDLE,
 * for the bot running with this environment (its key and address): `{ url, expires }`.
 * Access rules apply to HANDLE, and the link is audited as given to them.
 */
export async function dashboardLinkCommand(core: Core, config: Config, args: string[], io: { out: (s: string) => void }): Promise<number> {
  const { values } = parseArgs({ args, options: { as: { type: "string" }, team: { type: "string" } } });
  if (!values.as) throw new CliError("CLI.USAGE", "usage: dashboard-link --as HANDLE [--team T]: the link is for HANDLE, with their access");
  const key = dashboardKey(config);
  if (!key) throw new CliError("DASHBOARD.NO_KEY", "DASHBOARD_KEY is not set: on PostgreSQL the bot and this command need the same key from the environment");
  const actor = await core.storage.people.findByHandle(values.as);
  if (!actor) throw new CliError("CLI.UNKNOWN_PERSON", `No rostered person with handle ${values.as}`);
  const links = { key: key.key, baseUrl: dashboardBaseUrl(config, config.port), minutes: config.dashboard.linkMinutes };
  const link = await dashboardLink(core, actor, links, values.team);
  io.out(JSON.stringify({ url: link.url, expires: link.expires.toISOString(), team: link.team }));
  return 0;
}
