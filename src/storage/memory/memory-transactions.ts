import { AsyncLocalStorage } from "node:async_hooks";

/** A memory repository whose state can be put back as it was: how a failed transaction rolls back. */
export interface Snapshotting {
  /** Copies the state now; the returned function puts it back. */
  snapshot(): () => void;
}

type Store = Map<unknown, unknown> | Set<unknown> | unknown[];

/** Copies the given maps, sets and arrays; the returned function refills them with the copies. */
export function snapshotOf(...stores: Store[]): () => void {
  const saved = stores.map((store) => structuredClone(store));
  return () =>
    stores.forEach((store, i) => {
      const copy = saved[i]!;
      if (Array.isArray(store)) store.splice(0, store.length, ...(copy as unknown[]));
      else if (store instanceof Map) {
        store.clear();
        for (const [key, value] of copy as Map<unknown, unknown>) store.set(key, value);
      } else {
        store.clear();
        for (const value of copy as Set<unknown>) store.add(value);
      }
    });
}

const HANDED_OVER = {};

/**
 * One holder at a time, as a database's single writer: a transaction holds the gate from its
 * start to its end, and so does each call made outside one (so no call sees a transaction's
 * writes before they are committed, or lands in the middle of them). Calls made from inside
 * the holder's own work (its async context) run at once. A call that finds the gate free runs
 * synchronously, so the memory repositories' synchronous helpers stay synchronous.
 */
export class Gate {
  private holder: object | null = null;
  private readonly waiting: (() => void)[] = [];
  private readonly context = new AsyncLocalStorage<object>();

  /** Runs `fn` holding the gate (joining the hold when called from inside it). */
  run(fn: () => unknown): unknown {
    if (this.holds()) return fn();
    if (this.holder === null) return this.hold(fn);
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(() => this.hold(fn));
  }

  /** Runs `work` as a transaction: its writes are undone by `snapshot`'s restorer if it throws. */
  async transaction<T>(snapshot: () => () => void, work: () => Promise<T>): Promise<T> {
    if (this.holds()) return work();
    return (await this.run(async () => {
      const restore = snapshot();
      try {
        return await work();
      } catch (error) {
        restore();
        throw error;
      }
    })) as T;
  }

  private holds(): boolean {
    const token = this.context.getStore();
    return token !== undefined && token === this.holder;
  }

  private hold(fn: () => unknown): unknown {
    const token = {};
    this.holder = token;
    let result: unknown;
    try {
      result = this.context.run(token, fn);
    } catch (error) {
      this.leave();
      throw error;
    }
    if (result instanceof Promise) return result.finally(() => this.leave());
    this.leave();
    return result;
  }

  private leave(): void {
    const next = this.waiting.shift();
    this.holder = next ? HANDED_OVER : null;
    next?.();
  }
}

/** The object with every method run through the gate: the repository as callers outside the memory storage see it. */
export function gated<T extends object>(target: T, gate: Gate): T {
  const wrapped = new Map<unknown, unknown>();
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== "function") return value;
      let wrapper = wrapped.get(value);
      if (!wrapper) {
        wrapper = (...args: unknown[]) => gate.run(() => (value as (...a: unknown[]) => unknown).apply(object, args));
        wrapped.set(value, wrapper);
      }
      return wrapper;
    },
  });
}
