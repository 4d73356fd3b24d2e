"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { EyeOff, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/states";
import { QueryError } from "@/components/portal/query-error";
import type { EndpointHeaders } from "@/lib/delivery-api/types-endpoints";
import { ApiError } from "@/lib/http/api-error";
import { queryKeys } from "@/lib/queries/keys";
import { usePortal } from "@/lib/queries/provider";
import { newRow, patchOf, rowsOf, type HeaderRow } from "./header-rows";

const MASK = "••••••••";

/** Extra HTTP headers sent with every delivery; sensitive values are write-only. */
export function HeadersCard({ endpointId, canManage }: { endpointId: string; canManage: boolean }) {
  const t = useTranslations("endpoints.headers");
  const { queries } = usePortal();
  const headers = useQuery(queries.endpoints.headers(endpointId));
  // Outside the editor, which starts afresh from what the server stored after each save.
  const [saved, setSaved] = useState(false);
  return (
    <Card>
      <CardHeader>
        <div className="grid gap-0.5">
          <CardTitle>{t("title")}</CardTitle>
          <p className="text-xs text-muted">{t("hint")}</p>
        </div>
      </CardHeader>
      <CardBody className="p-4 sm:p-5">
        {headers.isPending ? (
          <div aria-busy="true" className="grid gap-2">
            <Skeleton className="h-9 w-full" />
            <Skeleton className="h-9 w-2/3" />
          </div>
        ) : headers.isError ? (
          <QueryError error={headers.error} onRetry={() => void headers.refetch()} className="py-4" />
        ) : canManage ? (
          // A fresh editor for every version the server returns: what it shows is what is stored.
          <HeadersEditor key={headers.dataUpdatedAt} endpointId={endpointId} data={headers.data} saved={saved} onSaved={setSaved} />
        ) : (
          <ReadOnlyHeaders data={headers.data} />
        )}
      </CardBody>
    </Card>
  );
}

