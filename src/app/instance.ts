import { configureSentry, createServices, envSchema, parseConfig, setLogLevel } from "../shared/index.ts";
import type { Services } from "../shared/index.ts";

export type Env = Record<string, string | undefined>;

/** The variables an instance is built from: a change (tests set them per file) means a new instance. */
let instanceVars: string[] | undefined;
const INSTANCE_VARS = () => (instanceVars ??= [...Object.keys(envSchema().shape), "URL"]);

/**
 * Builds this instance's object once from the environment, again only if the variables it was built from change.
 * The one place the environment is read. Logging and error reporting are configured first, so a broken
 * configuration is still logged and reported.
 */
export function perInstance<T>(build: (env: Env) => T): (env?: Env) => T {
  let built: { signature: string; value: T } | undefined;
  return (env = process.env) => {
    const signature = INSTANCE_VARS()
      .map((name) => env[name] ?? "")
      .join("\u0000");
    if (built?.signature === signature) return built.value;
    const level = envSchema().shape.LOG_LEVEL.safeParse(env.LOG_LEVEL || undefined);
    setLogLevel(level.success ? level.data : "info");
    const dsn = env.SENTRY_DSN || undefined;
    configureSentry(dsn ? { dsn, environment: env.SENTRY_ENVIRONMENT || "production" } : undefined);
    const value = build(env);
    built = { signature, value };
    return value;
  };
}

/** What probes (liveness, readiness) run on: the config and the store clients, none of the domain. */
export const servicesFromEnv = /* @__PURE__ */ perInstance((env): Services => createServices(parseConfig(env)));
