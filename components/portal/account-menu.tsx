"use client";

import { ArrowLeftRight, LogOut, UserRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { getQueryClient } from "@/lib/queries/query-client";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

/** A magic-link user's account: who is signed in, another application, sign out. */
export function AccountMenu({ email }: { email: string | null }) {
  const t = useTranslations("shell");
  const router = useRouter();

  async function signOut(): Promise<void> {
    try {
      const csrf = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as { csrfToken: string };
      await fetch("/api/auth/signout", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: "/login", json: "true" }),
      });
    } finally {
      // Nothing the session read stays in memory once it is over.
      getQueryClient().clear();
      router.replace("/login");
      router.refresh();
    }
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={t("account")}>
          <UserRound aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="max-w-72">
        {email ? <DropdownMenuLabel className="truncate">{t("signedInAs", { email })}</DropdownMenuLabel> : null}
        <DropdownMenuItem onSelect={() => router.push("/apps?choose=1")}>
          <ArrowLeftRight aria-hidden /> {t("switchApp")}
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void signOut()}>
          <LogOut aria-hidden /> {t("signOut")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
