"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleCheck, X } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useCan, useHidden } from "@/components/portal/session-context";
import { usePortal } from "@/lib/queries/provider";

/**
 * Right after "Add endpoint" (`?created=1`): the new endpoint's signing secret, once, with copy —
 * the moment a user configures their receiver. Dismissing drops `created` from the URL, so the
 * banner does not come back with back/forward; the secret stays under "Signing secret".
 */
export function NewEndpointSecret({ endpointId }: { endpointId: string }) {
  const t = useTranslations("endpoints.created");
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const canView = useCan("ViewEndpointSecret");
  const hidden = useHidden("secret");
  const showSecret = canView && !hidden;
  const created = params.get("created") === "1";
  const { queries } = usePortal();
  const secret = useQuery({ ...queries.endpoints.secret(endpointId), enabled: created && showSecret });
  if (!created) return null;

  function dismiss(): void {
    const rest = new URLSearchParams(params);
    rest.delete("created");
    const query = rest.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  return (
    <section aria-labelledby="new-endpoint-secret-title" className="relative mb-5 rounded-lg border border-success/30 bg-success-soft/60 p-4 pr-12">
      <div className="flex items-start gap-3">
        <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-success" />
        <div className="grid min-w-0 flex-1 gap-2">
          <h2 id="new-endpoint-secret-title" className="text-sm font-semibold">
            {t("title")}
          </h2>
          {showSecret ? (
            <>
              <p className="text-sm text-muted">{t("body")}</p>
              {secret.isPending ? (
                <div aria-busy="true" className="flex items-center gap-2">
                  <Skeleton className="h-9 w-full max-w-md" />
                </div>
              ) : secret.isError ? (
                <p role="alert" className="text-sm text-danger">
                  {t("failed")}{" "}
                  <Button variant="link" onClick={() => void secret.refetch()}>
                    {t("retry")}
                  </Button>
                </p>
              ) : (
                <div className="flex max-w-2xl flex-wrap items-center gap-2">
                  <Input
                    readOnly
                    aria-label={t("secretLabel")}
                    value={secret.data.key}
                    onFocus={(e) => e.currentTarget.select()}
                    className="min-w-0 flex-1 basis-64 font-mono text-[13px]"
                  />
                  <CopyButton value={secret.data.key} label={t("copy")} copiedLabel={t("copied")} />
                </div>
              )}
              <p className="text-xs text-muted">{t("later")}</p>
            </>
          ) : (
            <p className="text-sm text-muted">{t("bodyNoSecret")}</p>
          )}
        </div>
      </div>
      <button
        type="button"
        onClick={dismiss}
        aria-label={t("dismiss")}
        className="absolute top-3 right-3 rounded-md p-1 text-muted hover:bg-surface hover:text-fg focus-visible:outline-2 focus-visible:outline-ring"
      >
        <X aria-hidden className="size-4" />
      </button>
    </section>
  );
}
