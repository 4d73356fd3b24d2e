"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useState } from "react";
import type { MessageSummary } from "@/lib/delivery-api/types-messages";
import { MessageRow } from "./message-row";

/** Up to this many rows render as they are; a longer page renders only what is near the viewport. */
const PLAIN_MAX = 100;
const ROW_ESTIMATE = 62;

type Props = { rows: MessageSummary[]; hrefOf: (id: string) => string; label: string; busy: boolean };

/** The page's rows: plain for the usual page, windowed for 250, so a long page does not block the main thread. */
export function MessageList(props: Props) {
  return props.rows.length > PLAIN_MAX ? <WindowedList {...props} /> : <PlainList {...props} />;
}

function PlainList({ rows, hrefOf, label, busy }: Props) {
  return (
    <ul aria-label={label} aria-busy={busy ? "true" : undefined} className="divide-y divide-border">
      {rows.map((m) => (
        <MessageRow key={m.id} message={m} href={hrefOf(m.id)} />
      ))}
    </ul>
  );
}

function WindowedList({ rows, hrefOf, label, busy }: Props) {
  // Where the list starts on the page, taken when it mounts (the filters above it do not move).
  const [top, setTop] = useState(0);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
    scrollMargin: top,
    getItemKey: (i) => rows[i]!.id,
  });
  return (
    <ul
      ref={(el) => {
        if (el) setTop(el.getBoundingClientRect().top + window.scrollY);
      }}
      aria-label={label}
      aria-busy={busy ? "true" : undefined}
      className="relative divide-y divide-border"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const m = rows[item.index]!;
        return (
          <MessageRow
            key={m.id}
            message={m}
            href={hrefOf(m.id)}
            data-index={item.index}
            ref={virtualizer.measureElement}
            style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${item.start - top}px)` }}
          />
        );
      })}
    </ul>
  );
}
