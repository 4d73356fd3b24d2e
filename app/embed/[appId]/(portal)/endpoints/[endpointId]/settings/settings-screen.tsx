"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { NotFoundState, QueryError, isNotFound } from "@/components/portal/query-error";
import { useCan, useHidden } from "@/components/portal/session-context";
import { usePortal } from "@/lib/queries/provider";
import { DeleteCard } from "./delete-card";
import { DetailsCard } from "./details-card";
import { HeadersCard } from "./headers-card";
import { StatusCard } from "./status-card";

/**
 * What an endpoint is and does, editable with ManageEndpoint; a read-only session sees the same
 * facts and no control. The server checks the capability again on every change.
 */
export function SettingsScreen({ endpointId }: { endpointId: string }) {
  const { queries } = usePortal();
  const canManage = useCan("ManageEndpoint");
  const hideHeaders = useHidden("headers");
  const endpoint = useQuery(queries.endpoints.detail(endpointId));

  if (endpoint.isPending) return <SettingsSkeleton />;
  if (endpoint.isError) {
    if (isNotFound(endpoint.error)) return <NotFoundState />;
    return (
      <Card>
        <QueryError error={endpoint.error} onRetry={() => void endpoint.refetch()} />
      </Card>
    );
  }
  const ep = endpoint.data;
  return (
    <div className="grid gap-5">
      <DetailsCard endpoint={ep} canManage={canManage} />
      {!hideHeaders ? <HeadersCard endpointId={ep.id} canManage={canManage} /> : null}
      <StatusCard endpoint={ep} canManage={canManage} />
      {canManage ? <DeleteCard endpoint={ep} /> : null}
    </div>
  );
}

function SettingsSkeleton() {
  return (
    <div aria-busy="true" className="grid gap-5">
      {[5, 2].map((rows, i) => (
        <Card key={i}>
          <CardHeader>
            <Skeleton className="h-4 w-32" />
          </CardHeader>
          <CardBody className="grid gap-4">
            {Array.from({ length: rows }, (_, j) => (
              <div key={j} className="grid gap-1.5">
                <Skeleton className="h-3.5 w-24" />
                <Skeleton className="h-9 w-full" />
              </div>
            ))}
          </CardBody>
        </Card>
      ))}
    </div>
  );
}
