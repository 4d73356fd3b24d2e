"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { isNotFound, NotFoundState, QueryError } from "@/components/portal/query-error";
import { usePortalHref } from "@/components/portal/session-context";
import { usePortal } from "@/lib/queries/provider";
import { AttemptsCard } from "./attempts-card";
import { DestinationsCard } from "./destinations-card";
import { MessageHeader } from "./message-header";
import { PayloadCard } from "./payload-card";
import { logHref, readMessageView } from "./search-params";

/** One message: what was sent, where it went, and every attempt to get it there. */
export function MessageScreen({ messageId }: { messageId: string }) {
  const t = useTranslations("message");
  const { queries } = usePortal();
  const href = usePortalHref();
  const view = readMessageView(useSearchParams());
  const detail = useQuery(queries.messages.detail(messageId));
  const back = (
    <Link href={logHref(href("messages"), view)} className="inline-flex w-fit items-center gap-1 text-sm text-muted hover:text-fg">
      <ArrowLeft aria-hidden className="size-4" /> {t("back")}
    </Link>
  );

  if (detail.isPending) return <MessageSkeleton back={back} />;
  if (detail.isError) {
    if (isNotFound(detail.error)) {
      return (
        <NotFoundState
          action={
            <Button asChild>
              <Link href={logHref(href("messages"), view)}>{t("back")}</Link>
            </Button>
          }
        />
      );
    }
    return (
      <>
        <div className="mb-5">{back}</div>
        <Card>
          <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
        </Card>
      </>
    );
  }
  const message = detail.data;
  return (
    // One minmax(0, 1fr) column: a long payload line scrolls inside the viewer, never widens the page.
    <div className="grid grid-cols-1 gap-5">
      <MessageHeader message={message} back={back} />
      <PayloadCard payload={message.payload} />
      <DestinationsCard message={message} />
      <AttemptsCard message={message} view={view} />
    </div>
  );
}

function MessageSkeleton({ back }: { back: React.ReactNode }) {
  return (
    <div aria-busy="true" className="grid grid-cols-1 gap-5">
      <div className="grid gap-2">
        {back}
        <Skeleton className="h-7 w-56" />
        <Skeleton className="h-4 w-80 max-w-full" />
      </div>
      <Skeleton className="h-20 w-full rounded-lg" />
      <Skeleton className="h-64 w-full rounded-lg" />
      <Skeleton className="h-32 w-full rounded-lg" />
    </div>
  );
}
