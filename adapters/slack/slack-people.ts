import type { PersonRef } from "../../src/domain/answers.ts";
import type { Person } from "../../src/domain/people.ts";

/**
 * The roster as Slack sees it: handles ("@sam") to Slack user ids (U024BE7LH) and back,
 * for user selects and mentions. Loaded per request, so a roster import shows at once.
 */
const directories = new WeakMap<readonly Person[], SlackPeople>();

export class SlackPeople {
  private constructor(
    private readonly byHandle: Map<string, string>,
    private readonly bySlackId: Map<string, Person>,
    private readonly byPersonId: Map<string, string>,
  ) {}

  /** Built once per roster the bot hands out (a new one only after the roster changed). */
  static of(people: readonly Person[]): SlackPeople {
    let built = directories.get(people);
    if (!built) directories.set(people, (built = SlackPeople.build(people)));
    return built;
  }

  private static build(people: readonly Person[]): SlackPeople {
    const byHandle = new Map<string, string>();
    const bySlackId = new Map<string, Person>();
    const byPersonId = new Map<string, string>();
    for (const person of people) {
      const slackId = person.identities.find((i) => i.platform === "slack")?.externalId;
      if (!slackId) continue;
      byHandle.set(person.handle.toLowerCase(), slackId);
      bySlackId.set(slackId, person);
      byPersonId.set(person.id, slackId);
    }
    return new SlackPeople(byHandle, bySlackId, byPersonId);
  }

  /** "@sam" → "U0SAM", or null when they have no Slack account on the roster. */
  slackIdOf(handle: string): string | null {
    return this.byHandle.get(handle.replace(/^@/, "").trim().toLowerCase()) ?? null;
  }

  /** "U0SAM" → "@sam"; someone not on the roster keeps their Slack id so the form can say who is unknown. */
  handleOf(slackId: string): string {
    const person = this.bySlackId.get(slackId);
    return person ? `@${person.handle}` : `@${slackId}`;
  }

  /** A person a form names → their Slack user id, or null when they have none (or were typed, not picked). */
  slackIdOfRef(ref: PersonRef): string | null {
    return "id" in ref ? (this.byPersonId.get(ref.id) ?? null) : this.slackIdOf(ref.typed);
  }

  /** A picked Slack user as a form's person: on the roster by id; anyone else by their Slack id, for the core to say who is unknown. */
  refOf(slackId: string): PersonRef {
    const person = this.bySlackId.get(slackId);
    return person ? { id: person.id, handle: person.handle } : { typed: `@${slackId}` };
  }

  personOf(slackId: string): Person | null {
    return this.bySlackId.get(slackId) ?? null;
  }
}
