"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { EndpointForm } from "@/components/portal/endpoint-form";
import { changedFields, valuesOf, type EndpointValues } from "@/components/portal/endpoint-values";
import { useHidden } from "@/components/portal/session-context";
import type { Endpoint } from "@/lib/delivery-api/types-endpoints";
import { queryKeys } from "@/lib/queries/keys";
import { usePortal } from "@/lib/queries/provider";

/** URL, description, events, channels and rate limit: the form with ManageEndpoint, the facts without. */
export function DetailsCard({ endpoint, canManage }: { endpoint: Endpoint; canManage: boolean }) {
  const t = useTranslations("endpoints.settings");
  const client = useQueryClient();
  const { api } = usePortal();
  const [saved, setSaved] = useState<"saved" | "unchanged" | null>(null);

  async function save(values: EndpointValues): Promise<void> {
    setSaved(null);
    const changes = changedFields(endpoint, values);
    if (Object.keys(changes).length === 0) return setSaved("unchanged");
    const next = await api.updateEndpoint({ params: { id: endpoint.id }, body: changes });
    client.setQueryData(queryKeys.endpoints.detail(endpoint.id), next);
    await client.invalidateQueries({ queryKey: queryKeys.endpoints.list() });
    setSaved("saved");
  }

  return (
    <Card>
      <CardHeader>
        <div className="grid gap-0.5">
          <CardTitle>{t("detailsTitle")}</CardTitle>
          <p className="text-xs text-muted">{canManage ? t("detailsHint") : t("readOnlyHint")}</p>
        </div>
      </CardHeader>
      <CardBody className="p-4 sm:p-5">
        {canManage ? (
          <EndpointForm
            initial={valuesOf(endpoint)}
            onSubmit={save}
            submitLabel={t("save")}
            pendingLabel={t("saving")}
            secondary={
              <span role="status" className="text-sm text-muted">
                {saved === "saved" ? t("saved") : saved === "unchanged" ? t("unchanged") : ""}
              </span>
            }
          />
        ) : (
          <ReadOnlyDetails endpoint={endpoint} />
        )}
      </CardBody>
    </Card>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[10rem_1fr] sm:gap-4">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

function Codes({ items, none }: { items: string[] | null; none: string }) {
  if (!items || items.length === 0) return <span className="text-muted">{none}</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {items.map((name) => (
        <li key={name}>
          <code className="rounded bg-surface-2 px-1.5 py-0.5 text-xs break-all">{name}</code>
        </li>
      ))}
    </ul>
  );
}

function ReadOnlyDetails({ endpoint: ep }: { endpoint: Endpoint }) {
  const t = useTranslations("endpoints.settings");
  const f = useTranslations("endpoints.form");
  const hideChannels = useHidden("channels");
  const hideRate = useHidden("rateLimit");
  return (
    <dl className="-my-2.5 divide-y divide-border">
      <Row label={f("url")}>
        <span className="font-mono text-[13px] break-all">{ep.url}</span>
      </Row>
      <Row label={f("description")}>{ep.description || <span className="text-muted">{t("noDescription")}</span>}</Row>
      <Row label={t("events")}>
        <Codes items={ep.filterTypes} none={t("allEvents")} />
      </Row>
      {!hideChannels ? (
        <Row label={f("channels")}>
          <Codes items={ep.channels} none={t("allChannels")} />
        </Row>
      ) : null}
      {!hideRate ? <Row label={f("rateLimit")}>{ep.rateLimit === null ? <span className="text-muted">{t("noRateLimit")}</span> : t("perSecond", { rate: ep.rateLimit })}</Row> : null}
    </dl>
  );
}
