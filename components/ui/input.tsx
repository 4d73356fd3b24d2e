import type { ComponentProps } from "react";
import { cn } from "./cn";

export const fieldClass =
  "w-full rounded-md border border-border-strong bg-surface px-3 text-sm text-fg placeholder:text-muted shadow-xs " +
  "focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring aria-invalid:border-danger disabled:opacity-60";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(fieldClass, "h-9", className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(fieldClass, "min-h-20 py-2", className)} {...props} />;
}
