"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/states";
import { usePortalHref } from "@/components/portal/session-context";
import type { Endpoint } from "@/lib/delivery-api/types-endpoints";
import { ApiError } from "@/lib/http/api-error";
import { queryKeys } from "@/lib/queries/keys";
import { usePortal } from "@/lib/queries/provider";

// The danger colour is light in dark mode: white on it is unreadable, the page's background is not.
const ON_DANGER = "text-bg!";

/** Deleting cannot be undone, so the dialog asks for a typed word before it lets the button work. */
export function DeleteCard({ endpoint }: { endpoint: Endpoint }) {
  const t = useTranslations("endpoints.delete");
  const common = useTranslations("common");
  const router = useRouter();
  const href = usePortalHref();
  const client = useQueryClient();
  const { api } = usePortal();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const word = t("word");
  const confirmed = typed.trim().toLowerCase() === word.toLowerCase();
  const remove = useMutation({
    mutationFn: () => api.deleteEndpoint({ params: { id: endpoint.id } }),
    onSuccess: async () => {
      // Lists only: refetching this endpoint now would flash a not-found before the list arrives.
      await client.invalidateQueries({ queryKey: queryKeys.endpoints.list() });
      router.push(href("endpoints"));
    },
  });

  function submit(e: FormEvent): void {
    e.preventDefault();
    if (confirmed && !remove.isPending) remove.mutate();
  }

  return (
    <Card className="border-danger/40">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardBody className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between sm:gap-6">
        <p className="text-sm text-muted">{t("body")}</p>
        <Dialog
          open={open}
          onOpenChange={(next) => {
            setOpen(next);
            if (!next) {
              setTyped("");
              remove.reset();
            }
          }}
        >
          <DialogTrigger asChild>
            <Button variant="danger" className={`self-start sm:self-center ${ON_DANGER}`}>
              <Trash2 aria-hidden /> {t("button")}
            </Button>
          </DialogTrigger>
          <DialogContent title={t("dialogTitle")} description={t("dialogBody")} closeLabel={common("close")}>
            <form onSubmit={submit} className="grid gap-4">
              <p className="rounded-md bg-surface-2 px-3 py-2 font-mono text-[13px] break-all">{endpoint.url}</p>
              <Field label={t("confirmLabel", { word })} error={remove.isError ? (remove.error instanceof ApiError ? remove.error.message : t("failed")) : null}>
                <Input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
              </Field>
              <DialogFooter>
                <DialogClose asChild>
                  <Button variant="secondary">{common("cancel")}</Button>
                </DialogClose>
                <Button type="submit" variant="danger" className={ON_DANGER} disabled={!confirmed || remove.isPending}>
                  {remove.isPending ? <Spinner className="size-3.5" /> : null}
                  {t("confirm")}
                </Button>
              </DialogFooter>
            </form>
          </DialogContent>
        </Dialog>
      </CardBody>
    </Card>
  );
}
