import { z } from "zod";

/**
 * Every environment variable the product reads, in one place (one source of truth: docs/platform.md).
 * `.env.example` documents each one; a test keeps the two in step.
 */
function buildEnvSchema() {
  const csv = z.string().transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );
  const optionalUrl = z.url().optional();
  return z.object({
    UPSTASH_REDIS_REST_URL: z.url(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection string"),
    /** Empty in local mode: the functions then talk to the simulator with its documented dev key. */
    KEEPA_API_KEY: z.string().min(1).optional(),
    KEEPA_BASE_URL: z.url().default("https://api.keepa.com"),
    KEEPA_DOMAIN: z.coerce.number().int().min(1).max(12).default(1),
    SENTRY_DSN: optionalUrl,
    SENTRY_ENVIRONMENT: z.string().default("production"),
    CORS_ALLOWED_ORIGINS: csv.default([]),
    /** Redis key prefix, so several deployments (or test files) can share one database. */
    LEDGER_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]+$/)
      .default("av"),
    /**
     * JSON overriding action budgets. Its action names are checked by the composition root (`loadConfig` in src/app),
     * which knows the cost registry, so a typo still fails as a named config error at cold start, never mid-request.
     */
    TOKEN_COSTS_OVERRIDE: z.string().optional(),
    INTERACTIVE_FLOOR: z.coerce.number().int().min(0).default(10),
    BATCH_RESERVE_FRACTION: z.coerce.number().min(0).max(1).default(0.25),
    SNAPSHOT_STALE_MS: z.coerce.number().int().positive().default(300_000),
    TRUST_PROJECTED_REFILLS: z
      .enum(["true", "false"])
      .default("false")
      .transform((value) => value === "true"),
    REQUEST_BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(64 * 1024),
    /** How long a fetched Keepa product is served from Redis instead of paying for it again. */
    PRODUCT_CACHE_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(6 * 3600),
    /** How long a Product Finder result (an ASIN list) is reused. */
    DISCOVERY_CACHE_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(24 * 3600),
    /** Local stand-ins only: where @neondatabase/serverless finds the dev proxy instead of Neon's cloud. */
    NEON_LOCAL_HTTP_ENDPOINT: optionalUrl,
    NEON_LOCAL_WS_PROXY: z.string().optional(),
    /**
     * Where this site is reachable, for the scheduler's internal calls; default Netlify's URL, else the origin the
     * tick or webhook was served from (local dev, whatever its port).
     */
    SITE_URL: optionalUrl,
    /** HMAC key of scheduler → background-worker requests; unset only in local mode (a fixed dev secret is used). */
    INTERNAL_SIGNING_SECRET: z.string().min(32).optional(),
    /** HMAC key automation tools sign POST /api/v1/autosourcing/run with; unset = the trigger is disabled (503). */
    WEBHOOK_SECRET: z.string().min(16).optional(),
    /** Where `autosourcing.job.completed` is POSTed (comma-separated URLs). */
    COMPLETION_WEBHOOK_URLS: csv.pipe(z.array(z.url())).default([]),
    /** HMAC key of outgoing completion webhooks; default WEBHOOK_SECRET. */
    COMPLETION_WEBHOOK_SECRET: z.string().min(16).optional(),
    /** Encrypts the secrets of webhook subscriptions at rest (AES-256-GCM); unset = they are stored as given. */
    WEBHOOK_SUBSCRIPTION_KEY: z.string().min(32).optional(),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  });
}

type EnvSchema = ReturnType<typeof buildEnvSchema>;
let built: EnvSchema | undefined;

/**
 * The schema, built on first use rather than at module load: building its ~40 zod fields is a few ms of every
 * function's cold start, and liveness never parses the config at all (bench B5).
 */
export const envSchema = (): EnvSchema => (built ??= buildEnvSchema());

export type AppConfig = z.infer<EnvSchema>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment: ${problems.join("; ")}`);
  }
}

/** Parses an environment, naming every missing or invalid variable at once. Empty strings count as unset. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = envSchema().safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".");
    return present[name] === undefined ? `${name} is missing` : `${name} is invalid (${issue.message})`;
  });
  throw new ConfigError(problems);
}

const isLoopback = (url: string) => ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);

/**
 * Local mode: no real Keepa key and Keepa on this machine (the simulator). Only then are the fixed local API key, the
 * simulator's key and the local signing secret accepted: a deployment with a real key never honours them.
 */
export function isLocalMode(config: AppConfig): boolean {
  return config.KEEPA_API_KEY === undefined && isLoopback(config.KEEPA_BASE_URL);
}
