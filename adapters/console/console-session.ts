import type { InboundEvent, PlatformActor } from "../../src/bot/inbound.ts";
import type { BotPort } from "../../src/bot/bot-port.ts";
import { isAnswered, type Answer } from "../../src/domain/answers.ts";
import type { Form, FormInput, FormValues } from "../../src/content/form.ts";
import type { BotReply } from "../../src/bot/reply.ts";
import { shortId } from "../../src/domain/ids.ts";
import type { Person } from "../../src/domain/people.ts";
import type { Logger } from "../../src/logger.ts";
import type { PromptKey, PromptParams } from "../../src/prompts/prompts.ts";
import { AMEND_FORM_ID, NOTE_FORM_ID } from "../../src/domain/form-ids.ts";
import { channelHeading, renderForm, renderMessage, shownValue } from "./render.ts";

/** A line that names something to do ("list 4471-JB", "help"): not the start of a message, which may run to several lines. */
const COMMAND_WORD = /^[a-z-]+\b/i;

type Mode =
  | { kind: "who" }
  | { kind: "offer-sample" }
  | { kind: "idle" }
  /** Lines of a message being typed; `addressed`: it began "oversight" (or "note"), so it is a decision whatever it says. */
  | { kind: "message"; lines: string[]; addressed: boolean }
  | { kind: "field"; form: Form; queue: string[]; lines: string[] }
  | { kind: "confirm"; form: Form };

/**
 * The console adapter's conversation: one typed line in, the bot's text out. A person
 * picks who they are from the roster, types or pastes a decision, is asked only for
 * what is missing, confirms, and can then list, show, comment, mark and export.
 */
export class ConsoleSession {
  private mode: Mode = { kind: "who" };
  private actor: Person | null = null;
  closed = false;

  constructor(
    private readonly bot: BotPort,
    private readonly log: Logger,
    private readonly sampleRoster: () => string,
  ) {}

  private say(key: PromptKey, params?: PromptParams): string {
    return this.bot.prompts.say(key, params);
  }

  /** The opening lines; `asHandle` skips the question of who you are. */
  async start(asHandle?: string): Promise<string> {
    const people = await this.bot.people({ fresh: true });
    if (people.length === 0) {
      this.mode = { kind: "offer-sample" };
      return this.say("console.no-roster");
    }
    if (asHandle) {
      const reply = await this.choose(asHandle);
      if (this.actor) return reply;
    }
    return this.askWho(people);
  }

  /** The prompt to show before the next line. */
  get prompt(): string {
    switch (this.mode.kind) {
      case "message":
      case "field":
        return "… ";
      case "confirm":
        return this.say("console.confirm-prompt");
      default:
        return "> ";
    }
  }

  /** One typed line; a failure is logged by code and answered, and the conversation stays where it was. */
  async handleLine(raw: string): Promise<string> {
    const before = this.mode;
    try {
      return await this.step(raw.replace(/\r$/, ""));
    } catch (error) {
      this.mode = before;
      this.log.error("console.failed", { type: (error as Error)?.name ?? "unknown" });
      return this.say("error.unexpected");
    }
  }

  private async step(line: string): Promise<string> {
    const mode = this.mode;
    switch (mode.kind) {
      case "offer-sample":
        return this.offerSample(line);
      case "who":
        return this.who(line);
      case "message":
        if (line.trim()) {
          mode.lines.push(line);
          return "";
        }
        return this.capture(mode.lines.join("\n"), mode.addressed);
      case "field":
        return this.answerField(mode, line);
      case "confirm":
        return this.confirm(mode.form, line);
      case "idle":
        return this.idle(line);
    }
  }

  private async idle(line: string): Promise<string> {
    const text = line.trim();
    if (!text) return "";
    const word = text.split(/\s+/)[0]!.toLowerCase();
    if (word === "quit" || word === "exit") {
      this.closed = true;
      return this.say("console.bye");
    }
    if (word === "whoami") return this.say("console.you-are", { name: this.actor!.name, handle: this.actor!.handle, role: this.actor!.role });
    if (word === "switch") return this.switchTo(text.slice(word.length).trim());
    // The core reads what the line is, as for Slack and Teams: a command is sent at once;
    // anything else starts a message, and more lines may follow until an empty one.
    const read = this.bot.readMessage(text);
    if (read.kind === "command" && COMMAND_WORD.test(read.text)) return this.send(text);
    const addressed = read.kind === "command";
    const first = addressed ? read.text : text;
    this.mode = { kind: "message", lines: first ? [first] : [], addressed };
    return this.say("console.message-more");
  }

