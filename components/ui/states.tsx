import type { ReactNode } from "react";
import { cn } from "./cn";

/** Nothing here yet: says what this place is for and what to do next. */
export function EmptyState({ icon, title, children, action, className }: { icon?: ReactNode; title: ReactNode; children?: ReactNode; action?: ReactNode; className?: string }) {
  return (
    <div className={cn("mx-auto flex max-w-md flex-col items-center gap-3 px-4 py-12 text-center", className)}>
      {icon ? <div className="grid size-10 place-items-center rounded-full bg-surface-2 text-muted [&_svg]:size-5">{icon}</div> : null}
      <h2 className="text-base font-semibold">{title}</h2>
      {children ? <div className="text-sm text-muted">{children}</div> : null}
      {action ? <div className="mt-1">{action}</div> : null}
    </div>
  );
}

/** Something failed: what, and a way to try again. */
export function ErrorState({ title, children, action, className }: { title: ReactNode; children?: ReactNode; action?: ReactNode; className?: string }) {
  return (
    <div role="alert" className={cn("mx-auto flex max-w-md flex-col items-center gap-2 px-4 py-10 text-center", className)}>
      <h2 className="text-base font-semibold text-danger">{title}</h2>
      {children ? <div className="text-sm text-muted">{children}</div> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}

export function Spinner({ className, label }: { className?: string; label?: string }) {
  return (
    <span role={label ? "status" : undefined} aria-label={label} className={cn("inline-block size-4 animate-spin rounded-full border-2 border-current border-t-transparent", className)} />
  );
}
