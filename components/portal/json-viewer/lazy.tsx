"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * The viewer as its own chunk: a screen that shows JSON imports this, and the viewer's code (the
 * virtualizer, the tokenizer) loads only there, never in another screen's first load.
 */
export const LazyJsonViewer = dynamic(() => import("./json-viewer").then((m) => m.JsonViewer), {
  ssr: false,
  loading: () => (
    <div aria-busy="true" className="grid gap-2 rounded-md border border-border p-3">
      <Skeleton className="h-4 w-1/3" />
      <Skeleton className="h-4 w-2/3" />
      <Skeleton className="h-4 w-1/2" />
    </div>
  ),
});
