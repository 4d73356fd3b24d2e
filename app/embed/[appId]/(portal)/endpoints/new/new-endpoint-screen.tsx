"use client";

import { useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, Lock } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { EndpointForm } from "@/components/portal/endpoint-form";
import { createInput, emptyValues, type EndpointValues } from "@/components/portal/endpoint-values";
import { PageHeader } from "@/components/portal/page-header";
import { useCan, usePortalHref } from "@/components/portal/session-context";
import { queryKeys } from "@/lib/queries/keys";
import { usePortal } from "@/lib/queries/provider";

/** "Add endpoint": the form, then the new endpoint's page, where its signing secret is shown once. */
export function NewEndpointScreen() {
  const t = useTranslations("endpoints");
  const href = usePortalHref();
  const router = useRouter();
  const client = useQueryClient();
  const { api } = usePortal();
  const canManage = useCan("ManageEndpoint");

  const back = (
    <Link href={href("endpoints")} className="inline-flex w-fit items-center gap-1 text-sm text-muted hover:text-fg">
      <ArrowLeft aria-hidden className="size-4" /> {t("title")}
    </Link>
  );

  if (!canManage) {
    return (
      <>
        <PageHeader title={t("new.title")} back={back} />
        <Card>
          <EmptyState icon={<Lock />} title={t("new.notAllowedTitle")}>
            <p>{t("new.notAllowedBody")}</p>
          </EmptyState>
        </Card>
      </>
    );
  }

  async function create(values: EndpointValues): Promise<void> {
    const endpoint = await api.createEndpoint({ body: createInput(values) });
    client.setQueryData(queryKeys.endpoints.detail(endpoint.id), endpoint);
    // An empty query object matches every page of the list.
    await client.invalidateQueries({ queryKey: queryKeys.endpoints.list() });
    router.push(href(`endpoints/${endpoint.id}?created=1`));
  }

  return (
    <>
      <PageHeader title={t("new.title")} description={t("new.description")} back={back} />
      <Card className="max-w-3xl">
        <CardBody className="p-4 sm:p-6">
          <EndpointForm
            initial={emptyValues}
            onSubmit={create}
            submitLabel={t("new.submit")}
            pendingLabel={t("new.submitting")}
            secondary={
              <Button variant="ghost" asChild>
                <Link href={href("endpoints")}>{t("form.cancel")}</Link>
              </Button>
            }
          />
        </CardBody>
      </Card>
    </>
  );
}
