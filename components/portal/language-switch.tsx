"use client";

import { Languages } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { LOCALE_COOKIE, LOCALES } from "@/i18n/config";
import { DropdownMenu, DropdownMenuContent, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { DropdownMenu as M } from "radix-ui";
import { Button } from "@/components/ui/button";

/**
 * The portal's language. Stored in a cookie (partitioned when framed) that the server reads on
 * every render, then the screens re-render in place: the session and the URL stay as they are.
 */
export function LanguageSwitch() {
  const t = useTranslations("shell");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();

  function choose(next: string): void {
    document.cookie = `${LOCALE_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=None; Secure; Partitioned`;
    start(() => router.refresh());
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" disabled={pending}>
          <Languages aria-hidden />
          <span className="sr-only">{t("language")}</span>
          <span className="text-xs uppercase">{locale}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuLabel>{t("language")}</DropdownMenuLabel>
        <M.RadioGroup value={locale} onValueChange={choose}>
          {LOCALES.map((l) => (
            <M.RadioItem
              key={l}
              value={l}
              lang={l}
              className="relative flex cursor-default items-center rounded-md py-1.5 pr-2.5 pl-7 outline-none select-none data-[highlighted]:bg-surface-2"
            >
              <M.ItemIndicator className="absolute left-2 text-primary">✓</M.ItemIndicator>
              {t(`languages.${l}`)}
            </M.RadioItem>
          ))}
        </M.RadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
