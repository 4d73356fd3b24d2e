import { cn } from "@/components/ui/cn";

/**
 * JSON as indented text in a bounded, scrollable, focusable box. The example payload moves to the
 * shared JSON viewer (loaded with next/dynamic) once that lands; the raw schema stays plain.
 */
export function JsonBlock({ value, label, className }: { value: unknown; label: string; className?: string }) {
  return (
    <pre
      role="region"
      tabIndex={0}
      aria-label={label}
      className={cn("max-h-[28rem] overflow-auto bg-surface-2/50 px-4 py-3 font-mono text-xs leading-relaxed whitespace-pre text-fg", className)}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
