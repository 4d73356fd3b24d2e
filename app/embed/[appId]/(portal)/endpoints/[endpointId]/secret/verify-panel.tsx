"use client";

import { useTranslations } from "next-intl";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { SNIPPETS } from "./snippets";

function Code({ children, label }: { children: string; label: string }) {
  return (
    <pre tabIndex={0} aria-label={label} className="overflow-x-auto rounded-md border border-border bg-surface-2 p-3 font-mono text-xs leading-relaxed">
      <code>{children}</code>
    </pre>
  );
}

/** How a receiver checks a delivery, in each language, with its Standard Webhooks library. */
export function VerifyPanel() {
  const t = useTranslations("endpoint.verify");
  const c = useTranslations("common");
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>{t("title")}</CardTitle>
          <p className="mt-0.5 text-[13px] text-muted">{t("description")}</p>
        </div>
      </CardHeader>
      <div className="grid gap-3 p-4">
        <p className="text-[13px] text-muted">
          {t.rich("headers", {
            code: (chunks) => <code className="rounded bg-surface-2 px-1 py-0.5 font-mono text-xs text-fg">{chunks}</code>,
          })}
        </p>
        <Tabs defaultValue="node" className="grid min-w-0 gap-3">
          <TabsList aria-label={t("languages")} className="w-fit max-w-full overflow-x-auto">
            {SNIPPETS.map((s) => (
              <TabsTrigger key={s.id} value={s.id}>
                {s.label}
              </TabsTrigger>
            ))}
          </TabsList>
          {SNIPPETS.map((s) => (
            <TabsContent key={s.id} value={s.id} className="grid min-w-0 gap-3">
              <div className="grid gap-1.5">
                <div className="flex items-center justify-between gap-2">
                  <span className="text-xs font-medium text-muted">{t("install")}</span>
                  <CopyButton value={s.install} label={c("copy")} copiedLabel={c("copied")} aria-label={t("copyInstall", { language: s.label })} />
                </div>
                <Code label={t("installLabel", { language: s.label })}>{s.install}</Code>
              </div>
              <div className="grid gap-1.5">
                <div className="flex items-center justify-between gap-2">
                  <span className="text-xs font-medium text-muted">{t("receiver")}</span>
                  <CopyButton value={s.code} label={c("copy")} copiedLabel={c("copied")} aria-label={t("copyCode", { language: s.label })} />
                </div>
                <Code label={t("codeLabel", { language: s.label })}>{s.code}</Code>
              </div>
            </TabsContent>
          ))}
        </Tabs>
      </div>
    </Card>
  );
}
