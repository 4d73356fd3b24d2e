"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Plus, Webhook } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { PageHeader } from "@/components/portal/page-header";
import { Pager } from "@/components/portal/pager";
import { QueryError } from "@/components/portal/query-error";
import { useCan, usePortalHref } from "@/components/portal/session-context";
import { usePortal } from "@/lib/queries/provider";
import { EndpointRow, EndpointRowsSkeleton } from "./endpoint-row";

const PAGE_SIZE = 50;

/** The application's endpoints with their health; where a new user starts. */
export function EndpointsScreen() {
  const t = useTranslations("endpoints");
  const { queries } = usePortal();
  const href = usePortalHref();
  const canManage = useCan("ManageEndpoint");
  const [iterator, setIterator] = useState<string | undefined>();
  const list = useQuery({ ...queries.endpoints.list({ limit: PAGE_SIZE, iterator }), placeholderData: keepPreviousData });

  const add = canManage ? (
    <Button variant="primary" asChild>
      <Link href={href("endpoints/new")}>
        <Plus aria-hidden /> {t("add")}
      </Link>
    </Button>
  ) : null;

  const rows = list.data?.data ?? [];
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={rows.length > 0 || iterator ? add : null} />
      {list.isPending ? (
        <Card aria-busy="true">
          <EndpointRowsSkeleton />
        </Card>
      ) : list.isError ? (
        <Card>
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        </Card>
      ) : rows.length === 0 && !iterator ? (
        <Card>
          <EmptyState icon={<Webhook />} title={t("emptyTitle")} action={add}>
            <p>{t("emptyBody")}</p>
            {!canManage ? <p className="mt-2">{t("emptyReadOnly")}</p> : null}
          </EmptyState>
        </Card>
      ) : (
        <Card>
          <ul aria-label={t("title")} className="divide-y divide-border">
            {rows.map((ep) => (
              <EndpointRow key={ep.id} endpoint={ep} href={href(`endpoints/${ep.id}`)} />
            ))}
          </ul>
          <Pager
            className="border-t border-border"
            hasNewer={Boolean(iterator)}
            hasOlder={!list.data.done && Boolean(list.data.iterator)}
            onNewer={() => setIterator(list.data.prevIterator ?? undefined)}
            onOlder={() => setIterator(list.data.iterator ?? undefined)}
          />
        </Card>
      )}
    </>
  );
}
