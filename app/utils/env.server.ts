import net from "node:net";

import { z } from "zod";

/**
 * Which requests' `X-Forwarded-*` headers are believed, as Express's `trust proxy` setting takes
 * it: `false` (none: the default), a number of proxy hops in front of the app, or the addresses
 * and CIDR ranges of the proxies (`loopback`, `linklocal` and `uniquelocal` name those ranges).
 */
export type TrustProxy = false | number | string[];

const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An address or CIDR range Express's `trust proxy` accepts: 10.0.0.1, 10.0.0.0/8, ::1, fd00::/8, loopback. */
function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (family === 4 && net.isIPv4(prefix)) return true; // a netmask, e.g. 10.0.0.0/255.0.0.0
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const TrustProxySchema = z
  .string()
  .optional()
  .transform((raw, ctx): TrustProxy => {
    const value = raw?.trim() ?? "";
    if (value === "" || value === "0") return false;
    // A hop count, as in Express: 1 believes the last address the nearest proxy added.
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value.split(",").map((e) => e.trim());
    const wrong = entries.filter((e) => !isProxyAddress(e));
    if (wrong.length === 0) return entries;
    ctx.addIssue({
      code: "custom",
      message: `"${wrong[0]!.slice(0, 60)}" is not an address or range. Give the number of proxies in front of the app (1 for one), or their addresses and ranges separated by commas (e.g. 10.0.0.5,10.1.0.0/16)`,
    });
    return z.NEVER;
  });

/** The base of every emailed link: scheme, host and port only. (Set but empty is unset.) */
const AppUrlSchema = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// address, e.g. https://sli.example.org" })
    .transform((raw, ctx) => {
      const url = new URL(raw);
      if (url.username || url.password || url.search || url.hash || url.pathname !== "/") {
        ctx.addIssue({ code: "custom", message: "must be the app's address alone (scheme, host and port), e.g. https://sli.example.org" });
        return z.NEVER;
      }
      return url.origin;
    })
    .optional(),
);

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z.string().optional(),
    /**
     * The address people reach the app at, e.g. https://sli.example.org: every link in every
     * email starts with it, never with the Host a request claims. Required in production;
     * elsewhere it defaults to http://localhost:PORT.
     */
    APP_URL: AppUrlSchema,
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("SLI Peer Challenge <no-reply@sli.example>"),
    DEMO_PASSWORD: z.string().min(8).default("sli-demo-2026"),
    /** "1" to seed the demo region into an empty database; default on outside production. */
    SEED_DEMO: z.enum(["0", "1"]).optional(),
    /** Whose X-Forwarded-* headers to believe (docs/decisions/015-requests-at-the-edge.md). Unset: nobody's. */
    TRUST_PROXY: TrustProxySchema,
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.APP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message: "must be set in production to the address people use to reach the app, e.g. https://sli.example.org (every emailed link starts with it)",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment settings: ${problems}`);
  }
  return parsed.data;
}

/** The base address of emailed links: APP_URL, or http://localhost:PORT outside production. */
export function appUrlOf(env: Env): string {
  return env.APP_URL ?? `http://localhost:${env.PORT}`;
}
