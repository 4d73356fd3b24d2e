/** One page of a cursor-paginated list, as the portal's screens consume it. */
export type Page<T> = { data: T[]; iterator: string | null; prevIterator: string | null; done: boolean };
