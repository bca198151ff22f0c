import type { SlackPeople } from "./slack-people.ts";

/**
 * A Slack message's text as a person reads it, for the parser: mentions become handles
 * ("<@U0SAM>" → "@sam"), links their labels, channel and group mentions their names, and
 * the three escaped characters come back.
 */
export function slackPlainText(text: string, people?: SlackPeople): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_, id: string) => people?.handleOf(id) ?? `@${id}`)
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, "#$1")
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_, label?: string) => label ?? "")
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, "@$1")
    .replace(/<([^|>]+)\|([^>]+)>/g, "$2")
    .replace(/<([^>]+)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** A Slack timestamp ("1700000000.000200") as an instant. */
export function slackTsToDate(ts: string): Date {
  return new Date(Math.round(Number(ts) * 1000));
}
