// Whether a sync base URL would send the token (and receive the evidence) unencrypted across a
// network. Shared by the engine, which refuses such a URL unless allowed, and the UI, which warns
// as it is typed. Only this machine's loopback counts as safe: anything else can be read or altered
// on the way.

/** 127.0.0.0/8, ::1 and localhost (with *.localhost, which resolvers keep on this machine). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  // An IPv4-mapped IPv6 loopback as URL normalises it (::ffff:7f00:1).
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(h)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** A warning when the URL is plain http:// to a host that is not loopback, else null. */
export function plainHttpWarning(baseUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(baseUrl.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' || isLoopbackHost(u.hostname)) return null;
  return `${u.origin} is plain http:// to another machine: the API token and the events cross the network unencrypted, where they can be read or altered`;
}
