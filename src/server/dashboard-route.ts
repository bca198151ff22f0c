import type http from "node:http";
import { AppError } from "../domain/errors.ts";
import { formatLondon } from "../domain/london-time.ts";
import { complianceReportHtml } from "../export/compliance-report.ts";
import type { Logger } from "../logger.ts";
import { complianceMonths, londonMonthOf, londonMonthRange, monthsBefore, shiftMonth } from "../services/compliance-summary.ts";
import type { Core } from "../services/core.ts";
import { DASHBOARD_PATH, readGrant } from "../services/dashboard-link.ts";
import type { Route } from "./http.ts";

/** Months the trend charts cover, the shown month last. */
const TREND_MONTHS = 12;

/**
 * The compliance dashboard page: GET /dashboard?t=TOKEN[&month=YYYY-MM]. The token is a signed,
 * short-lived grant to one person for one team (src/services/dashboard-link.ts); without a valid
 * one the answer is 401 and shows nothing. The person's access is checked again, and the view
 * audited, on every request: a manager who has moved team loses the page at once.
 */
export function dashboardRoute(core: Core, key: Buffer, log: Logger): Route {
  const say = core.prompts.say;
  return async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return answer(res, 405, "", { allow: "GET, HEAD" });
    const query = new URL(req.url ?? "/", "http://localhost").searchParams;
    const now = core.clock.now();
    const grant = readGrant(key, query.get("t"), now);
    if (!grant) {
      log.warn("dashboard.unauthorised", {});
      return answer(res, 401, say("dashboard.expired"));
    }
    const person = await core.storage.people.findById(grant.personId);
    if (!person?.active) {
      log.warn("dashboard.refused", { person: grant.personId, reason: "not on the roster" });
      return answer(res, 403, say("dashboard.refused"));
    }
    const current = londonMonthOf(now);
    const shown = query.get("month") ?? current;
    if (!isMonth(shown) || shown > current) return answer(res, 400, say("dashboard.bad-month"));
    try {
      const { team, months } = await complianceMonths(core, person, { team: grant.team, from: monthsBefore(shown, TREND_MONTHS), to: shown, asAt: now }, "dashboard.view");
      const href = (month: string) => `${DASHBOARD_PATH}?${new URLSearchParams({ t: query.get("t")!, month })}`;
      const html = complianceReportHtml(
        {
          team,
          months,
          shown,
          nav: { previous: href(shiftMonth(shown, -1)), ...(shown < current && { next: href(shiftMonth(shown, 1)) }) },
          note: say("dashboard.for", { handle: person.handle, expires: formatLondon(grant.expires) }),
        },
        core.prompts,
      );
      answer(res, 200, req.method === "HEAD" ? "" : html, { "content-type": "text/html; charset=utf-8" });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // The month was checked above: what is refused here is the person's access to the team.
      log.warn("dashboard.refused", { person: person.id, reason: error.code });
      answer(res, 403, say("dashboard.refused"));
    }
  };
}

function isMonth(text: string): boolean {
  try {
    londonMonthRange(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every answer, the page or a refusal: never cached or kept by a proxy, no referrer (the link's
 * token stays on this page), nothing loaded from elsewhere and no script (the page has none),
 * never framed.
 */
function answer(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    ...headers,
  });
  res.end(body);
}
