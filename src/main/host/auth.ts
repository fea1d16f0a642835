// The per-run secret of `auditdesk serve`, as Jupyter does it: loopback alone does not keep out other
// users and processes of this machine, so every request must carry the token that serve printed. The
// page trades `?token=` for an HttpOnly, SameSite=Strict cookie, so scripts and other sites never see it.
import crypto from 'node:crypto';
import type http from 'node:http';

export class ServeAuth {
  readonly token = crypto.randomBytes(32).toString('base64url');
  private readonly digest = hash(this.token);
  /** Cookies ignore ports: two serves on one machine must not take each other's cookie for their own. */
  readonly cookieName: string;

  constructor(port: number) {
    this.cookieName = `auditdesk-token-${port}`;
  }

  /** Constant time, whatever the length or content of what was sent. */
  matches(candidate: string | null | undefined): boolean {
    return typeof candidate === 'string' && crypto.timingSafeEqual(hash(candidate), this.digest);
  }

  /** The cookie or `?token=`; either one lets a request through. */
  allows(req: http.IncomingMessage, url: URL): boolean {
    return this.matches(cookieValue(req.headers.cookie, this.cookieName)) || this.matches(url.searchParams.get('token'));
  }

  /**
   * The printed link: a GET carrying the right `?token=` gets the cookie and is sent to the same
   * address without the token, so it leaves the address bar. True when it answered.
   */
  login(req: http.IncomingMessage, url: URL, res: http.ServerResponse): boolean {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !this.matches(url.searchParams.get('token'))) return false;
    url.searchParams.delete('token');
    res.writeHead(303, {
      'Set-Cookie': `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`,
      // Always a path on this host: a pathname may begin with // (from /.//x), which would leave it.
      Location: `/${url.pathname.replace(/^\/+/, '')}${url.search}`,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    res.end();
    return true;
  }
}

function hash(s: string): Buffer {
  return crypto.createHash('sha256').update(s).digest();
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export const UNAUTHORIZED_TEXT =
  'AuditDesk: this address needs the secret token of this run; open the link that `auditdesk serve` printed (http://127.0.0.1:PORT/?token=...)';
