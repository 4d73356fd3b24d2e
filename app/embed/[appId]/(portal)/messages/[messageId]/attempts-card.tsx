"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState } from "@/components/ui/states";
import { Pager } from "@/components/portal/pager";
import { QueryError } from "@/components/portal/query-error";
import type { MessageDetail } from "@/lib/delivery-api/types-messages";
import { usePortal } from "@/lib/queries/provider";
import { AttemptRow } from "./attempt-row";
import { writeMessageView, type MessageView } from "./search-params";

const PAGE_SIZE = 20;
const ALL = "all";

/** The message's attempts, newest first, to every endpoint or to one (the choice is in the URL). */
export function AttemptsCard({ message, view }: { message: MessageDetail; view: MessageView }) {
  const t = useTranslations("message.attempts");
  const router = useRouter();
  const pathname = usePathname();
  const go = (change: Partial<MessageView>) => router.replace(pathname + writeMessageView(view, change), { scroll: false });
  const known = message.destinations.some((d) => d.endpointId === view.endpoint);
  const options = [{ value: ALL, label: t("allEndpoints") }, ...message.destinations.map((d) => ({ value: d.endpointId, label: d.url }))];
  return (
    <Card aria-labelledby="attempts-title">
      <CardHeader>
        <CardTitle id="attempts-title">{t("title")}</CardTitle>
        {message.destinations.length > 1 ? (
          <Select
            aria-label={t("endpointFilter")}
            value={known && view.endpoint ? view.endpoint : ALL}
            onValueChange={(v) => go({ endpoint: v === ALL ? null : v, attempt: null })}
            options={options}
            className="h-8 w-full max-w-80 font-mono text-xs sm:w-80"
          />
        ) : null}
      </CardHeader>
      {/* A new filter starts from the newest page. */}
      <AttemptsList key={view.endpoint ?? ALL} messageId={message.id} endpoint={known ? view.endpoint : null} open={view.attempt} onOpen={(id) => go({ attempt: id })} showEndpoint={!known && message.destinations.length > 1} />
    </Card>
  );
}

function AttemptsList({ messageId, endpoint, open, onOpen, showEndpoint }: { messageId: string; endpoint: string | null; open: string | null; onOpen: (id: string | null) => void; showEndpoint: boolean }) {
  const t = useTranslations("message.attempts");
  const { queries } = usePortal();
  const [iterator, setIterator] = useState<string | undefined>();
  const list = useQuery({ ...queries.messages.attempts(messageId, { endpoint: endpoint ?? undefined, limit: PAGE_SIZE, iterator }), placeholderData: keepPreviousData });
  if (list.isPending) {
    return (
      <div aria-busy="true" className="divide-y divide-border">
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex items-center gap-4 px-4 py-3">
            <Skeleton className="h-5 w-24" />
            <Skeleton className="h-4 w-1/3" />
            <Skeleton className="ml-auto h-4 w-28" />
          </div>
        ))}
      </div>
    );
  }
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const rows = list.data.data;
  if (rows.length === 0 && !iterator) {
    return (
      <EmptyState icon={<History />} title={t("emptyTitle")}>
        {t("emptyBody")}
      </EmptyState>
    );
  }
  return (
    <>
      <ol aria-label={t("title")} className="divide-y divide-border">
        {rows.map((a) => (
          <AttemptRow key={a.id} attempt={a} open={open === a.id} onToggle={() => onOpen(open === a.id ? null : a.id)} showEndpoint={showEndpoint} />
        ))}
      </ol>
      <Pager
        className="border-t border-border"
        hasNewer={Boolean(iterator)}
        hasOlder={!list.data.done && Boolean(list.data.iterator)}
        onNewer={() => setIterator(list.data.prevIterator ?? undefined)}
        onOlder={() => setIterator(list.data.iterator ?? undefined)}
      />
    </>
  );
}
