import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { LOCALES, NAMESPACES, negotiateLocale } from "@/i18n/config";

const dir = path.join(process.cwd(), "messages");
const load = (locale: string, ns: string) => JSON.parse(readFileSync(path.join(dir, locale, `${ns}.json`), "utf8")) as Record<string, unknown>;

/** "a.b.c" for every leaf string of a catalog. */
function keys(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** ICU arguments a message uses: {count}, {time}, {rate, number}… */
const argsOf = (s: string) => [...s.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  test("every locale has exactly the namespaces i18n/config.ts lists", () => {
    for (const locale of LOCALES) {
      expect(readdirSync(path.join(dir, locale)).sort()).toEqual(NAMESPACES.map((ns) => `${ns}.json`).sort());
    }
  });

  test.each(NAMESPACES.flatMap((ns) => LOCALES.filter((l) => l !== "en").map((l) => [ns, l] as const)))("%s in %s has every English key and no others, with the same arguments", (ns, locale) => {
    const en = load("en", ns);
    const other = load(locale, ns);
    expect(keys(other).sort()).toEqual(keys(en).sort());
    const get = (o: Record<string, unknown>, k: string) => k.split(".").reduce<unknown>((v, part) => (v as Record<string, unknown>)[part], o) as string;
    for (const k of keys(en)) expect(argsOf(get(other, k)), `${ns}.${k}`).toEqual(argsOf(get(en, k)));
  });
});

describe("negotiateLocale", () => {
  test("picks the best supported language by q-value, else English", () => {
    expect(negotiateLocale("de-CH,de;q=0.9,en;q=0.8")).toBe("de");
    expect(negotiateLocale("fr-FR,fr;q=0.9,en;q=0.5,de;q=0.7")).toBe("de");
    expect(negotiateLocale("fr,es")).toBe("en");
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale("de;q=0")).toBe("en");
  });
});
