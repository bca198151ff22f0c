import { TurnContext, type Activity, type ConversationReference } from "botbuilder";
import type { ConversationAddress, ConversationBook } from "../../src/ports/conversation-book.ts";
import { formatLondon } from "../../src/domain/london-time.ts";
import { teamsIdsOf, type TeamsUser } from "./teams-people.ts";

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
      const id = channelIdOf(activity);
      const existing = await this.book.get("teams", `channel:${id}`);
      // The first name found stays: later activities often name less (rememberChannels renames).
      const label = existing?.label ?? channelLabel(activity, this.now());
      const teamId = (activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
      await this.save(`channel:${id}`, "channel", { ...reference, conversation: { ...reference.conversation!, id }, activityId: undefined, ...(teamId ? { teamId } : {}) }, label);
      // Someone seen in a channel can be written to privately, unless a private chat is known already.
      for (const key of personKeys(activity.from)) {
        const known = await this.book.get("teams", key);
        if (known?.kind !== "chat") await this.save(key, "member", { ...reference, user: activity.from, activityId: undefined }, null);
      }
      return;
    }
    for (const key of personKeys(activity.from)) await this.save(key, "chat", { ...reference, activityId: undefined }, null);
  }

  /**
   * Records a team's channels, named as Teams lists them (the bot may post in any channel of
   * a team it is in): at install and when channels are added or renamed.
   */
  async rememberChannels(activity: Activity, team: { id: string; name: string }, channels: readonly { id?: string; name?: string }[]): Promise<void> {
    const reference = TurnContext.getConversationReference(activity);
    for (const channel of channels) {
      if (!channel.id) continue;
      const conversation = { ...reference.conversation!, id: channel.id, conversationType: "channel", isGroup: true };
      await this.save(`channel:${channel.id}`, "channel", { ...reference, conversation, activityId: undefined, user: undefined, teamId: team.id }, `${team.name} › ${channel.name ?? "General"}`);
    }
  }

  /** Records a private chat the bot has just opened with someone. */
  async rememberChat(reference: Partial<ConversationReference>, user: { id: string; aadObjectId?: string }): Promise<void> {
    for (const key of personKeys(user)) await this.save(key, "chat", { ...reference, activityId: undefined }, null);
  }

  /** The Teams user a person's ids belong to, as last seen (both their ids, when Teams gave both). */
  async user(externalIds: readonly string[]): Promise<TeamsUser | null> {
    for (const id of externalIds) {
      const found = await this.book.get("teams", `person:${id}`);
      if (found) return (JSON.parse(found.reference) as { user?: TeamsUser }).user ?? null;
    }
    return null;
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

  /**
   * The channels and group chats the bot is in, for a form's channel choice, by name: each
   * with the conversation whose members may see it (its team, or the group chat itself).
   */
  async channels(): Promise<TeamsChannel[]> {
    const found = await this.book.list("teams", "channel");
    return found.map((a) => {
      const id = a.key.slice("channel:".length);
      const { teamId } = JSON.parse(a.reference) as { teamId?: string };
      return { value: `teams:${id}`, label: a.label ?? id, membersOf: teamId ?? id };
    }).sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
  }

  /** Saves an address; a conversation's name (a group chat's topic, often the case) is never kept. */
  private save(key: string, kind: ConversationAddress["kind"], reference: Partial<ConversationReference> & { teamId?: string }, label: string | null): Promise<void> {
    const kept = reference.conversation ? { ...reference, conversation: { ...reference.conversation, name: undefined } } : reference;
    return this.book.save({ platform: "teams", key, kind, label, reference: JSON.stringify(kept), updatedAt: this.now() });
  }
}

/** A channel or group chat as a form offers it; `membersOf` is the team (or chat) whose members may see it. */
export interface TeamsChannel {
  value: string;
  label: string;
  membersOf: string;
}

export interface TeamsAddress {
  kind: ConversationAddress["kind"];
  reference: Partial<ConversationReference>;
}

const toTeamsAddress = (a: ConversationAddress): TeamsAddress => ({ kind: a.kind, reference: JSON.parse(a.reference) as Partial<ConversationReference> });

/** The keys a Teams user is filed under: their Entra object id and their Teams user id. */
function personKeys(user: TeamsUser | undefined): string[] {
  return teamsIdsOf(user).map((id) => `person:${id}`);
}

/** A channel conversation without the thread a message was posted in (";messageid=…"). */
export function channelIdOf(activity: Partial<Activity>): string {
  return (activity.conversation?.id ?? "").split(";")[0]!;
}

/**
 * "North team › Case discussion", as far as this activity tells: a channel's name comes only
 * with some activities, and only counts when it is this conversation's channel (a
 * channelCreated event arrives in General, naming the new channel). A group chat's topic is
 * never kept: people name chats after the case.
 */
function channelLabel(activity: Activity, now: Date): string | null {
  if (activity.conversation?.conversationType === "groupChat") return `Group chat (since ${formatLondon(now)})`;
  const data = (activity.channelData ?? {}) as { team?: { name?: string; id?: string }; channel?: { name?: string; id?: string } };
  const id = channelIdOf(activity);
  const channel = data.channel?.id === id && data.channel.name ? data.channel.name : id === data.team?.id ? "General" : undefined;
  const team = data.team?.name;
  if (team && channel) return `${team} › ${channel}`;
  return null;
}
