"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/portal/page-header";
import { RelativeTime, useFormats } from "@/components/portal/time";
import type { MessageDetail } from "@/lib/delivery-api/types-messages";

/** A fact with its label; ids come with a copy button, since that is what a user does with them. */
function Fact({ label, children, copy }: { label: string; children: ReactNode; copy?: { value: string; label: string } }) {
  const t = useTranslations("message");
  return (
    <div className="min-w-0">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="mt-0.5 flex min-w-0 items-center gap-1.5 text-sm">
        <span className="min-w-0 truncate">{children}</span>
        {copy ? <CopyButton value={copy.value} label={copy.label} copiedLabel={t("copied")} variant="ghost" className="h-6 shrink-0 px-1.5 text-xs [&_span]:sr-only" /> : null}
      </dd>
    </div>
  );
}

/** The event type as the title, then the ids, the time (exact and relative) and the channels. */
export function MessageHeader({ message, back }: { message: MessageDetail; back: ReactNode }) {
  const t = useTranslations("message");
  const f = useFormats();
  return (
    <div>
      <PageHeader
        back={back}
        title={<span className="font-mono text-lg">{message.eventType}</span>}
        description={
          <>
            {t("sent")} <RelativeTime date={message.timestamp} />
          </>
        }
      />
      <Card className="-mt-1">
        <dl className="grid gap-x-6 gap-y-3 px-4 py-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)_minmax(0,1.2fr)_minmax(0,1fr)]">
          <Fact label={t("messageId")} copy={{ value: message.id, label: t("copyMessageId") }}>
            <code className="text-[13px]">{message.id}</code>
          </Fact>
          <Fact label={t("eventId")} copy={message.eventId ? { value: message.eventId, label: t("copyEventId") } : undefined}>
            {message.eventId ? <code className="text-[13px]">{message.eventId}</code> : <span className="text-muted">{t("noEventId")}</span>}
          </Fact>
          <Fact label={t("time")}>
            <time dateTime={message.timestamp}>{f.exact(message.timestamp)}</time>
          </Fact>
          <Fact label={t("channels")}>
            {message.channels.length ? (
              <span className="flex flex-wrap gap-1">
                {message.channels.map((c) => (
                  <code key={c} className="rounded bg-surface-2 px-1.5 py-0.5 text-xs">
                    {c}
                  </code>
                ))}
              </span>
            ) : (
              <span className="text-muted">{t("noChannels")}</span>
            )}
          </Fact>
        </dl>
      </Card>
    </div>
  );
}
