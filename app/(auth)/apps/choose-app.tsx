"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "@/lib/http/api-error";
import { createPortalApi } from "@/lib/queries/fetchers";
import { createSessionClient } from "@/lib/session/client";
import styles from "../_components/auth.module.css";

type App = { id: string; name: string };

/** Opens a portal session for the chosen application, then the portal. One application: at once. */
export function ChooseApp({ apps, autoOpen = true }: { apps: App[]; autoOpen?: boolean }) {
  const router = useRouter();
  const only = autoOpen && apps.length === 1 ? apps[0] : undefined;
  const [opening, setOpening] = useState<string | null>(only?.id ?? null);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  const open = useCallback(
    async (appId: string) => {
      try {
        await createPortalApi(createSessionClient()).openDirectSession({ body: { appId } });
        // The portal's one tree of screens (ADR 3): the page finds the cookie session there.
        router.push(`/embed/${encodeURIComponent(appId)}`);
      } catch (err) {
        setError(err instanceof ApiError ? err.message : "We could not open the portal. Try again.");
        setOpening(null);
      }
    },
    [router],
  );

  function choose(appId: string) {
    setOpening(appId);
    setError(null);
    void open(appId);
  }

  useEffect(() => {
    // Once, even when the effect runs twice (React's development double render).
    if (!only || started.current) return;
    started.current = true;
    void open(only.id);
  }, [only, open]);

  return (
    <>
      <ul className={styles.list} aria-label="Applications">
        {apps.map((app) => (
          <li key={app.id}>
            <button type="button" className={styles.button} onClick={() => choose(app.id)} disabled={opening !== null}>
              {opening === app.id ? `Opening ${app.name}…` : app.name}
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className={styles.alert}>
          {error}
        </p>
      ) : null}
    </>
  );
}
