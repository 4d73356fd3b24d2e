"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { useCan, useHidden, usePortalHref } from "@/components/portal/session-context";

const TABS = [
  { path: "", key: "overview" },
  { path: "messages", key: "messages" },
  { path: "settings", key: "settings" },
  { path: "secret", key: "secret" },
  { path: "recovery", key: "recovery" },
] as const;

/**
 * The endpoint's tabs as links (each a sub-route, so reload and back land on the same tab). A
 * tab the session cannot use is not there: the secret needs ViewEndpointSecret, recovery
 * CreateAttempts, and the host may hide either.
 */
export function EndpointTabs({ id }: { id: string }) {
  const t = useTranslations("endpoint.tabs");
  const href = usePortalHref();
  const pathname = usePathname();
  const canSecret = useCan("ViewEndpointSecret");
  const secretHidden = useHidden("secret");
  const canRecover = useCan("CreateAttempts");
  const recoverHidden = useHidden("recover");
  const secret = canSecret && !secretHidden;
  const recovery = canRecover && !recoverHidden;
  // /embed/{app}/endpoints/{id}/{tab}/…
  const current = pathname.split("/")[5] ?? "";
  const shown = TABS.filter((tab) => (tab.path === "secret" ? secret : tab.path === "recovery" ? recovery : true));
  return (
    <nav aria-label={t("label")} className="-mx-4 overflow-x-auto border-b border-border px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-1">
        {shown.map((tab) => {
          const active = current === tab.path;
          return (
            <li key={tab.key}>
              <Link
                href={href(`endpoints/${encodeURIComponent(id)}${tab.path ? `/${tab.path}` : ""}`)}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "-mb-px flex h-10 items-center border-b-2 px-2.5 text-sm font-medium whitespace-nowrap transition-colors",
                  active ? "border-primary text-fg" : "border-transparent text-muted hover:text-fg",
                )}
              >
                {t(tab.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
