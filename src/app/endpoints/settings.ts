import { z, ZodError } from "zod";
import { currencyOf } from "../../keepa/index.ts";
import { fieldErrors, HttpProblem, jsonResponse, problems } from "../../shared/index.ts";
import type { Services } from "../../shared/index.ts";
import {
  appendScoringSettings,
  currentScoringSettings,
  listScoringChanges,
  resolveScoringConfig,
  scoredView,
  STRATEGY_NAMES,
} from "../../sourcing/index.ts";
import type {
  PlannedAction,
  PlanningDeps,
  ScoringConfig,
  ScoringConfigOverrides,
  ScoringSettings,
} from "../../sourcing/index.ts";
import { LOCAL_IDENTITY_ID } from "../auth/authenticate.ts";
import type { EndpointContext } from "../endpoint.ts";
import type { Runtime } from "../runtime.ts";

// Scoring settings without a redeploy (docs/scoring.md#configuration): read, written under If-Match, logged, previewed.

const overrides = () => z.record(z.string(), z.unknown());

export const configBody = z.lazy(() =>
  z.strictObject({ overrides: overrides(), note: z.string().max(500).optional() }),
);
export type ConfigBody = z.infer<typeof configBody>;

export const configChangesQuery = z.lazy(() =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z
      .string()
      .regex(/^v[1-9][0-9]{0,9}$/, "Not a cursor this API handed out.")
      .optional(),
  }),
);
export type ConfigChangesQuery = z.infer<typeof configChangesQuery>;

export const previewBody = z.lazy(() =>
  z.strictObject({
    overrides: overrides(),
    asins: z
      .array(z.string().regex(/^[0-9A-Z]{10}$/, "An ASIN: 10 capital letters or digits."))
      .min(1)
      .max(50),
    strategy: z.enum(STRATEGY_NAMES).default("smart_velocity"),
  }),
);
export type PreviewBody = z.infer<typeof previewBody>;

const etagOf = (version: number) => `"v${version}"`;

// The API names a strategy's price range `priceRange: {minCents, maxCents}` (money fields end in `Cents`); the config's
// schema and the stored overrides keep `priceRangeCents: {min, max}`. The names translate here, at the edge, both ways;
// `priceRangeCents` in overrides stays accepted (deprecated).
type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** `from` renamed `to` in place (key order kept); left alone when both are there, for the strict schema to refuse. */
function renamed(object: Json, from: string, to: string, convert: (value: unknown) => unknown = (v) => v): Json {
  if (!Object.hasOwn(object, from) || Object.hasOwn(object, to)) return object;
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => (key === from ? [to, convert(value)] : [key, value])),
  );
}

function eachStrategy(config: unknown, each: (strategy: Json) => Json): unknown {
  if (!isJson(config) || !isJson(config.strategies)) return config;
  const strategies = Object.entries(config.strategies).map(([name, s]) => [name, isJson(s) ? each(s) : s]);
  return { ...config, strategies: Object.fromEntries(strategies) };
}

const rangeToApi = (r: unknown) => (isJson(r) ? renamed(renamed(r, "min", "minCents"), "max", "maxCents") : r);
const rangeFromApi = (r: unknown) => (isJson(r) ? renamed(renamed(r, "minCents", "min"), "maxCents", "max") : r);

/** A config or overrides with the API's names. */
const apiNames = (config: unknown): unknown =>
  eachStrategy(config, (s) => renamed(s, "priceRangeCents", "priceRange", rangeToApi));
/** Overrides as given → as stored and validated. */
const storedNames = (given: Json): ScoringConfigOverrides =>
  eachStrategy(given, (s) => renamed(s, "priceRange", "priceRangeCents", rangeFromApi)) as ScoringConfigOverrides;
/** An error's field with the API's names. */
const apiField = (field: string) =>
  field.replace(/\.priceRangeCents(?=\.|$)/, ".priceRange").replace(/\.priceRange\.(min|max)$/, ".priceRange.$1Cents");

/** Overrides resolved against the defaults, or a 400 naming each offending field (weights, ranges, unknown keys). */
function resolveOrThrow(given: ScoringConfigOverrides): ScoringConfig {
  try {
    return resolveScoringConfig(given);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const errors = fieldErrors(error).map((e) => ({ ...e, field: apiField(`overrides.${e.field}`) }));
    throw problems.badRequest(`Invalid overrides: ${errors.map((e) => e.field).join(", ")}.`, { errors });
  }
}

const precondition = (status: 412 | 428, detail: string, version: number) =>
  new HttpProblem(
    {
      reason: status === 412 ? "version_mismatch" : "if_match_required",
      title: status === 412 ? "Precondition Failed" : "Precondition Required",
      status,
      detail,
      currentVersion: version,
    },
    { etag: etagOf(version) },
  );

/** The config's cents are the deployment marketplace's currency, named beside them (README, "API conventions"). */
const settingsBody = (s: ScoringSettings, domain: number) => ({
  version: s.version,
  currency: currencyOf(domain),
  config: apiNames(s.config),
  overrides: apiNames(s.overrides),
});

