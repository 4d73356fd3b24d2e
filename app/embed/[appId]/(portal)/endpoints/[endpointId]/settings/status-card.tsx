"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Spinner } from "@/components/ui/states";
import type { Endpoint } from "@/lib/delivery-api/types-endpoints";
import { ApiError } from "@/lib/http/api-error";
import { queryKeys } from "@/lib/queries/keys";
import { usePortal } from "@/lib/queries/provider";

/** Enabled or disabled, what that means for deliveries, and the switch (ManageEndpoint only). */
export function StatusCard({ endpoint, canManage }: { endpoint: Endpoint; canManage: boolean }) {
  const t = useTranslations("endpoints.status");
  const client = useQueryClient();
  const { api } = usePortal();
  const toggle = useMutation({
    mutationFn: () => (endpoint.disabled ? api.enableEndpoint : api.disableEndpoint)({ params: { id: endpoint.id } }),
    onSuccess: async (next) => {
      client.setQueryData(queryKeys.endpoints.detail(endpoint.id), next);
      await client.invalidateQueries({ queryKey: queryKeys.endpoints.all });
    },
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <Badge tone={endpoint.disabled ? "neutral" : "success"}>{endpoint.disabled ? t("disabled") : t("enabled")}</Badge>
      </CardHeader>
      <CardBody className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between sm:gap-6">
        <div className="grid gap-1 text-sm text-muted">
          <p>{endpoint.disabled ? t("disabledBody") : t("enabledBody")}</p>
          {toggle.isError ? (
            <p role="alert" className="font-medium text-danger">
              {toggle.error instanceof ApiError ? toggle.error.message : t("failed")}
            </p>
          ) : null}
        </div>
        {canManage ? (
          <Button variant="secondary" className="self-start sm:self-center" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
            {toggle.isPending ? <Spinner className="size-3.5" /> : null}
            {endpoint.disabled ? t("enable") : t("disable")}
          </Button>
        ) : null}
      </CardBody>
    </Card>
  );
}