function ReadOnlyHeaders({ data }: { data: EndpointHeaders }) {
  const t = useTranslations("endpoints.headers");
  const rows = rowsOf(data);
  if (rows.length === 0) return <p className="text-sm text-muted">{t("none")}</p>;
  return (
    <dl className="-my-2 divide-y divide-border">
      {rows.map((r) => (
        <div key={r.key} className="grid gap-1 py-2 sm:grid-cols-[14rem_1fr] sm:gap-4">
          <dt className="font-mono text-[13px] break-all">{r.name}</dt>
          <dd className="min-w-0 font-mono text-[13px] break-all text-muted">{r.sensitive ? <SensitiveValue /> : r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function SensitiveValue() {
  const t = useTranslations("endpoints.headers");
  return (
    <span className="inline-flex items-center gap-1.5">
      <span aria-hidden>{MASK}</span>
      <span className="inline-flex items-center gap-1 font-sans text-xs">
        <EyeOff aria-hidden className="size-3.5" /> {t("hidden")}
      </span>
    </span>
  );
}

function HeadersEditor({ endpointId, data, saved, onSaved }: { endpointId: string; data: EndpointHeaders; saved: boolean; onSaved: (saved: boolean) => void }) {
  const t = useTranslations("endpoints.headers");
  const client = useQueryClient();
  const { api } = usePortal();
  const [rows, setRows] = useState<HeaderRow[]>(() => rowsOf(data));
  const [pending, setPending] = useState(false);
  const [problems, setProblems] = useState<{ name: string | null; message: string }[]>([]);
  const [dirty, setDirty] = useState(false);

  const touch = () => {
    setDirty(true);
    onSaved(false);
  };
  const update = (key: number, change: Partial<HeaderRow>) => {
    touch();
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
  };
  const badNames = new Set(problems.map((p) => p.name?.toLowerCase()).filter(Boolean));

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    const unnamed = rows.find((r) => !r.name.trim() && r.value);
    if (unnamed) return setProblems([{ name: null, message: t("nameRequired") }]);
    setProblems([]);
    setPending(true);
    try {
      await api.patchEndpointHeaders({ params: { id: endpointId }, body: patchOf(data, rows) });
      onSaved(true);
      await client.invalidateQueries({ queryKey: queryKeys.endpoints.headers(endpointId) });
    } catch (err) {
      const issues = err instanceof ApiError && err.issues.length > 0 ? err.issues : [{ path: "", message: err instanceof ApiError ? err.message : t("failed") }];
      setProblems(issues.map((i) => ({ name: i.path.startsWith("headers.") ? i.path.slice("headers.".length) : null, message: i.message })));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} className="grid gap-3">
      {rows.length === 0 ? <p className="text-sm text-muted">{t("none")}</p> : null}
      {rows.length > 0 ? (
        <div className="hidden grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_2rem] gap-2 text-xs font-medium text-muted sm:grid" aria-hidden>
          <span>{t("name")}</span>
          <span>{t("value")}</span>
        </div>
      ) : null}
      <ul aria-label={t("title")} className="grid gap-3 sm:gap-2">
        {rows.map((row, i) => (
          <li key={row.key} className="grid grid-cols-[minmax(0,1fr)_2rem] gap-2 border-b border-border pb-3 last:border-0 last:pb-0 sm:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_2rem] sm:border-0 sm:pb-0">
            {row.sensitive ? (
              <span className="flex h-9 min-w-0 items-center rounded-md bg-surface-2 px-3 font-mono text-[13px]">
                <span className="truncate">{row.name}</span>
              </span>
            ) : (
              <Input
                aria-label={t("nameN", { n: i + 1 })}
                aria-invalid={badNames.has(row.name.toLowerCase()) || undefined}
                value={row.name}
                onChange={(e) => update(row.key, { name: e.target.value })}
                placeholder="X-Tenant-Id"
                autoComplete="off"
                spellCheck={false}
                className="font-mono text-[13px]"
              />
            )}
            <div className="col-span-2 row-start-2 sm:col-span-1 sm:row-start-1 sm:col-start-2">
              {row.sensitive && !row.replacing ? (
                <div className="flex h-9 items-center justify-between gap-2 rounded-md border border-dashed border-border-strong px-3 text-[13px]">
                  <span className="flex min-w-0 items-center gap-2 text-muted">
                    <span aria-hidden className="font-mono">
                      {MASK}
                    </span>
                    <span className="truncate text-xs">{t("hiddenValue")}</span>
                  </span>
                  <Button variant="link" className="text-[13px]" onClick={() => update(row.key, { replacing: true })} aria-label={t("replaceFor", { name: row.name })}>
                    {t("replace")}
                  </Button>
                </div>
              ) : (
                <div className="flex gap-2">
                  <Input
                    aria-label={row.sensitive ? t("newValueFor", { name: row.name }) : t("valueN", { n: i + 1 })}
                    type={row.sensitive ? "password" : "text"}
                    value={row.value}
                    autoFocus={row.sensitive}
                    onChange={(e) => update(row.key, { value: e.target.value })}
                    autoComplete={row.sensitive ? "new-password" : "off"}
                    spellCheck={false}
                    className="font-mono text-[13px]"
                  />
                  {row.sensitive ? (
                    <Button variant="ghost" onClick={() => update(row.key, { replacing: false, value: "" })}>
                      {t("keep")}
                    </Button>
                  ) : null}
                </div>
              )}
            </div>
            <Button
              size="icon"
              variant="ghost"
              className="col-start-2 row-start-1 sm:col-start-3"
              aria-label={row.name ? t("remove", { name: row.name }) : t("removeRow", { n: i + 1 })}
              onClick={() => {
                touch();
                setRows((rs) => rs.filter((r) => r.key !== row.key));
              }}
            >
              <Trash2 aria-hidden className="text-muted" />
            </Button>
          </li>
        ))}
      </ul>
      {problems.length > 0 ? (
        <ul role="alert" className="grid gap-1 text-xs font-medium text-danger">
          {problems.map((p, i) => (
            <li key={i}>{p.name ? `${p.name}: ${p.message}` : p.message}</li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2 border-t border-border pt-3">
        <Button
          variant="ghost"
          onClick={() => {
            touch();
            setRows((rs) => [...rs, newRow()]);
          }}
        >
          <Plus aria-hidden /> {t("add")}
        </Button>
        <span role="status" className="ml-auto text-sm text-muted">
          {saved ? t("saved") : ""}
        </span>
        <Button type="submit" variant="primary" disabled={pending || !dirty}>
          {pending ? <Spinner className="size-3.5" /> : null}
          {pending ? t("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}
