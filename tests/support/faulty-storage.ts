import type { Storage } from "../../src/ports/storage.ts";

type Repositories = Omit<Storage, "transaction" | "close">;

/** Every port method that writes, by repository. */
const WRITES: { [R in keyof Repositories]: readonly (keyof Repositories[R])[] } = {
  notes: ["create", "updateDraft", "record", "amend", "markOnCaseRecord", "addComment", "completeAction"],
  people: ["saveAll"],
  schedule: ["saveDeadline", "meetDeadline", "schedule", "reschedule", "cancelPending", "claimDue", "settle", "addAbsence", "removeAbsence"],
  groups: ["saveSeries", "addSession", "updateSession"],
  audit: ["append"],
  inbound: ["firstSeen", "forgetBefore"],
  conversations: ["save"],
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
    const writes = WRITES[name] as readonly PropertyKey[];
    return new Proxy(repository, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== "function") return value;
        if (!writes.includes(property)) return (...args: unknown[]) => value.apply(target, args);
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
    audit: wrap("audit"),
    inbound: wrap("inbound"),
    conversations: wrap("conversations"),
    transaction: (work) => storage.transaction((tx) => work(faultyStorage(tx, plan))),
    close: () => storage.close(),
  };
}

/** The storage with `transaction` doing nothing but run the work: what the atomicity test must catch. */
export function withoutTransactions(storage: Storage): Storage {
  const plain: Storage = { ...storage, transaction: (work) => work(plain) };
  return plain;
}
