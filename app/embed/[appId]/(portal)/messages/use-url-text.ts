"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A text box bound to a URL value: typing writes it after a pause (`commit`, a replace, so the
 * history is not one entry per key), Enter writes it at once, and a value the URL changes on its
 * own (back, forward, Clear filters) replaces what is in the box.
 */
export function useUrlText(value: string, commit: (value: string, now: boolean) => void, delayMs = 400) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return {
    value: text,
    onChange(next: string) {
      setText(next);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => commit(next.trim(), false), delayMs);
    },
    submit() {
      if (timer.current) clearTimeout(timer.current);
      commit(text.trim(), true);
    },
  };
}
