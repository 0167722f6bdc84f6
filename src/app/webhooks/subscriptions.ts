import { z } from "zod";
import {
  createSubscription,
  deleteSubscription,
  generateWebhookSecret,
  listSubscriptions,
  sealSecret,
  WEBHOOK_EVENTS,
  webhookUrlProblem,
} from "../../autosourcing/index.ts";
import { isLocalMode, jsonResponse, problems } from "../../shared/index.ts";
import type { Services } from "../../shared/index.ts";
import { LOCAL_IDENTITY_ID } from "../auth/authenticate.ts";
import { afterCursor, idParam } from "../autosourcing/inputs.ts";
import type { EndpointContext } from "../endpoint.ts";

type Ctx = EndpointContext<Services>;

export const subscriptionBody = z.lazy(() =>
  z.strictObject({
    url: z
      .string()
      .max(2048)
      .pipe(z.url({ protocol: /^https?$/, error: "Must be an https URL." })),
    events: z
      .array(z.enum(WEBHOOK_EVENTS, { error: `Events: ${WEBHOOK_EVENTS.join(", ")}.` }))
      .min(1)
      .max(WEBHOOK_EVENTS.length * 2),
    /** Printable ASCII, so it signs the same bytes in every language; generated when absent. */
    secret: z
      .string()
      .min(16)
      .max(256)
      .regex(/^[\x21-\x7e]+$/, "Printable ASCII without spaces.")
      .optional(),
  }),
);
export type SubscriptionBody = z.infer<typeof subscriptionBody>;

export const subscriptionsQuery = z.lazy(() =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(200).optional(),
  }),
);
export type SubscriptionsQuery = z.infer<typeof subscriptionsQuery>;

/** Subscriptions belong to the calling key; the fixed local key (no row) owns the NULL ones. */
const ownerOf = (ctx: Ctx): string | null =>
  ctx.auth === undefined || ctx.auth.apiKeyId === LOCAL_IDENTITY_ID ? null : ctx.auth.apiKeyId;

async function create(body: SubscriptionBody, ctx: Ctx): Promise<Response> {
  const refused = webhookUrlProblem(body.url, isLocalMode(ctx.config));
  if (refused !== undefined) {
    throw problems.badRequest("Invalid body: url.", { errors: [{ field: "url", message: refused }] });
  }
  const secret = body.secret ?? generateWebhookSecret();
  const subscription = await createSubscription(ctx.runtime.db, {
    ownerKeyId: ownerOf(ctx),
    url: body.url,
    events: body.events,
    sealedSecret: sealSecret(secret, ctx.config.WEBHOOK_SUBSCRIPTION_KEY),
  });
  ctx.log.set({ subscriptionId: subscription.id });
  const location = `/api/v1/webhooks/${subscription.id}`;
  // The secret is shown this once; listings never carry it.
  return jsonResponse({ subscription, secret }, { status: 201, headers: { location } });
}

/** GET (the calling key's, cursor pages) / POST (create) /api/v1/webhooks */
export async function webhookSubscriptions(
  input: { query: SubscriptionsQuery; body: SubscriptionBody | undefined },
  ctx: Ctx,
): Promise<Response> {
  if (ctx.request.method.toUpperCase() === "POST") {
    if (!input.body) throw problems.badRequest('Send {"url": …, "events": […]} as a JSON body.');
    return create(input.body, ctx);
  }
  const { limit, cursor } = input.query;
  return jsonResponse(await listSubscriptions(ctx.runtime.db, ownerOf(ctx), { limit, after: afterCursor(cursor) }));
}

/** DELETE /api/v1/webhooks/:id — only the key that made it; any other sees 404, as for an id that never existed. */
export async function webhookSubscription(_input: unknown, ctx: Ctx): Promise<Response> {
  const id = idParam(ctx, "webhook subscription");
  if (!(await deleteSubscription(ctx.runtime.db, ownerOf(ctx), id)))
    throw problems.notFound(`No webhook subscription with id ${id}.`);
  return new Response(null, { status: 204 });
}
