/**
 * Security headers for a JSON API. Nothing here is meant to be rendered by a
 * browser, so the policy is as strict as it gets. These are helmet's options;
 * helmet itself does not run per request (see SECURITY_HEADERS below).
 */
export const helmetOptions = {
  // No scripts, styles, frames or plugins: an injected payload has nothing to run with.
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
  // Clickjacking: no page may frame a response.
  xFrameOptions: { action: 'deny' },
  // URLs (with ids or tokens in them) never leak to other sites via Referer.
  referrerPolicy: { policy: 'no-referrer' },
  // Other origins may not embed responses (Spectre-style cross-origin reads).
  crossOriginResourcePolicy: { policy: 'same-origin' },
  // HSTS belongs to the https feature: it must only be sent over HTTPS.
  strictTransportSecurity: false,
} as const;

/**
 * What helmet sends for the options above, as fixed values: they never change,
 * so every response gets this one set instead of helmet's dozen small
 * middlewares rebuilding it. Answers the server writes before the framework
 * runs (malformed request line, oversized headers) carry it too
 * (client-errors.ts). test/headers.test.ts runs helmet with `helmetOptions`
 * and checks that both agree, so change the two together.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none';frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
  // Responses may carry personal data: no browser or proxy cache keeps them.
  'cache-control': 'no-store',
});
