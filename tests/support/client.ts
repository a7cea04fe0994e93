import http from "node:http";

/**
 * A tiny cookie-keeping HTTP client, like a browser without JavaScript: it sends the same
 * Origin a browser would on form posts, and never follows redirects by itself.
 */
export class Client {
  private cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private origin: string | null = baseUrl,
  ) {}

  withOrigin(origin: string | null): Client {
    const other = new Client(this.baseUrl, origin);
    other.cookies = new Map(this.cookies);
    return other;
  }

  /** The same browser (its cookies) talking to another address: another app instance behind one load balancer. */
  at(baseUrl: string): Client {
    const other = new Client(baseUrl, baseUrl);
    other.cookies = new Map(this.cookies);
    return other;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie header this client sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    const method = (init.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD" && this.origin && !headers.has("Origin")) headers.set("Origin", this.origin);
    const response = await fetch(new URL(pathname, this.baseUrl), { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(pathname: string, init: RequestInit = {}) {
    return this.request(pathname, { ...init, method: "GET" });
  }

  /** Posts a form as a browser would (application/x-www-form-urlencoded). */
  post(pathname: string, fields: Record<string, string | string[]> = {}, init: RequestInit = {}) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) body.append(k, item);
    return this.request(pathname, { ...init, method: "POST", body });
  }

  async signIn(email: string, password: string): Promise<Response> {
    const response = await this.post("/sign-in", { email, password });
    if (response.status !== 302) throw new Error(`Sign-in as ${email} failed with ${response.status}`);
    return response;
  }
}

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One request exactly as given — any method, any Host, headers fetch would not send — over a
 * connection of its own, the way an attacker's script would send it.
 */
export function rawRequest(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