/** GET (authenticate) / PUT (admin, If-Match required) /api/v1/config */
export async function scoringConfig(
  input: { body: ConfigBody | undefined },
  ctx: EndpointContext<Services>,
): Promise<Response> {
  const db = ctx.runtime.db;
  const current = await currentScoringSettings(db);
  if (ctx.request.method.toUpperCase() !== "PUT") {
    const etag = etagOf(current.version);
    const given = ctx.request.headers.get("if-none-match");
    if (given !== null && given.split(",").some((t) => t.trim() === etag || t.trim() === "*"))
      return new Response(null, { status: 304, headers: { etag } });
    return jsonResponse(settingsBody(current, ctx.config.KEEPA_DOMAIN), { headers: { etag } });
  }
  if (!input.body) throw problems.badRequest('Send {"overrides": {…}, "note": "…"} as a JSON body.');
  const ifMatch = ctx.request.headers.get("if-match");
  if (ifMatch === null)
    throw precondition(428, `Send If-Match: ${etagOf(current.version)} (GET /api/v1/config).`, current.version);
  if (ifMatch.trim() !== etagOf(current.version)) throw stale(ifMatch, current.version);
  const stored = storedNames(input.body.overrides);
  const config = resolveOrThrow(stored);
  const keyId = ctx.auth === undefined || ctx.auth.apiKeyId === LOCAL_IDENTITY_ID ? null : ctx.auth.apiKeyId;
  const written = await appendScoringSettings(db, {
    previous: current.version,
    overrides: stored,
    keyId,
    note: input.body.note ?? null,
  });
  if (!written) throw stale(ifMatch, current.version + 1);
  const version = current.version + 1;
  ctx.log.set({ configVersion: version });
  return jsonResponse(settingsBody({ version, config, overrides: stored }, ctx.config.KEEPA_DOMAIN), {
    headers: { etag: etagOf(version) },
  });
}

const stale = (given: string, version: number) =>
  precondition(
    412,
    `The settings changed: If-Match ${given} is not the current version ${version} (${etagOf(version)}); ` +
      "read them again and reapply your change.",
    version,
  );

/** GET /api/v1/config/changes — the audit log, newest first, with who, when, the note and each version's overrides. */
export async function scoringConfigChanges(
  input: { query: ConfigChangesQuery },
  ctx: EndpointContext<Services>,
): Promise<Response> {
  const { limit, cursor } = input.query;
  const before = cursor === undefined ? undefined : Number(cursor.slice(1));
  const page = await listScoringChanges(ctx.runtime.db, { limit, before });
  return jsonResponse({ ...page, items: page.items.map((item) => ({ ...item, overrides: apiNames(item.overrides) })) });
}

/**
 * POST /api/v1/config/preview — the listed ASINs found in the product cache, scored with the current settings and with
 * the previewed ones: 0 tokens, no Keepa request; ASINs not in the cache are listed as missing.
 */
export async function scoringConfigPreview(
  input: { body: PreviewBody | undefined },
  ctx: EndpointContext<Runtime>,
): Promise<Response> {
  if (!input.body) throw problems.badRequest('Send {"overrides": {…}, "asins": […]} as a JSON body.');
  const { strategy, asins } = input.body;
  const after = resolveOrThrow(storedNames(input.body.overrides));
  const current = await currentScoringSettings(ctx.runtime.db);
  const cached = await ctx.runtime.cache.getProducts(ctx.config.KEEPA_DOMAIN, [...new Set(asins)]);
  const side = (config: ScoringConfig, product: Parameters<typeof scoredView>[0]) => {
    const view = scoredView(product, { strategy, config });
    return { recommendation: view.recommendation, roiPercent: view.roiPercent, maxBuyCents: view.maxBuyCents };
  };
  const products = [...cached.values()].map((product) => ({
    asin: product.asin,
    title: product.title,
    before: side(current.config, product),
    after: side(after, product),
  }));
  return jsonResponse({
    configVersion: current.version,
    strategy,
    currency: currencyOf(ctx.config.KEEPA_DOMAIN),
    products,
    missing: asins.filter((asin) => !cached.has(asin)),
    tokens: { spent: 0 },
  });
}

/**
 * The planning deps of one request with the settings in force (the instance's copy, at most SETTINGS_CACHE_MS old);
 * its answer records their version.
 */
export async function withScoringSettings(
  ctx: EndpointContext<Runtime>,
): Promise<{ deps: PlanningDeps; versioned: (planned: PlannedAction) => PlannedAction }> {
  const settings = await ctx.runtime.scoringSettings();
  ctx.log.set({ configVersion: settings.version });
  const versioned = (planned: PlannedAction): PlannedAction => ({
    ...planned,
    run: async (client) => {
      const outcome = await planned.run(client);
      return { ...outcome, body: { ...outcome.body, configVersion: settings.version } };
    },
  });
  return { deps: { ...ctx.runtime.planning, scoring: settings.config }, versioned };
}
