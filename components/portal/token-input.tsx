"use client";

import { X } from "lucide-react";
import { useState, type ComponentProps, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";
import { fieldClass } from "@/components/ui/input";

type Props = Omit<ComponentProps<"input">, "value" | "onChange"> & {
  value: string[];
  onChange: (value: string[]) => void;
  /** The remove button's label for one token: `Remove "eu"`. */
  removeLabel: (token: string) => string;
};

/**
 * A list of short words typed into one box: Enter, comma or space ends a token, Backspace in an
 * empty box takes the last one back, and a token left in the box counts when the field loses focus.
 * Field's id and aria props land on the text input.
 */
export function TokenInput({ value, onChange, removeLabel, className, onBlur, ...props }: Props) {
  const [draft, setDraft] = useState("");
  const commit = () => {
    const token = draft.trim().replace(/,$/, "");
    setDraft("");
    if (token && !value.includes(token)) onChange([...value, token]);
  };
  function onKey(e: KeyboardEvent<HTMLInputElement>): void {
    if (e.key === "Enter" || e.key === "," || e.key === " ") {
      if (!draft.trim()) return;
      e.preventDefault();
      commit();
    } else if (e.key === "Backspace" && !draft && value.length > 0) {
      e.preventDefault();
      setDraft(value[value.length - 1]!);
      onChange(value.slice(0, -1));
    }
  }
  return (
    <div className={cn(fieldClass, "flex min-h-9 flex-wrap items-center gap-1.5 py-1 has-[input:focus-visible]:outline-2 has-[input:focus-visible]:outline-ring has-aria-invalid:border-danger", className)}>
      {value.map((token) => (
        <span key={token} className="inline-flex max-w-full items-center gap-1 rounded bg-surface-2 py-0.5 pr-0.5 pl-2 text-xs">
          <code className="truncate">{token}</code>
          <button type="button" aria-label={removeLabel(token)} onClick={() => onChange(value.filter((v) => v !== token))} className="rounded p-0.5 text-muted hover:text-fg focus-visible:outline-2 focus-visible:outline-ring">
            <X className="size-3" aria-hidden />
          </button>
        </span>
      ))}
      <input
        {...props}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKey}
        onBlur={(e) => {
          commit();
          onBlur?.(e);
        }}
        className="h-7 min-w-24 flex-1 bg-transparent text-sm outline-none placeholder:text-muted"
      />
    </div>
  );
}
