/**
 * Makes `method` of every object sharing `target`'s class throw `error` until the returned
 * function is called: a storage failure inside a turn, whichever store the test runs on (a
 * Prisma turn works on repositories of its own transaction, of the same class).
 * Example: const restore = breakMethod(bot.storage.notes, "record", new Error("disk full"));
 */
export function breakMethod<T extends object>(target: T, method: keyof T & string, error: Error): () => void {
  const owner = Object.getPrototypeOf(target) as Record<string, unknown>;
  const own = Object.prototype.hasOwnProperty.call(target, method);
  const holder = (own ? target : owner) as Record<string, unknown>;
  const original = holder[method];
  holder[method] = async () => {
    throw error;
  };
  return () => {
    holder[method] = original;
  };
}
