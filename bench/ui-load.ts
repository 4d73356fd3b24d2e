import type { Browser } from "playwright-core";
import { settle } from "@/test/support/portal-browser";

export type ColdLoad = {
  /** Compressed JS body bytes (what the wire carried, response headers left out). */
  jsBytes: number;
  /** Each script's URL and its compressed bytes, for the chunk check. */
  scripts: { url: string; bytes: number; encoding: string }[];
};

/** How long the network must stay free of new scripts before a load counts as finished. */
const QUIET_MS = 1_000;

/**
 * One cold load of `url` in a fresh context (empty cache) at 1280 px, counting every JS response
 * through the DevTools protocol (Network.loadingFinished's encodedDataLength is the compressed
 * size on the wire; the response headers are taken off). A portal screen counts until it has
 * settled (session up, nothing aria-busy) and the network stays quiet; its lazily loaded parts
 * count too, when the screen loads them for what it shows. Prefetches of other screens (the
 * router's `?_rsc=` requests for links in view) are blocked: that JS belongs to those screens.
 */
export async function coldLoad(browser: Browser, url: string, opts: { portal: boolean }): Promise<ColdLoad> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const requests = new Map<string, { url: string; script: boolean; headerBytes: number; encoding: string }>();
    const scripts: ColdLoad["scripts"] = [];
    let lastScriptAt = Date.now();
    cdp.on("Network.responseReceived", (e) => {
      const script = e.type === "Script" || /javascript/.test(e.response.mimeType);
      const encoding = String(Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === "content-encoding")?.[1] ?? "identity");
      requests.set(e.requestId, { url: e.response.url, script, headerBytes: e.response.encodedDataLength, encoding });
      if (script) lastScriptAt = Date.now();
    });
    cdp.on("Network.loadingFinished", (e) => {
      const r = requests.get(e.requestId);
      if (!r?.script) return;
      scripts.push({ url: r.url, bytes: Math.max(0, e.encodedDataLength - r.headerBytes), encoding: r.encoding });
      lastScriptAt = Date.now();
    });
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    if (opts.portal) await cdp.send("Network.setBlockedURLs", { urls: ["*_rsc=*"] });
    await page.goto(url, { waitUntil: "load" });
    if (opts.portal) await settle(page, 60_000);
    while (Date.now() - lastScriptAt < QUIET_MS) await page.waitForTimeout(200);
    return { jsBytes: scripts.reduce((n, s) => n + s.bytes, 0), scripts };
  } finally {
    await context.close();
  }
}
