"use client";

import { CircleCheck, CircleX, Clock, RotateCw, Loader } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui/badge";

/** Every status a message or attempt can show, in the portal's words. */
export type ShownStatus = "success" | "fail" | "canceled" | "retrying" | "sending" | "pending" | "none";

const LOOK: Record<ShownStatus, { tone: Tone; label: "success" | "failed" | "retrying" | "sending" | "pending" | "none"; Icon: typeof Clock | null }> = {
  success: { tone: "success", label: "success", Icon: CircleCheck },
  fail: { tone: "danger", label: "failed", Icon: CircleX },
  canceled: { tone: "danger", label: "failed", Icon: CircleX },
  retrying: { tone: "warning", label: "retrying", Icon: RotateCw },
  sending: { tone: "info", label: "sending", Icon: Loader },
  pending: { tone: "info", label: "pending", Icon: Clock },
  none: { tone: "neutral", label: "none", Icon: null },
};

/** A status as a badge: colour, icon and word (never colour alone). */
export function DeliveryStatus({ status }: { status: ShownStatus }) {
  const t = useTranslations("common.status");
  const look = LOOK[status];
  return (
    <Badge tone={look.tone}>
      {look.Icon ? <look.Icon aria-hidden /> : null}
      {t(look.label)}
    </Badge>
  );
}
