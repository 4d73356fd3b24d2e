"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { AccountMenu } from "./account-menu";
import { LanguageSwitch } from "./language-switch";
import { usePortalApp, usePortalHref, useSessionPhase } from "./session-context";

const NAV = [
  { path: "endpoints", key: "endpoints", feature: null },
  { path: "messages", key: "messages", feature: null },
  { path: "event-types", key: "eventTypes", feature: "eventCatalog" },
] as const;

/**
 * The portal's top bar: the application's logo and name, the screens, the language and, for a
 * magic-link user, the account. Navigation is client-side, so the session survives it; the host
 * can hide it (branding `hide: ["navigation"]`) when its own menu links to the screens.
 */
export function PortalHeader() {
  const t = useTranslations("shell");
  const app = usePortalApp();
  const phase = useSessionPhase();
  const href = usePortalHref();
  const pathname = usePathname();
  // The stored branding at first paint; a session's own override once it is known.
  const branding = phase.kind === "ready" ? phase.session.branding : null;
  const hidden = new Set(branding?.hide ?? app.hide);
  const name = branding?.name ?? app.appName;
  const logoUrl = branding ? (branding.logoUrl ?? null) : app.logoUrl;
  // The bare portal path opens the endpoint list.
  const section = pathname.split("/")[3] ?? "endpoints";

  return (
    <header className="border-b border-border bg-surface">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-1 px-4 sm:px-6">
        <div className="flex h-14 min-w-0 flex-1 items-center gap-2.5 sm:flex-none">
          {logoUrl ? (
            // A fixed box: the header does not shift when the logo arrives.
            // eslint-disable-next-line @next/next/no-img-element
            <img src={logoUrl} alt="" width={28} height={28} className="size-7 shrink-0 rounded-md object-contain" />
          ) : (
            <span aria-hidden className="grid size-7 shrink-0 place-items-center rounded-md bg-primary text-sm font-semibold text-primary-fg">
              {name.slice(0, 1).toUpperCase()}
            </span>
          )}
          <span id="portal-title" className="truncate text-[15px] font-semibold">
            {name}
          </span>
        </div>
        {hidden.has("navigation") ? (
          <div className="flex-1" />
        ) : (
          <nav aria-label={t("nav.label")} className="-mb-px order-last flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto sm:flex-1 sm:self-stretch">
            {NAV.filter((n) => !n.feature || !hidden.has(n.feature)).map((n) => {
              const current = section === n.path;
              return (
                <Link
                  key={n.path}
                  href={href(n.path)}
                  aria-current={current ? "page" : undefined}
                  className={cn(
                    "flex h-11 items-center border-b-2 px-2.5 text-sm font-medium whitespace-nowrap transition-colors sm:h-auto",
                    current ? "border-primary text-fg" : "border-transparent text-muted hover:text-fg",
                  )}
                >
                  {t(`nav.${n.key}`)}
                </Link>
              );
            })}
          </nav>
        )}
        <div className="flex h-14 items-center gap-1">
          <LanguageSwitch />
          {phase.kind === "ready" && phase.session.source === "magic-link" ? <AccountMenu email={phase.session.actorEmail} /> : null}
        </div>
      </div>
    </header>
  );
}
