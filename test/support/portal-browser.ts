import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Frame, Page } from "playwright-core";

const AXE = readFileSync(path.join(process.cwd(), "node_modules/axe-core/axe.min.js"), "utf8");
/** Where screenshots go; CI keeps the folder as an artifact. */
export const SCREENS_DIR = path.join(process.cwd(), "test-artifacts", "screens");

export const WIDTHS = [1280, 360] as const;
export const SCHEMES = ["light", "dark"] as const;
export type Scheme = (typeof SCHEMES)[number];

/** A portal link (the svix-compatible app-portal-access), minted with the org token. */
export async function mintLink(serverUrl: string, orgToken: string, appId: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await fetch(`${serverUrl}/api/v1/auth/app-portal-access/${appId}`, {
    method: "POST",
    headers: { authorization: `Bearer ${orgToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`app-portal-access answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { url: string }).url;
}

/**
 * Opens a portal link top-level (the screens are the same framed) in a fresh context and waits
 * for the session. Reloads and `goto` keep the session through the refresh cookie.
 */
export async function openPortal(browser: Browser, link: string, opts: { width?: number; scheme?: Scheme; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: 800 },
    colorScheme: opts.scheme ?? "light",
    locale: opts.locale ?? "en-US",
    timezoneId: "Europe/Berlin",
  });
  const page = await context.newPage();
  await page.goto(link);
  await settle(page);
  return { context, page };
}

/**
 * Waits until the screen has stopped loading: the session is up and nothing is marked busy.
 * Screens mark their loading skeletons with aria-busy="true".
 */
export async function settle(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('[aria-busy="true"]') && !document.body.innerText.includes("Connecting…") && document.querySelector("#portal-title") !== null,
    undefined,
    { timeout },
  );
  await page.evaluate(() => document.fonts.ready);
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** axe-core on the page (or one frame) as it is (evaluated through the debugger protocol, so no CSP applies). */
export async function axe(page: Page | Frame): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/** Whether anything sticks out of the viewport sideways (what a 360 px frame would cut off). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * The screen as it is now at every width and colour scheme: a full-page PNG each under
 * test-artifacts/screens/{name}-{width}-{scheme}.png, plus axe's violations and any sideways
 * overflow, so a test can assert both.
 */
export async function captureScreen(page: Page, name: string): Promise<{ violations: (AxeViolation & { shot: string })[]; overflow: { shot: string; px: number }[] }> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const violations: (AxeViolation & { shot: string })[] = [];
  const overflow: { shot: string; px: number }[] = [];
  const initial = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const width of WIDTHS) {
    for (const scheme of SCHEMES) {
      const shot = `${name}-${width}-${scheme}`;
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme: scheme });
      await settle(page);
      // Let transitions and the resize finish before the picture.
      await page.waitForTimeout(150);
      await page.screenshot({ path: path.join(SCREENS_DIR, `${shot}.png`), fullPage: true });
      for (const v of await axe(page)) violations.push({ ...v, shot });
      const px = await horizontalOverflow(page);
      if (px > 0) overflow.push({ shot, px });
    }
  }
  await page.setViewportSize(initial);
  await page.emulateMedia({ colorScheme: "light" });
  return { violations, overflow };
}
