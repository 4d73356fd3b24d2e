"use client";

import { useTranslations } from "next-intl";
import { Table, Td, Th } from "@/components/ui/table";
import type { SchemaRow } from "./schema-rows";

function TypeLabel({ row }: { row: SchemaRow }) {
  return (
    <span className="font-mono text-xs text-muted">
      {row.type}
      {row.format ? <span> · {row.format}</span> : null}
    </span>
  );
}

function Requirement({ required }: { required: boolean }) {
  const t = useTranslations("eventTypes.schema");
  return required ? <span className="text-xs font-medium text-warning">{t("required")}</span> : <span className="text-xs text-muted">{t("optional")}</span>;
}

function About({ row }: { row: SchemaRow }) {
  const t = useTranslations("eventTypes.schema");
  if (!row.description && row.enumValues.length === 0) return <span className="text-muted">—</span>;
  return (
    <div className="grid gap-1.5">
      {row.description ? <p>{row.description}</p> : null}
      {row.enumValues.length > 0 ? (
        <p className="flex flex-wrap items-center gap-1 text-xs text-muted">
          {t("oneOf")}
          {row.enumValues.map((v) => (
            <code key={v} className="rounded bg-surface-2 px-1.5 py-0.5 text-fg">
              {v}
            </code>
          ))}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A payload's properties as a table. The detail pane is a size container: narrow, type,
 * requirement and description fold into the property's cell instead of squeezing columns.
 */
export function SchemaTable({ rows, label }: { rows: SchemaRow[]; label: string }) {
  const t = useTranslations("eventTypes.schema");
  return (
    <Table label={label} className="table-fixed">
      <thead>
        <tr>
          <Th className="@md:w-[45%] @xl:w-[32%]">{t("property")}</Th>
          <Th className="hidden w-[22%] @xl:table-cell">{t("type")}</Th>
          <Th className="hidden w-[12%] @xl:table-cell">{t("requirement")}</Th>
          <Th className="hidden @md:table-cell">{t("description")}</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.path} className="align-top last:[&>td]:border-b-0">
            <Td className="align-top" style={{ paddingLeft: `${1 + row.depth * 1.25}rem` }}>
              <div className="flex min-w-0 items-baseline gap-1.5">
                {row.depth > 0 ? <span aria-hidden className="inline-block h-2.5 w-2 shrink-0 -translate-y-0.5 rounded-bl-sm border-b border-l border-border-strong" /> : null}
                <code className="font-mono text-[13px] font-medium break-all">{row.name}</code>
              </div>
              <div className="mt-0.5 flex flex-wrap items-center gap-x-2 @xl:hidden">
                <TypeLabel row={row} />
                <Requirement required={row.required} />
              </div>
              {row.description || row.enumValues.length > 0 ? (
                <div className="mt-1.5 text-[13px] @md:hidden">
                  <About row={row} />
                </div>
              ) : null}
            </Td>
            <Td className="hidden align-top @xl:table-cell">
              <TypeLabel row={row} />
            </Td>
            <Td className="hidden align-top @xl:table-cell">
              <Requirement required={row.required} />
            </Td>
            <Td className="hidden align-top text-[13px] @md:table-cell">
              <About row={row} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
