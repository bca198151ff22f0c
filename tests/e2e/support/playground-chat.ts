import type { Page } from "playwright-core";
import { drawn } from "../../support/teams-drawn.ts";

// What the Playground page receives from its server over two websockets: the chat
// (`_ws_conversation`: createMessage / updateMessage, each with the bot's activity as the
// page shows it) and the log panel (`_ws/log/stream`: every activity exchanged with the bot,
// request and response). Recorded to wait on and to explain a failure.

/** An Adaptive Card or one of its elements, as JSON. */
export type CardJson = Record<string, unknown>;

/** A chat message as the Playground page holds it. */
export interface ChatMessage {
  messageId: string;
  from?: { id?: string };
  text?: string;
  attachments?: Array<{ contentType?: string; content?: unknown }>;
}

/** One createMessage or updateMessage, in the order the page received them. */
export interface ChatEvent {
  action: "createMessage" | "updateMessage" | string;
  at: number;
  message: ChatMessage;
}

export interface ChatRecording {
  events: ChatEvent[];
  /** The log panel's entries (activities exchanged with the bot), as received. */
  log: unknown[];
  /** Each message's latest version. */
  latest(messageId: string): ChatMessage | undefined;
}

/** Starts recording the page's chat and log websockets; call before the page loads. */
export function recordChat(page: Page): ChatRecording {
  const events: ChatEvent[] = [];
  const log: unknown[] = [];
  page.on("websocket", (ws) => {
    ws.on("framereceived", ({ payload }) => {
      let frame: Record<string, unknown>;
      try {
        frame = JSON.parse(String(payload)) as Record<string, unknown>;
      } catch {
        return;
      }
      if (typeof frame.action === "string" && frame.message && typeof frame.message === "object") {
        events.push({ action: frame.action, at: Date.now(), message: frame.message as ChatMessage });
      } else if (frame.logAction) {
        log.push(frame.log ?? frame);
      }
    });
  });
  return {
    events,
    log,
    latest: (messageId) => events.filter((e) => e.message.messageId === messageId).at(-1)?.message,
  };
}

/** The Adaptive Cards a message carries. */
export function cardsOf(message: ChatMessage | undefined): CardJson[] {
  return (message?.attachments ?? [])
    .filter((a) => a.contentType === "application/vnd.microsoft.card.adaptive" && a.content && typeof a.content === "object")
    .map((a) => a.content as CardJson);
}

/** Every element of a card, depth first, in the order it is rendered. */
export function elementsOf(card: CardJson): CardJson[] {
  const out: CardJson[] = [];
  const visit = (element: CardJson) => {
    out.push(element);
    for (const key of ["body", "items", "columns", "inlines"]) {
      const children = element[key];
      if (Array.isArray(children)) for (const child of children) if (child && typeof child === "object") visit(child as CardJson);
    }
  };
  visit(card);
  return out.slice(1);
}

/** A card's inputs (Input.*), in rendering order. */
export interface CardInput {
  id: string;
  type: string;
  label: string;
  value: string;
  required: boolean;
  choices: Array<{ title: string; value: string }>;
  /** The problem shown under it (a TextBlock starting "⚠" right after it), if any. */
  problem: string | null;
}

export function inputsOf(card: CardJson): CardInput[] {
  const inputs: CardInput[] = [];
  for (const element of elementsOf(card)) {
    const type = String(element.type ?? "");
    if (type.startsWith("Input.")) {
      const label = typeof element.label === "string" ? element.label : "";
      inputs.push({
        id: String(element.id ?? ""),
        type,
        label,
        value: element.value === undefined || element.value === null ? "" : String(element.value),
        required: element.isRequired === true || /\s\*$/.test(label),
        choices: Array.isArray(element.choices) ? (element.choices as Array<{ title?: unknown; value?: unknown }>).map((c) => ({ title: String(c.title ?? ""), value: String(c.value ?? "") })) : [],
        problem: null,
      });
    } else if (type === "TextBlock" && isProblem(element) && inputs.length > 0) {
      inputs.at(-1)!.problem = shownText(element);
    }
  }
  return inputs;
}

/** The problems a card shows (TextBlocks starting "⚠"), wherever they are. */
export function problemsOf(card: CardJson): string[] {
  return elementsOf(card).filter(isProblem).map(shownText);
}

/** A TextBlock's text as the page shows it: Markdown escapes undone, one line per paragraph. */
export function shownText(element: CardJson): string {
  return drawn(String(element.text ?? "")).lines.join("\n");
}

const isProblem = (element: CardJson) => element.type === "TextBlock" && typeof element.text === "string" && element.text.trimStart().startsWith("⚠");

/** The card's actions (its own and those of ActionSets in it). */
export function actionsOf(card: CardJson): CardJson[] {
  const own = Array.isArray(card.actions) ? (card.actions as CardJson[]) : [];
  const inSets = elementsOf(card)
    .filter((e) => e.type === "ActionSet" && Array.isArray(e.actions))
    .flatMap((e) => e.actions as CardJson[]);
  return [...own, ...inSets];
}

/** Whether a card has a submit button titled `title`. */
export function cardHasSubmit(card: CardJson, title: string): boolean {
  return actionsOf(card).some((a) => a.type === "Action.Submit" && a.title === title);
}

/** Whether a message holds a card with a submit button titled `title`. */
export function hasSubmit(message: ChatMessage | undefined, title: string): boolean {
  return cardsOf(message).some((card) => cardHasSubmit(card, title));
}

/** A choice set's shown title for its value; blank when nothing (or a blank choice) is chosen. */
export function chosenTitle(input: CardInput): string {
  return input.choices.find((c) => c.value === input.value)?.title.trim() ?? "";
}

/** Texts the bot sent (text messages and the TextBlocks of its cards), oldest first. */
export function botTexts(events: readonly ChatEvent[], botId: string): string[] {
  return events
    .filter((e) => e.message.from?.id === botId)
    .flatMap((e) => [e.message.text ?? "", ...cardsOf(e.message).flatMap((c) => elementsOf(c).filter((el) => el.type === "TextBlock").map(shownText))])
    .filter((t) => t.trim() !== "");
}
