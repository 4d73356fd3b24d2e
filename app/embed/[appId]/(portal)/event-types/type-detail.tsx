"use client";

import { ArrowLeft, FileJson } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useCan, useHidden } from "@/components/portal/session-context";
import type { CatalogEventType } from "@/lib/delivery-api/types-event-types";
import { JsonBlock } from "./json-block";
import { schemaRows } from "./schema-rows";
import { SchemaTable } from "./schema-table";
import { SendExample } from "./send-example";
import type { CatalogView } from "./search-params";

function SectionHeader({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 border-b border-border px-4 py-2.5">
      <h3 className="text-sm font-semibold">{title}</h3>
      {children}
    </div>
  );
}

/** One event type: what it means, the shape of its payload, an example, and sending that example. */
export function TypeDetail({
  type,
  view,
  onView,
  backHref,
  onBack,
}: {
  type: CatalogEventType;
  view: CatalogView;
  onView: (view: CatalogView) => void;
  backHref: string;
  onBack: () => void;
}) {
  const t = useTranslations("eventTypes");
  const tc = useTranslations("common");
  const mayCreate = useCan("CreateAttempts");
  const sendHidden = useHidden("sendExample");
  const canSend = mayCreate && !sendHidden;
  const rows = useMemo(() => schemaRows(type.schema), [type.schema]);
  const example = type.examples[0];

  return (
    <article aria-labelledby="event-type-name" className="@container grid min-w-0 gap-4">
      <a
        href={backHref}
        onClick={(e) => {
          e.preventDefault();
          onBack();
        }}
        className="inline-flex items-center gap-1 justify-self-start text-sm font-medium text-muted hover:text-fg md:hidden"
      >
        <ArrowLeft aria-hidden className="size-4" /> {t("allTypes")}
      </a>
      <header className="grid gap-1.5">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="event-type-name" className="font-mono text-lg font-semibold break-all">
            {type.name}
          </h2>
          {type.deprecated ? <Badge tone="warning">{t("deprecated")}</Badge> : null}
        </div>
        <p className="text-sm text-muted">{type.description || t("noDescription")}</p>
        {type.deprecated ? <p className="text-sm text-warning">{t("deprecatedNote")}</p> : null}
      </header>

      <Card className="min-w-0 overflow-hidden">
        <Tabs value={view} onValueChange={(v) => onView(v === "raw" ? "raw" : "properties")}>
          <SectionHeader title={t("schema.title")}>
            {type.schema ? (
              <TabsList aria-label={t("schema.viewLabel")}>
                <TabsTrigger value="properties">{t("schema.properties")}</TabsTrigger>
                <TabsTrigger value="raw">{t("schema.raw")}</TabsTrigger>
              </TabsList>
            ) : null}
          </SectionHeader>
          {type.schema ? (
            <>
              <TabsContent value="properties" className="focus-visible:outline-offset-[-2px]">
                {rows.length > 0 ? (
                  <SchemaTable rows={rows} label={t("schema.tableLabel", { type: type.name })} />
                ) : (
                  <p className="px-4 py-6 text-sm text-muted">{t("schema.noProperties")}</p>
                )}
              </TabsContent>
              <TabsContent value="raw" className="focus-visible:outline-offset-[-2px]">
                <JsonBlock value={type.schema} label={t("schema.rawLabel", { type: type.name })} />
              </TabsContent>
            </>
          ) : (
            <p className="px-4 py-6 text-sm text-muted">{t("schema.none")}</p>
          )}
        </Tabs>
      </Card>

      <Card className="min-w-0 overflow-hidden">
        <SectionHeader title={t("example.title")}>
          {example !== undefined ? <CopyButton value={() => JSON.stringify(example, null, 2)} label={tc("copy")} copiedLabel={tc("copied")} /> : null}
        </SectionHeader>
        {example !== undefined ? (
          <JsonBlock value={example} label={t("example.label", { type: type.name })} />
        ) : (
          <div className="flex items-center gap-3 px-4 py-6 text-sm text-muted">
            <FileJson aria-hidden className="size-5 shrink-0" />
            {t("example.none")}
          </div>
        )}
        {canSend && example !== undefined ? (
          <div className="grid gap-3 border-t border-border px-4 py-4">
            <div>
              <h3 className="text-sm font-semibold">{t("send.title")}</h3>
              <p className="text-xs text-muted">{t("send.body")}</p>
            </div>
            <SendExample key={type.name} eventType={type.name} />
          </div>
        ) : null}
      </Card>
    </article>
  );
}

export function TypeDetailSkeleton() {
  return (
    <div className="grid gap-4" aria-hidden>
      <Skeleton className="h-6 w-56" />
      <Skeleton className="h-4 w-80 max-w-full" />
      <Skeleton className="h-56 w-full rounded-lg" />
      <Skeleton className="h-40 w-full rounded-lg" />
    </div>
  );
}
