import { and, asc, desc, gt, lt, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

export type ListResponse<T> = { data: T[]; iterator: string | null; prevIterator: string | null; done: boolean };

export type PageRequest = { limit: number; iterator?: string; order: "ascending" | "descending" };

/**
 * Svix's cursor pagination: the iterator is the last id of a page; "-" + the first id walks back.
 * Returns the WHERE part for the cursor, the ORDER BY to fetch in, and a function that turns the
 * `limit + 1` fetched rows into the response (always shown in the requested order).
 */
export function cursor(column: PgColumn, page: PageRequest) {
  const backwards = page.iterator?.startsWith("-") ?? false;
  const value = backwards ? page.iterator!.slice(1) : page.iterator;
  const ascending = (page.order === "ascending") !== backwards;
  const where: SQL | undefined = value === undefined ? undefined : ascending ? gt(column, value) : lt(column, value);
  return {
    where,
    orderBy: ascending ? asc(column) : desc(column),
    fetch: page.limit + 1,
    finish<R, T>(fetched: R[], idOf: (row: R) => string, map: (row: R) => T): ListResponse<T> {
      const done = fetched.length <= page.limit;
      const pageRows = fetched.slice(0, page.limit);
      if (backwards) pageRows.reverse();
      return page_(pageRows, done, idOf, map);
    },
  };
}

export function page_<R, T>(rows: R[], done: boolean, idOf: (row: R) => string, map: (row: R) => T): ListResponse<T> {
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    data: rows.map(map),
    iterator: last === undefined ? null : idOf(last),
    prevIterator: first === undefined ? null : `-${idOf(first)}`,
    done,
  };
}

export const whereAll = (...parts: (SQL | undefined)[]) => and(...parts.filter((p): p is SQL => p !== undefined));
