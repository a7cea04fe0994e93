import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().optional(),
  /** Base address used in emailed links, e.g. https://sli.example.org. Defaults to the request's origin. */
  APP_URL: z.url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("SLI Peer Challenge <no-reply@sli.example>"),
  DEMO_PASSWORD: z.string().min(8).default("sli-demo-2026"),
  /** "1" to seed the demo region into an empty database; default on outside production. */
  SEED_DEMO: z.enum(["0", "1"]).optional(),
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
