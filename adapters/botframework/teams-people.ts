import type { Person } from "../../src/domain/people.ts";
import type { PlatformActor } from "../../src/bot/inbound.ts";
import type { TeamsAddresses } from "./teams-addresses.ts";

/** A Teams user as activities name them: a Teams user id ("29:…") and, mostly, an Entra object id. */
export interface TeamsUser {
  id?: string;
  aadObjectId?: string;
}

/** The ids a Teams user goes by, the Entra object id first. */
export function teamsIdsOf(user: TeamsUser | undefined): string[] {
  return [user?.aadObjectId, user?.id].filter((id): id is string => typeof id === "string" && id !== "");
}

function withTeamsId(people: readonly Person[], id: string): Person | null {
  return people.find((p) => p.identities.some((i) => i.platform === "teams" && i.externalId === id)) ?? null;
}

/**
 * People on the roster as Teams names them. The roster's teams_user_id holds either a
 * person's Entra object id or their Teams user id; Teams gives one or the other (a message
 * action's author and its mentions carry only the Entra id), so the other is looked up in
 * what the bot has seen of that person.
 */
export class TeamsPeople {
  constructor(
    /** The roster as the bot last read it; `fresh`: read now (someone it does not know yet may just have been imported). */
    private readonly roster: (opts?: { fresh: true }) => Promise<readonly Person[]>,
    private readonly addresses: TeamsAddresses,
  ) {}

  /** Who sent an activity, as the core should look them up. */
  async actor(from: TeamsUser | undefined): Promise<PlatformActor> {
    const ids = teamsIdsOf(from);
    const known = (people: readonly Person[]) => ids.find((id) => withTeamsId(people, id));
    // The roster is read again only for someone the last read did not know.
    const id = known(await this.roster()) ?? known(await this.roster({ fresh: true }));
    return { platform: "teams", externalId: id ?? from?.id ?? "" };
  }

  /** Every id a user is known by here: theirs, and the other kind if the bot has seen them. */
  async allIdsOf(user: TeamsUser): Promise<string[]> {
    const ids = teamsIdsOf(user);
    const seen = await this.addresses.user(ids);
    return [...new Set([...ids, ...teamsIdsOf(seen ?? undefined)])];
  }

  async personOf(user: TeamsUser): Promise<Person | null> {
    const people = await this.roster();
    for (const id of await this.allIdsOf(user)) {
      const person = withTeamsId(people, id);
      if (person) return person;
    }
    return null;
  }

  /**
   * A message's mentions of people on the roster as their handles ("@sam"), the way a person
   * would type them for the parser; the bot's own mention (no user) is dropped, and anyone
   * not on the roster keeps the name shown. Mentions come in the order of their tags, so
   * each takes the next tag of its text: two people both shown as "Sam" stay two people.
   */
  async withHandles(text: string, mentions: readonly Mention[]): Promise<string> {
    let result = text;
    for (const mention of mentions) {
      const person = mention.user ? await this.personOf(mention.user) : null;
      result = result.replace(mention.tag, (tag) => (person ? `@${person.handle}` : mention.user ? tag.replace(/<[^>]+>/g, "") : ""));
    }
    return result;
  }
}

/** An @mention in a message: its tag in the text, and whom it names (null: the bot itself). */
export interface Mention {
  tag: string | RegExp;
  user: TeamsUser | null;
}
