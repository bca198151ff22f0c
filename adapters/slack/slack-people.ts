import type { Person } from "../../src/domain/people.ts";
import type { PeopleRepository } from "../../src/ports/people-repository.ts";

/**
 * The roster as Slack sees it: handles ("@sam") to Slack user ids (U024BE7LH) and back,
 * for user selects and mentions. Loaded per request, so a roster import shows at once.
 */
export class SlackPeople {
  private constructor(
    private readonly byHandle: Map<string, string>,
    private readonly bySlackId: Map<string, Person>,
  ) {}

  static async load(people: PeopleRepository): Promise<SlackPeople> {
    const byHandle = new Map<string, string>();
    const bySlackId = new Map<string, Person>();
    for (const person of await people.list()) {
      const slackId = person.identities.find((i) => i.platform === "slack")?.externalId;
      if (!slackId) continue;
      byHandle.set(person.handle.toLowerCase(), slackId);
      bySlackId.set(slackId, person);
    }
    return new SlackPeople(byHandle, bySlackId);
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

  personOf(slackId: string): Person | null {
    return this.bySlackId.get(slackId) ?? null;
  }
}