  private async capture(text: string, addressed: boolean): Promise<string> {
    this.mode = { kind: "idle" };
    if (!text.trim()) return this.say("console.message-empty");
    const reply = await this.bot.handle(this.event(addressed ? `oversight ${text}` : text));
    if (!reply.failed) return this.show(reply);
    // Keep the message: an empty line tries again.
    this.mode = { kind: "message", lines: text.split("\n"), addressed };
    return [renderMessage(reply.message!), this.say("console.try-again")].join("\n");
  }

  private async send(text: string): Promise<string> {
    return this.show(await this.bot.handle(this.event(text)));
  }

  private event(text: string): InboundEvent {
    return { kind: "message", eventId: `console:${shortId()}`, actor: this.platformActor(), text };
  }

  private platformActor(): PlatformActor {
    return { platform: "console", externalId: this.actor!.handle };
  }

  /** Shows a reply; a form starts the questions for what is missing. */
  private show(reply: BotReply): string {
    const out: string[] = [];
    if (reply.message) out.push(renderMessage(reply.message));
    for (const post of reply.posts ?? []) out.push(`${channelHeading(post.channel)}\n${renderMessage(post.message)}`);
    for (const note of reply.notify ?? []) out.push(this.say("console.notified", { handle: this.handleOf(note.personId) }));
    if (reply.form) out.push(this.beginForm(reply.form));
    else this.mode = { kind: "idle" };
    return out.filter(Boolean).join("\n");
  }

  private beginForm(form: Form): string {
    // One key per form shown: confirming it twice records one note.
    form.state.submissionKey ??= `console:${shortId()}`;
    // What the bot only guessed from prose is not counted as filled: it is named apart, to check.
    const guessed = form.inputs.filter((i) => i.guess).length;
    const filled = form.inputs.filter((i) => isAnswered(i.value) && i.id !== "nameCheck" && !i.guess).length;
    const queue = form.inputs.filter((i) => form.errors[i.id] || (i.required && !isAnswered(i.value))).map((i) => i.id);
    const intro = [renderForm(form)];
    if (queue.length === 0) {
      this.mode = { kind: "confirm", form };
      if (guessed) intro.push("", this.say("console.form-guessed", { guessed }));
      return [...intro, this.confirmText(form)].join("\n");
    }
    if (form.formId === NOTE_FORM_ID) intro.push("", guessed ? this.say("console.form-gaps-guessed", { filled, guessed, gaps: queue.length }) : this.say("console.form-gaps", { filled, gaps: queue.length }));
    this.mode = { kind: "field", form, queue, lines: [] };
    return [...intro, this.ask(form, queue[0]!)].join("\n");
  }

  /** "Record this note? …" for the note; "Mark done? yes / no" for a smaller form. */
  private confirmText(form: Form): string {
    return form.formId === NOTE_FORM_ID ? this.say("console.confirm") : this.say("console.confirm-form", { submit: form.submitLabel });
  }

  private ask(form: Form, inputId: string): string {
    const input = form.inputs.find((i) => i.id === inputId)!;
    const lines = [`\n${input.label}${input.required ? "" : ` ${this.say("console.optional")}`}`];
    if (form.errors[input.id]) lines.push(`  ! ${form.errors[input.id]}`);
    if (input.guess) lines.push(`  ? ${input.guess}`);
    if (input.hint) lines.push(`  (${input.hint})`);
    if (input.type === "select") input.options.forEach((o, i) => lines.push(`  ${i + 1}. ${o.label}`));
    const current = shownValue(input);
    if (current) lines.push(this.say("console.current", { value: current.replace(/\n/g, " / ") }));
    lines.push(this.say(isMultiline(input) ? "console.answer-multiline" : "console.answer-line"));
    return lines.join("\n");
  }

  private async answerField(mode: Extract<Mode, { kind: "field" }>, line: string): Promise<string> {
    if (line.trim().toLowerCase() === CANCEL) return this.keepDraft(mode.form);
    const input = mode.form.inputs.find((i) => i.id === mode.queue[0])!;
    if (isMultiline(input) && line.trim() !== "") {
      mode.lines.push(line);
      return "";
    }
    const typed = isMultiline(input) ? mode.lines.join("\n") : line.trim();
    if (typed) {
      const value = typed === "-" ? emptyAnswer(input) : this.readInput(input, typed);
      if (value === null) return `  ! ${this.say("console.pick-option")}`;
      input.value = value;
      delete mode.form.errors[input.id];
    }
    // Asked about it, the person has answered or kept it: no longer the bot's guess.
    delete input.guess;
    mode.lines = [];
    mode.queue.shift();
    if (mode.queue.length) return this.ask(mode.form, mode.queue[0]!);
    this.mode = { kind: "confirm", form: mode.form };
    return [renderForm(mode.form), this.confirmText(mode.form)].join("\n");
  }

