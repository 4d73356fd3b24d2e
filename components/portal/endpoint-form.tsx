"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Spinner } from "@/components/ui/states";
import { useHidden } from "@/components/portal/session-context";
import { ApiError } from "@/lib/http/api-error";
import { EventTypePicker } from "./event-type-picker";
import { fieldOfIssue, FORM_FIELDS, urlLooksValid, type EndpointValues, type FormField } from "./endpoint-values";
import { TokenInput } from "./token-input";

type Errors = Partial<Record<FormField, string>>;

type Props = {
  initial: EndpointValues;
  /** Saves; a thrown ApiError with issues lands under the fields it names. */
  onSubmit: (values: EndpointValues) => Promise<unknown>;
  submitLabel: string;
  pendingLabel: string;
  /** Beside the submit button (Cancel, say). */
  secondary?: ReactNode;
};

/**
 * One form for a new endpoint and an existing one's settings. The browser checks only what is
 * obvious (a URL's shape, at least one chosen event); the server's 422 issues show under the field
 * they name and focus moves to the first of them. Nothing typed is lost when a save fails.
 */
export function EndpointForm({ initial, onSubmit, submitLabel, pendingLabel, secondary }: Props) {
  const t = useTranslations("endpoints.form");
  const hideChannels = useHidden("channels");
  const hideRate = useHidden("rateLimit");
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const urlRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const eventsRef = useRef<HTMLButtonElement>(null);
  const channelsRef = useRef<HTMLInputElement>(null);
  const rateRef = useRef<HTMLInputElement>(null);
  const formErrorRef = useRef<HTMLDivElement>(null);

  const set = <K extends keyof EndpointValues>(key: K, value: EndpointValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    // An edited field's old complaint no longer applies.
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  };

  function show(next: Errors): void {
    setErrors(next);
    const first = FORM_FIELDS.find((f) => next[f]);
    // After the render that shows the messages, so the field is announced with its error.
    const refs = { url: urlRef, description: descriptionRef, filterTypes: eventsRef, channels: channelsRef, rateLimit: rateRef };
    if (first) requestAnimationFrame(() => refs[first].current?.focus());
  }

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (pending) return;
    setFormError(null);
    const local: Errors = {};
    if (!values.url.trim()) local.url = t("urlRequired");
    else if (!urlLooksValid(values.url)) local.url = t("urlInvalid");
    if (values.filterTypes?.length === 0) local.filterTypes = t("eventsRequired");
    if (Object.keys(local).length > 0) return show(local);

    setPending(true);
    try {
      await onSubmit(values);
      setErrors({});
    } catch (err) {
      const next: Errors = {};
      const stray: string[] = [];
      if (err instanceof ApiError) {
        for (const issue of err.issues) {
          const field = fieldOfIssue(issue.path);
          if (field && !(field === "channels" && hideChannels) && !(field === "rateLimit" && hideRate)) next[field] ??= issue.message;
          else stray.push(issue.message);
        }
      }
      if (Object.keys(next).length > 0) show(next);
      else setErrors({});
      if (stray.length > 0 || Object.keys(next).length === 0) {
        setFormError(stray.length > 0 ? stray.join(" ") : err instanceof ApiError ? err.message : t("failed"));
        if (Object.keys(next).length === 0) requestAnimationFrame(() => formErrorRef.current?.focus());
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="grid gap-5">
      {formError ? (
        <div ref={formErrorRef} tabIndex={-1} role="alert" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger focus:outline-none">
          {formError}
        </div>
      ) : null}
      <Field label={t("url")} hint={t("urlHint")} error={errors.url}>
        <Input
          ref={urlRef}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://example.com/webhooks"
          value={values.url}
          onChange={(e) => set("url", e.target.value)}
          className="font-mono text-[13px]"
        />
      </Field>
      <Field label={t("description")} optional={t("optional")} error={errors.description}>
        <Textarea ref={descriptionRef} rows={2} value={values.description} placeholder={t("descriptionPlaceholder")} onChange={(e) => set("description", e.target.value)} />
      </Field>
      <EventTypePicker value={values.filterTypes} onChange={(v) => set("filterTypes", v)} error={errors.filterTypes} focusRef={eventsRef} />
      {!hideChannels || !hideRate ? (
        <div className="grid gap-5 sm:grid-cols-2">
          {!hideChannels ? (
            <Field className="content-start" label={t("channels")} optional={t("optional")} hint={t("channelsHint")} error={errors.channels}>
              <TokenInput ref={channelsRef} value={values.channels} onChange={(v) => set("channels", v)} removeLabel={(c) => t("removeChannel", { channel: c })} placeholder={t("channelsPlaceholder")} />
            </Field>
          ) : null}
          {!hideRate ? (
            <Field className="content-start" label={t("rateLimit")} optional={t("optional")} hint={t("rateLimitHint")} error={errors.rateLimit}>
              <Input ref={rateRef} type="text" inputMode="numeric" value={values.rateLimit} placeholder={t("rateLimitPlaceholder")} onChange={(e) => set("rateLimit", e.target.value)} />
            </Field>
          ) : null}
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-2 border-t border-border pt-4">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? (
            <>
              <Spinner className="size-3.5" /> {pendingLabel}
            </>
          ) : (
            submitLabel
          )}
        </Button>
        {secondary}
      </div>
    </form>
  );
}
