import { TurnContext, type Activity, type ConversationReference } from "botbuilder";
import type { ConversationAddress, ConversationBook } from "../../src/ports/conversation-book.ts";
import type { PeopleRepository } from "../../src/ports/people-repository.ts";
import type { PlatformActor } from "../../src/bot/inbound.ts";

/**
 * Where the bot can reach people and channels in Teams later. Teams lets a bot speak only
 * in conversations it has been part of, so every turn (and every install) records:
 * - the sender's private chat with the bot ("chat"), or, from a channel, the sender as a
 *   member who can be messaged privately by opening a chat ("member");
 * - the channel or group chat itself ("channel"), for group supervision's posts.
 * A person is filed under both their Teams user id and their Microsoft Entra object id,
 * whichever the roster's teams_user_id holds.
 */
export class TeamsAddresses {
  constructor(
    private readonly book: ConversationBook,
    private readonly now: () => Date,
  ) {}

  /** Records where this activity came from. */
  async remember(activity: Activity): Promise<void> {
    const reference = TurnContext.getConversationReference(activity);
    const type = activity.conversation?.conversationType;
    if (type === "channel" || type === "groupChat") {
      const channelReference = { ...reference, conversation: { ...reference.conversation!, id: channelIdOf(activity) }, activityId: undefined };
      const existing = await this.book.get("teams", `channel:${channelIdOf(activity)}`);
      await this.save(`channel:${channelIdOf(activity)}`, "channel", channelReference, channelLabel(activity) ?? existing?.label ?? null);
      // Someone seen in a channel can be written to privately, unless a private chat is known already.
      for (const key of personKeys(activity.from)) {
        const known = await this.book.get("teams", key);
        if (known?.kind !== "chat") await this.save(key, "member", { ...reference, user: activity.from, activityId: undefined }, null);
      }
      return;
    }
    for (const key of personKeys(activity.from)) await this.save(key, "chat", { ...reference, activityId: undefined }, null);
  }

  /** Records a private chat the bot has just opened with someone. */
  async rememberChat(reference: Partial<ConversationReference>, user: { id: string; aadObjectId?: string }): Promise<void> {
    for (const key of personKeys(user)) await this.save(key, "chat", { ...reference, activityId: undefined }, null);
  }

  /** Where to reach a person, by any of their Teams ids, a private chat first. */
  async person(externalIds: readonly string[]): Promise<TeamsAddress | null> {
    let member: TeamsAddress | null = null;
    for (const id of externalIds) {
      const found = await this.book.get("teams", `person:${id}`);
      if (found?.kind === "chat") return toTeamsAddress(found);
      if (found?.kind === "member") member ??= toTeamsAddress(found);
    }
    return member;
  }

  async channel(conversationId: string): Promise<TeamsAddress | null> {
    const found = await this.book.get("teams", `channel:${conversationId}`);
    return found ? toTeamsAddress(found) : null;
  }

  /** The channels and group chats the bot is in, for a form's channel choice. */
  async channels(): Promise<{ value: string; label: string }[]> {
    const found = await this.book.list("teams", "channel");
    return found.map((a) => ({ value: `teams:${a.key.slice("channel:".length)}`, label: a.label ?? a.key.slice("channel:".length) }));
  }

  private save(key: string, kind: ConversationAddress["kind"], reference: Partial<ConversationReference>, label: string | null): Promise<void> {
    return this.book.save({ platform: "teams", key, kind, label, reference: JSON.stringify(reference), updatedAt: this.now() });
  }
}

export interface TeamsAddress {
  kind: ConversationAddress["kind"];
  reference: Partial<ConversationReference>;
}

const toTeamsAddress = (a: ConversationAddress): TeamsAddress => ({ kind: a.kind, reference: JSON.parse(a.reference) as Partial<ConversationReference> });

/** The keys a Teams user is filed under: their Entra object id and their Teams user id. */
function personKeys(user: { id?: string; aadObjectId?: string } | undefined): string[] {
  return [user?.aadObjectId, user?.id].filter((id): id is string => typeof id === "string" && id !== "").map((id) => `person:${id}`);
}

/** A channel conversation without the thread a message was posted in (";messageid=…"). */
export function channelIdOf(activity: Partial<Activity>): string {
  return (activity.conversation?.id ?? "").split(";")[0]!;
}

/** "North team › Case discussion", as far as Teams tells (channel names come only sometimes). */
function channelLabel(activity: Activity): string | null {
  const data = (activity.channelData ?? {}) as { team?: { name?: string; id?: string }; channel?: { name?: string; id?: string } };
  if (activity.conversation?.conversationType === "groupChat") return activity.conversation.name ?? null;
  const team = data.team?.name;
  // The General channel has the team's id and, often, no name.
  const channel = data.channel?.name ?? ((data.channel?.id ?? channelIdOf(activity)) === data.team?.id ? "General" : undefined);
  if (team && channel) return `${team} › ${channel}`;
  return team ?? channel ?? null;
}

/**
 * Who sent an activity, as the roster knows them: the roster's teams_user_id may hold the
 * person's Entra object id or their Teams user id ("29:…").
 */
export async function teamsActor(people: PeopleRepository, from: { id?: string; aadObjectId?: string } | undefined): Promise<PlatformActor> {
  if (from?.aadObjectId && (await people.findByPlatformId("teams", from.aadObjectId))) return { platform: "teams", externalId: from.aadObjectId };
  return { platform: "teams", externalId: from?.id ?? "" };
}
