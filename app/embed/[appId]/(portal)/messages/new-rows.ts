"use client";

import { useCallback, useState } from "react";
import type { MessageSummary } from "@/lib/delivery-api/types-messages";

/**
 * Rows that arrive above the list while the user reads it. At the top they join at once; scrolled
 * down, they wait behind a "N new messages" button so nothing the user reads moves. Message ids
 * sort by time, so "newer than the newest shown" is a string comparison.
 */
export function useNewRows(rows: MessageSummary[], live: boolean, atTop: () => boolean) {
  const newest = rows[0]?.id ?? null;
  const [shownTop, setShownTop] = useState<string | null>(newest);
  const [arrived, setArrived] = useState<{ count: number; seq: number }>({ count: 0, seq: 0 });
  const [lastNewest, setLastNewest] = useState<string | null>(newest);

  // A new first page (the data changed under us) is handled while rendering, not in an effect.
  if (newest !== lastNewest) {
    setLastNewest(newest);
    const fresh = live && shownTop !== null && newest !== null ? rows.filter((r) => r.id > shownTop).length : 0;
    if (fresh === 0 || atTop()) {
      setShownTop(newest);
      if (fresh > 0) setArrived((a) => ({ count: fresh, seq: a.seq + 1 }));
    }
  }

  const held = live && shownTop !== null ? rows.filter((r) => r.id > shownTop).length : 0;
  const visible = held > 0 ? rows.filter((r) => r.id <= shownTop!) : rows;
  const reveal = useCallback(() => {
    setShownTop(newest);
    setArrived((a) => ({ count: held, seq: a.seq + 1 }));
  }, [newest, held]);
  return { visible, held, arrived, reveal };
}
