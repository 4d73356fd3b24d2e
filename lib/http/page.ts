/**
 * One page of a cursor-paginated list, shaped like the Svix API's lists. `prevIterator` is null
 * where a list only pages forward (the admin API's).
 */
export type Page<T> = { data: T[]; iterator: string | null; prevIterator: string | null; done: boolean };

export function emptyPage<T>(): Page<T> {
  return { data: [], iterator: null, prevIterator: null, done: true };
}

export function onePage<T>(data: T[]): Page<T> {
  return { data, iterator: null, prevIterator: null, done: true };
}
