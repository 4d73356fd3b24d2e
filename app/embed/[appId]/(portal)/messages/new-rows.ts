"use client";

import { useState } from "react";
import type { MessageSummary } from "@/lib/delivery-api/types-messages";

/** The view it was worked out for, the newest row the user has been shown, and those rows. */
type Seen = { key: string | null; top: string | null; newest: string | null; rows: MessageSummary[] };

/**
 * Rows that arrive above the list while the user reads it. At the top they join at once; scrolled
 * down, they wait behind a "N new messages" button so nothing the user reads moves. A new view
 * (`key`: other filters, another page) starts afresh: its rows are not "new". Message ids sort by
 * time, so "newer than the newest shown" is a string comparison.
 */
export function useNewRows(rows: MessageSummary[], opts: { key: string; live: boolean; settled: boolean; atTop: () => boolean }) {
  const newest = rows[0]?.id ?? null;
  const [seen, setSeen] = useState<Seen>({ key: null, top: null, newest: null, rows: [] });
  const [arrived, setArrived] = useState({ count: 0, seq: 0 });

  // Worked out while rendering (React's "adjust state on a prop change"), not in an effect.
  if (opts.settled && opts.key !== seen.key) {
    setSeen({ key: opts.key, top: newest, newest, rows });
  } else if (opts.settled && newest !== seen.newest) {
    const fresh = opts.live && seen.top !== null ? rows.filter((r) => r.id > seen.top!).length : 0;
    const join = fresh === 0 || opts.atTop();
    setSeen({ ...seen, top: join ? newest : seen.top, newest, rows: join ? rows : seen.rows });
    if (join && fresh > 0) setArrived((a) => ({ count: fresh, seq: a.seq + 1 }));
  }

  const top = opts.settled && opts.key === seen.key ? seen.top : newest;
  const held = opts.live && top !== null ? rows.filter((r) => r.id > top).length : 0;
  // While new rows wait, the rows on screen stay the same ones (the page's oldest would otherwise
  // drop off its end and move what is in view), each with its latest state.
  const latest = new Map(rows.map((r) => [r.id, r]));
  return {
    visible: held > 0 ? seen.rows.map((r) => latest.get(r.id) ?? r) : rows,
    held,
    arrived,
    reveal() {
      setSeen({ ...seen, top: newest, rows });
      setArrived((a) => ({ count: held, seq: a.seq + 1 }));
    },
  };
}
