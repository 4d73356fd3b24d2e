"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** Keyset paging: Newer / Older, never page numbers (a log has no stable page N). */
export function Pager({ hasNewer, hasOlder, onNewer, onOlder, className }: { hasNewer: boolean; hasOlder: boolean; onNewer: () => void; onOlder: () => void; className?: string }) {
  const t = useTranslations("common");
  if (!hasNewer && !hasOlder) return null;
  return (
    <nav aria-label={t("pages")} className={cn("flex items-center justify-end gap-2 px-4 py-2.5", className)}>
      <Button size="sm" onClick={onNewer} disabled={!hasNewer}>
        <ChevronLeft aria-hidden /> {t("newer")}
      </Button>
      <Button size="sm" onClick={onOlder} disabled={!hasOlder}>
        {t("older")} <ChevronRight aria-hidden />
      </Button>
    </nav>
  );
}
