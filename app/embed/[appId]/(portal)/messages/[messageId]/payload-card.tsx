"use client";

import { useTranslations } from "next-intl";
import { Card, CardHeader, CardTitle, CardBody } from "@/components/ui/card";
import { LazyJsonViewer } from "@/components/portal/json-viewer/lazy";

/** The payload as it was sent; the viewer's code arrives with this screen only. */
export function PayloadCard({ payload }: { payload: unknown }) {
  const t = useTranslations("message");
  return (
    <Card aria-labelledby="payload-title">
      <CardHeader>
        <CardTitle id="payload-title">{t("payload")}</CardTitle>
      </CardHeader>
      <CardBody className="p-3">
        <LazyJsonViewer value={payload} label={t("payloadJson")} />
      </CardBody>
    </Card>
  );
}
