"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/states";
import { QueryError } from "@/components/portal/query-error";
import { useFormats } from "@/components/portal/time";
import { ApiError } from "@/lib/http/api-error";
import { usePortal } from "@/lib/queries/provider";
import type { LogFilters as Filters } from "./search-params";

const FORMATS = ["csv", "json"] as const;

/** Saves a Blob under a name, the way a link with `download` does. */
function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the file over; the URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Body({ filters, onDone }: { filters: Filters; onDone: () => void }) {
  const t = useTranslations("messages.export");
  const tc = useTranslations("common");
  const f = useFormats();
  const { api, queries } = usePortal();
  const [format, setFormat] = useState<(typeof FORMATS)[number]>("csv");
  const count = useQuery({ ...queries.messages.count(filters), staleTime: 0 });
  const download = useMutation({
    mutationFn: async () => {
      const blob = await api.exportMessages({ query: { ...filters, format } });
      save(blob, `messages-${new Date().toISOString().slice(0, 10)}.${format}`);
    },
    onSuccess: onDone,
  });

  return (
    <>
      <div aria-live="polite" aria-busy={count.isPending} className="rounded-lg border border-border bg-surface-2/50 px-3 py-2.5 text-sm">
        {count.isPending ? (
          <span className="flex items-center gap-2 text-muted">
            <Spinner /> {t("counting")}
          </span>
        ) : count.isError ? (
          <QueryError className="py-2" error={count.error} onRetry={() => void count.refetch()} />
        ) : count.data.capped ? (
          <span data-testid="export-count">{t("capped", { max: f.number(count.data.max) })}</span>
        ) : (
          <span data-testid="export-count">{count.data.count === 0 ? t("none") : t("count", { count: count.data.count })}</span>
        )}
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-1.5 text-sm font-medium">{t("format")}</legend>
        <div className="grid grid-cols-2 gap-2">
          {FORMATS.map((fmt) => (
            <label key={fmt} className="flex cursor-pointer items-start gap-2.5 rounded-lg border border-border p-3 has-[:checked]:border-primary has-[:checked]:bg-surface-2/60">
              <input type="radio" name="export-format" value={fmt} checked={format === fmt} onChange={() => setFormat(fmt)} className="mt-0.5 accent-[var(--color-primary)]" />
              <span className="grid gap-0.5">
                <span className="text-sm font-medium">{t(`${fmt}.label`)}</span>
                <span className="text-xs text-muted">{t(`${fmt}.hint`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {download.isError ? (
        <p role="alert" className="text-sm text-danger">
          {t("failed", { detail: download.error instanceof ApiError ? download.error.message : "" })}
        </p>
      ) : null}
      <DialogFooter>
        <DialogClose asChild>
          <Button>{tc("cancel")}</Button>
        </DialogClose>
        <Button variant="primary" disabled={!count.isSuccess || count.data.count === 0 || download.isPending} onClick={() => download.mutate()}>
          {download.isPending ? <Spinner /> : <Download aria-hidden />}
          {t("download")}
        </Button>
      </DialogFooter>
    </>
  );
}

/** Export of the current filter: the row count first, then the BFF's streamed file. */
export function ExportDialog({ filters }: { filters: Filters }) {
  const t = useTranslations("messages.export");
  const tc = useTranslations("common");
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Download aria-hidden /> {t("button")}
        </Button>
      </DialogTrigger>
      <DialogContent title={t("title")} description={t("description")} closeLabel={tc("close")}>
        {open ? <Body filters={filters} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}
