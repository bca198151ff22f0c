import { message } from "../content/message.ts";
import { AppError } from "../domain/errors.ts";
import { formatLondon } from "../domain/london-time.ts";
import type { Person } from "../domain/people.ts";
import { complianceSummary, londonMonthOf, teamsOf } from "../services/compliance-summary.ts";
import type { Core } from "../services/core.ts";
import { dashboardLink } from "../services/dashboard-link.ts";
import { Directory } from "../services/directory.ts";
import { complianceMessage } from "../export/compliance-message.ts";
import type { BotReply } from "./reply.ts";

/**
 * `compliance [team] [YYYY-MM]`: a team's compliance summary for a London month, by
 * default the actor's own team and the current month. Refusals (no access, a bad month,
 * an unknown team) are AppErrors for the per-turn handler to word.
 */
export async function complianceReply(core: Core, actor: Person, args: string): Promise<BotReply> {
  const words = args.trim().split(/\s+/).filter(Boolean);
  // A last word starting with a digit is the month (checked by the summary); the rest names the team.
  const month = words.length > 0 && /^\d/.test(words.at(-1)!) ? words.pop()! : londonMonthOf(core.clock.now());
  const team = words.join(" ") || actor.team;
  if (!team) {
    const known = teamsOf(await Directory.load(core.storage.people));
    throw new AppError("COMPLIANCE.NO_TEAM", "Say which team: compliance <team> [YYYY-MM].", { known: known.join(", ") || "-" });
  }
  const summary = await complianceSummary(core, actor, { team, month });
  return { message: complianceMessage(summary, core.prompts) };
}

/**
 * `dashboard [team]`: a private link to the team's compliance dashboard, signed for the actor
 * and working for minutes (services/dashboard-link.ts). Where the operator has not given the bot
 * a key (PostgreSQL without DASHBOARD_KEY), says so.
 */
export async function dashboardReply(core: Core, actor: Person, args: string): Promise<BotReply> {
  if (!core.dashboard) return { message: message(core.prompts.say("dashboard.unavailable")) };
  const link = await dashboardLink(core, actor, core.dashboard, args);
  // The address only on the button: a notification's preview never shows it.
  const text = core.prompts.say("dashboard.link", { team: link.team, expires: formatLondon(link.expires) });
  return { message: { text, blocks: [{ type: "text", text }, { type: "link", label: core.prompts.say("dashboard.open"), url: link.url }] } };
}
