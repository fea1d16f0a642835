// One Content-Security-Policy for both shells. The renderer's index.html carries the same policy in a
// meta tag; the HTTP host and Electron also send it as a header so it holds even if the page changes.
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
];
export const CSP_HTTP = CSP_DIRECTIVES.join('; ');
