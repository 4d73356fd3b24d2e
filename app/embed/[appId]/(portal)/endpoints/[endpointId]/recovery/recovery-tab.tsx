"use client";

import { History, RotateCcw } from "lucide-react";
import { NotFoundState } from "@/components/portal/query-error";
import { useCan, useHidden } from "@/components/portal/session-context";
import { RecoveryCard } from "./recovery-card";

/** Bringing a receiver up to date after an outage: retry what failed, send what never went. */
export function RecoveryTab({ id }: { id: string }) {
  const can = useCan("CreateAttempts");
  const hidden = useHidden("recover");
  // The tab is not linked without these; a typed-in URL gets the same answer as an unknown page.
  if (!can || hidden) return <NotFoundState />;
  return (
    <div className="grid gap-5 lg:grid-cols-2 lg:items-start">
      <RecoveryCard id={id} kind="recover" icon={<RotateCcw />} />
      <RecoveryCard id={id} kind="replay" icon={<History />} />
    </div>
  );
}
