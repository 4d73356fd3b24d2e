/**
 * The portal pages' policy. Scripts: our own files and inline scripts carrying this response's
 * nonce (Next.js reads it from the request's copy of this header and puts it on every script it
 * renders, which is why every page renders per request). Styles: `'unsafe-inline'`, because
 * React and Radix write `style` attributes with computed values (positions, sizes) that no hash
 * or nonce can cover; CSS cannot run script, and nothing but our own stylesheets is loaded.
 * Images may come from any https host: a brand's logo lives on the SaaS's own servers.
 */
export function contentSecurityPolicy(opts: { nonce: string; frameAncestors: string; dev?: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code (stack frames, fast refresh); production never does.
    `script-src 'self' 'nonce-${opts.nonce}'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${opts.frameAncestors}`,
  ].join("; ");
}

/** 128 random bits, base64: a fresh script nonce for one response. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