  /** What was typed, as the answer to an input: a choice by number or name, otherwise the words (the core reads them once). */
  private readInput(input: FormInput, typed: string): Answer | null {
    if (input.type !== "select") return { type: "text", text: typed };
    const byNumber = input.options[Number(typed) - 1];
    const match = byNumber ?? input.options.find((o) => o.value === typed.toLowerCase() || o.label.toLowerCase() === typed.toLowerCase());
    return match ? { type: "choice", value: match.value } : null;
  }

  private async confirm(form: Form, line: string): Promise<string> {
    const answer = line.trim().toLowerCase();
    if (["y", "yes"].includes(answer)) return this.submit(form);
    if (["n", "no", "cancel"].includes(answer)) return this.keepDraft(form);
    const input = form.inputs.find((i) => i.id.toLowerCase() === answer || i.label.toLowerCase().startsWith(answer));
    if (!answer || !input) return this.confirmText(form);
    this.mode = { kind: "field", form, queue: [input.id], lines: [] };
    return this.ask(form, input.id);
  }

  private async submit(form: Form): Promise<string> {
    const event = { kind: "submit" as const, eventId: `console:${shortId()}`, actor: this.platformActor(), formId: form.formId, values: valuesOf(form), state: form.state };
    return this.show(await this.bot.handle(event));
  }

  private async keepDraft(form: Form): Promise<string> {
    this.mode = { kind: "idle" };
    if (form.formId === AMEND_FORM_ID) return this.say("console.amend-cancelled");
    if (form.formId !== NOTE_FORM_ID) return this.say("console.form-cancelled");
    const event = { kind: "dismiss" as const, eventId: `console:${shortId()}`, actor: this.platformActor(), formId: form.formId, values: valuesOf(form), state: form.state };
    const reply = await this.bot.handle(event);
    return reply.message ? renderMessage(reply.message) : "";
  }

  private async offerSample(line: string): Promise<string> {
    if (/^n/i.test(line.trim())) {
      this.closed = true;
      return this.say("console.need-roster");
    }
    const result = await this.bot.importFirstRoster(this.sampleRoster());
    if (result && !result.ok) throw new Error("The sample roster is invalid");
    const people = await this.bot.people({ fresh: true });
    return [this.say("console.sample-loaded", { count: result?.imported ?? people.length }), await this.askWho(people)].join("\n");
  }

  private async askWho(people: readonly Person[]): Promise<string> {
    this.mode = { kind: "who" };
    const list = people.map((p) => `  @${p.handle}  ${p.name} (${p.role}${p.team ? `, ${p.team}` : ""})`);
    return [this.say("console.who"), ...list].join("\n");
  }

  /** A line typed while being asked who you are: a handle, or quit (so a wrong answer never traps anyone). */
  private async who(line: string): Promise<string> {
    const typed = line.trim().toLowerCase();
    if (typed === "quit" || typed === "exit") {
      this.closed = true;
      return this.say("console.bye");
    }
    return this.choose(line);
  }

  /** `switch <handle>`: act as someone else; an unknown handle (or none) leaves you as you were. */
  private async switchTo(typed: string): Promise<string> {
    const people = await this.bot.people({ fresh: true });
    const wanted = typed.replace(/^@/, "").toLowerCase();
    if (wanted && people.some((p) => p.handle.toLowerCase() === wanted)) return this.choose(typed);
    const handles = people.map((p) => `@${p.handle}`).join(" ");
    const key = wanted ? "console.switch-unknown" : "console.switch-usage";
    return this.say(key, { typed, name: this.actor!.name, handle: this.actor!.handle, handles });
  }

  private async choose(typed: string): Promise<string> {
    const people = await this.bot.people({ fresh: true });
    const wanted = typed.trim().replace(/^@/, "").toLowerCase();
    const person = people.find((p) => p.handle.toLowerCase() === wanted);
    if (!person) {
      this.mode = { kind: "who" };
      return this.say("console.who-unknown", { typed: typed.trim() });
    }
    this.actor = person;
    this.mode = { kind: "idle" };
    for (const p of people) this.handles.set(p.id, p.handle);
    return this.say("console.welcome", { name: person.name, role: person.role });
  }

  private readonly handles = new Map<string, string>();
  private handleOf(id: string): string {
    return `@${this.handles.get(id) ?? id}`;
  }
}

/** Typed at any question: stop filling in, keeping what there is as a draft. */
const CANCEL = "/cancel";

/** Inputs typed over several lines, ended by an empty one. */
function isMultiline(input: FormInput): boolean {
  return input.type === "multiline" || input.type === "actions" || input.type === "children";
}

/** "-" clears an answer: an empty one of the input's own kind. */
function emptyAnswer(input: FormInput): Answer {
  return input.type === "select" || input.type === "channel" ? { type: "choice", value: "" } : { type: "text", text: "" };
}

function valuesOf(form: Form): FormValues {
  return Object.fromEntries(form.inputs.map((i) => [i.id, i.value]));
}
