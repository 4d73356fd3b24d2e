import type { Page } from "@/lib/http/page";

/** An upstream list page in our shape, each row through `map`. */
export function toPage<S, T>(res: { data: S[]; iterator: string | null; prevIterator?: string | null; done: boolean }, map: (s: S) => T): Page<T> {
  return { data: res.data.map(map), iterator: res.iterator, prevIterator: res.prevIterator ?? null, done: res.done };
}
