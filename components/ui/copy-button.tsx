"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button, type ButtonProps } from "./button";

/** Copies `value`; the label turns into `copiedLabel` for a moment (announced politely). */
export function CopyButton({ value, label, copiedLabel, ...props }: { value: string | (() => string); label: string; copiedLabel: string } & Omit<ButtonProps, "value" | "onClick">) {
  const [copied, setCopied] = useState(false);
  async function copy(): Promise<void> {
    await navigator.clipboard.writeText(typeof value === "function" ? value() : value);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }
  return (
    <Button size="sm" variant="secondary" onClick={() => void copy()} {...props}>
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      <span aria-live="polite">{copied ? copiedLabel : label}</span>
    </Button>
  );
}
