import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";

/** A SaaS dashboard on its own site (localhost, while the portal is on 127.0.0.1) framing `frameUrl()`. */
export async function startHostPage(frameUrl: () => string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" });
    res.end(`<!doctype html><html lang="en"><title>Dashboard</title><body style="margin:0">
      <iframe id="portal" title="Webhooks" src="${frameUrl()}" style="width:100%;height:780px;border:0"></iframe></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Runs in every frame before its scripts: notes when the first element matching the selector is
 * in the DOM, at the next frame (so it has had its chance to paint), on the document's own clock.
 * A string, not a function: tsx would wrap inner functions in a helper the page does not have.
 */
const watchRows = (selector: string): string => `(() => {
  const selector = ${JSON.stringify(selector)};
  const observer = new MutationObserver(() => {
    if (window.__rowsAt !== undefined || !document.querySelector(selector)) return;
    window.__rowsAt = -1;
    observer.disconnect();
    requestAnimationFrame(() => { window.__rowsAt = performance.now(); });
  });
  observer.observe(document, { subtree: true, childList: true });
})();`;

const fcpOf = () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;

async function poll<T>(read: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read().catch(() => null);
    if (v !== null && v !== undefined) return v;
    if (Date.now() > deadline) throw new Error("timed out waiting for a paint figure");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** FCP of a page loaded top-level in a fresh context (cold cache). */
export async function topLevelFcp(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });
    return await poll(() => page.evaluate(fcpOf), 30_000);
  } finally {
    await context.close();
  }
}

/**
 * The portal framed by the host page, cold: its FCP and when its first row was in the DOM, both
 * from the frame's navigation start (so the ticket exchange and the first BFF page are inside).
 */
export async function framedLoad(browser: Browser, hostOrigin: string, portalOrigin: string, rowSelector: string): Promise<{ fcp: number; rows: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript({ content: watchRows(rowSelector) });
    const page = await context.newPage();
    await page.goto(hostOrigin, { waitUntil: "load" });
    const frame = await poll(async () => page.frames().find((f) => f.url().startsWith(portalOrigin)) ?? null, 30_000);
    const rows = await poll(() => frame.evaluate(() => ((window as unknown as { __rowsAt?: number }).__rowsAt ?? -1) > 0 ? (window as unknown as { __rowsAt: number }).__rowsAt : null), 60_000);
    const fcp = await poll(() => frame.evaluate(fcpOf), 30_000);
    return { fcp, rows };
  } finally {
    await context.close();
  }
}
