import { z } from "zod";
import { problems, storedText, withLegacyAliases } from "../../shared/index.ts";
import type { EndpointContext } from "../endpoint.ts";
import { decodeKeyset, discoveryConfig, profileSchedule, scoringConfig } from "../../autosourcing/index.ts";
import type { Keyset } from "../../autosourcing/index.ts";
import { JOB_STATUSES, PICK_ACTIONS } from "../../autosourcing/index.ts";

// Built on first use (z.lazy, builder functions): zod building them at module load was most of a function's cold
// start (docs/architecture.md, "Cold start").

const uuid = z.lazy(() => z.uuid());

/** The `:id` path parameter; anything but a UUID is a 404 without touching the database. */
export function idParam(ctx: EndpointContext, what: string): string {
  const value = ctx.netlify.params?.id;
  const parsed = uuid.safeParse(value);
  if (!parsed.success)
    throw problems.notFound(`No ${what} with id ${JSON.stringify(String(value ?? "").slice(0, 64))}.`);
  return parsed.data;
}

export const profileBody = z.lazy(() =>
  z.strictObject({
    name: storedText(3, 100),
    description: storedText(0, 500).nullable().optional(),
    discovery: discoveryConfig,
    scoring: scoringConfig.default(scoringConfig.parse({})),
    /** Minutes between runs (slots aligned on UTC). @default 60 */
    scheduleMinutes: z
      .number()
      .int()
      .min(15)
      .max(7 * 24 * 60)
      .default(60),
    /** Local times on weekdays in an IANA zone, with a pause and skip dates; replaces scheduleMinutes when set. */
    schedule: profileSchedule.nullable().optional(),
    /** Inactive profiles are not scheduled (a webhook may still run them). @default true */
    active: z.boolean().default(true),
  }),
);
export type ProfileBody = z.infer<typeof profileBody>;

const booleanText = () => z.enum(["true", "false"]).transform((v) => v === "true");

/** `limit` and `cursor` of every list (README, "API conventions"). */
const pageLimit = () =>
  z.coerce.number().int().min(1).max(100).default(20).meta({ description: "Items per page, 1–100." });
const pageCursor = () =>
  z
    .string()
    .max(200)
    .optional()
    .meta({ description: "A page's `nextCursor`, passed back unchanged for the next page." });

/** A list's cursor decoded, or a 400 naming the field when it is not one this API handed out. */
export function afterCursor(cursor: string | undefined): Keyset | undefined {
  if (cursor === undefined) return undefined;
  const after = decodeKeyset(cursor);
  if (after === undefined) {
    throw problems.badRequest("Invalid query: cursor.", {
      errors: [{ field: "cursor", message: "Not a cursor this API handed out." }],
    });
  }
  return after;
}

export const profilesQuery = withLegacyAliases(
  z.lazy(() =>
    z.strictObject({
      activeOnly: booleanText().default(false).meta({ description: "Only profiles the scheduler runs." }),
      limit: pageLimit(),
      cursor: pageCursor(),
    }),
  ),
  { active_only: "activeOnly" },
);

export const jobsQuery = withLegacyAliases(
  z.lazy(() =>
    z.strictObject({
      limit: pageLimit(),
      cursor: pageCursor(),
      status: z.enum(JOB_STATUSES).optional(),
      profileId: uuid.optional().meta({ description: "Only this profile's jobs." }),
    }),
  ),
  { profile_id: "profileId" },
);

export const pickActionBody = z.lazy(() =>
  z.strictObject({ action: z.enum(PICK_ACTIONS), notes: storedText(0, 500).optional() }),
);

export const runBody = z.lazy(() => z.strictObject({ profileId: uuid }));

/** Either a saved profile or an ad-hoc discovery to price. */
export const estimateBody = z.lazy(() =>
  z.union([
    z.strictObject({ profileId: uuid }),
    z.strictObject({ discovery: discoveryConfig, scoring: scoringConfig.default(scoringConfig.parse({})) }),
  ]),
);

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Optional Idempotency-Key header: printable ASCII, ≤ 200 chars. */
export function idempotencyKey(request: Request): string | undefined {
  const key = request.headers.get("idempotency-key");
  if (key === null) return undefined;
  if (!IDEMPOTENCY_KEY.test(key))
    throw problems.badRequest("Idempotency-Key must be 1–200 printable ASCII characters.");
  return key;
}
export type EstimateBody = z.infer<typeof estimateBody>;
export type ProfilesQuery = z.infer<typeof profilesQuery>;
export type JobsQuery = z.infer<typeof jobsQuery>;
export type PickActionBody = z.infer<typeof pickActionBody>;
export type RunBody = z.infer<typeof runBody>;

export const workerBody = z.lazy(() => z.strictObject({ jobId: z.uuid() }));
export type WorkerBody = z.infer<typeof workerBody>;
