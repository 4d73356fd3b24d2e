import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A placeholder block; screens compose these into the shape of what is loading. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-surface-2", className)} {...props} />;
}
