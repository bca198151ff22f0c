import type { Storage } from "../../src/ports/storage.ts";

type Repositories = Omit<Storage, "transaction" | "readiness" | "close">;

type Kind = "read" | "write";

/** Every port method, by repository, as a read or a write: a method added to a port must be classed here (the compiler says so). */
const METHODS: { [R in keyof Repositories]: { [M in keyof Repositories[R]]-?: Kind } } = {
  notes: {
    create: "write", updateDraft: "write", record: "write", amend: "write", markOnCaseRecord: "write", discardDraft: "write", withdrawGroupOutcome: "write", purge: "write", addComment: "write", completeAction: "write",
    findById: "read", listByCase: "read", listByParticipant: "read", listInvolving: "read", listDiscussedBetween: "read", revisions: "read", comments: "read", listRetentionCandidates: "read", wholeNotes: "read",
  },
  people: { saveAll: "write", findById: "read", findByHandle: "read", findByPlatformId: "read", list: "read", lastKnown: "read" },
  schedule: {
    saveDeadline: "write", addDeadlines: "write", meetDeadline: "write", schedule: "write", addReminders: "write", reschedule: "write", cancelPending: "write", claimDue: "write", settle: "write", releaseClaims: "write", addAbsence: "write", removeAbsence: "write",
    findDeadline: "read", deadlinesForNote: "read", deadlinesFor: "read", openDeadlines: "read", findReminder: "read", reminders: "read", dueBacklog: "read", absences: "read",
  },
  groups: { saveSeries: "write", addSession: "write", updateSession: "write", findSeries: "read", seriesOfTeam: "read", listSeries: "read", findSession: "read", sessionsOf: "read" },
  cases: { save: "write", find: "read", list: "read", history: "read" },
  supervision: {
    addSessions: "write", updateSession: "write", addAgreement: "write", updateAgreement: "write",
    findSession: "read", sessions: "read", findAgreement: "read", agreementsOf: "read", agreementsSupervisedBy: "read",
  },
  audit: { append: "write", list: "read", last: "read" },
  inbound: { firstSeen: "write", forgetBefore: "write" },
  conversations: { save: "write", get: "read", list: "read" },
};

/** The writes a faulty storage has seen ("notes.create", …), and the one after which it throws (1-based; null: never). */
export interface FaultPlan {
  failAfter: number | null;
  writes: string[];
}

export class InjectedFailure extends Error {
  constructor(write: string) {
    super(`injected failure after ${write}`);
    this.name = "InjectedFailure";
  }
}

/**
 * The storage with every write counted, through any transaction it opens as well: the
 * `plan.failAfter`-th write is made and then throws, as if the process had failed right
 * after it.
 */
export function faultyStorage(storage: Storage, plan: FaultPlan): Storage {
  const wrap = <R extends keyof Repositories>(name: R): Repositories[R] => {
    const repository = storage[name] as object;
    const methods = METHODS[name] as Record<PropertyKey, Kind>;
    return new Proxy(repository, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== "function") return value;
        if (methods[property] !== "write") return (...args: unknown[]) => value.apply(target, args);
        return async (...args: unknown[]) => {
          const result: unknown = await value.apply(target, args);
          const write = `${name}.${String(property)}`;
          plan.writes.push(write);
          if (plan.writes.length === plan.failAfter) throw new InjectedFailure(write);
          return result;
        };
      },
    }) as Repositories[R];
  };
  return {
    notes: wrap("notes"),
    people: wrap("people"),
    schedule: wrap("schedule"),
    groups: wrap("groups"),
    cases: wrap("cases"),
    supervision: wrap("supervision"),
    audit: wrap("audit"),
    inbound: wrap("inbound"),
    conversations: wrap("conversations"),
    transaction: (work) => storage.transaction((tx) => work(faultyStorage(tx, plan))),
    readiness: () => storage.readiness(),
    close: () => storage.close(),
  };
}

/** The storage with `transaction` doing nothing but run the work: what the atomicity test must catch. */
export function withoutTransactions(storage: Storage): Storage {
  const plain: Storage = { ...storage, transaction: (work) => work(plain) };
  return plain;
}
