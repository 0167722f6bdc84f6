import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { JOB_STATUSES, WEBHOOK_EVENTS } from "../../../autosourcing/index.ts";
import { subscriptionBody, subscriptionsQuery } from "../../webhooks/subscriptions.ts";
import { IdParam, page, Timestamp } from "../common.ts";
import type { Operation } from "../operation.ts";

const WebhookEvent = z.lazy(() => z.enum(WEBHOOK_EVENTS).meta({ id: "WebhookEvent" }));

const Subscription = z.lazy(() =>
  z
    .object({
      id: z.uuid(),
      url: z.url(),
      events: z.array(WebhookEvent),
      createdAt: Timestamp,
    })
    .meta({ id: "WebhookSubscription", description: "Never carries the secret: it is shown once, at creation" }),
);

export const webhooksOperations = (): readonly Operation[] => [
  {
    id: "listWebhookSubscriptions",
    method: "get",
    path: "/api/v1/webhooks",
    fn: "webhooks",
    tag: "Webhooks",
    summary: "The calling key's webhook subscriptions, oldest first, a page at a time",
    access: "apiKey",
    query: subscriptionsQuery,
    replies: { 200: { description: "A page of subscriptions.", schema: page(Subscription) } },
  },
  {
    id: "createWebhookSubscription",
    method: "post",
    path: "/api/v1/webhooks",
    fn: "webhooks",
    tag: "Webhooks",
    summary: "Subscribe a URL to job events; deliveries are signed with the subscription's secret",
    access: "apiKey",
    scopes: ["data:write"],
    // The door reads its query on every method; a POST's is ignored but still checked.
    query: subscriptionsQuery,
    body: subscriptionBody,
    replies: {
      201: {
        description: "Subscribed.",
        schema: z.object({
          subscription: Subscription,
          secret: z.string().meta({ description: "Signs the deliveries; shown this once (generated when absent)" }),
        }),
        headers: ["Location"],
      },
    },
  },
  {
    id: "deleteWebhookSubscription",
    method: "delete",
    path: "/api/v1/webhooks/{id}",
    fn: "webhook",
    tag: "Webhooks",
    summary: "Delete one of the calling key's subscriptions (another key's id is 404)",
    access: "apiKey",
    scopes: ["data:write"],
    params: IdParam(),
    replies: { 204: { description: "Deleted, with its pending deliveries." } },
    problems: { 404: ["not_found"] },
  },
];

// ---- what we send: the deliveries (OpenAPI 3.1 `webhooks`) -----------------------------------------------------

const Tier = z.lazy(() => z.enum(["HOT", "TOP", "WATCH", "OTHER"]));

const JobEndData = z.lazy(() =>
  z
    .object({
      jobId: z.uuid(),
      profileId: z.uuid(),
      profileName: z.string(),
      trigger: z.enum(["schedule", "webhook", "manual"]),
      status: z.enum(JOB_STATUSES).meta({ description: "How the job ended: succeeded, partial, skipped or failed" }),
      statusReason: z.string().nullable(),
      retryAt: Timestamp.nullable().meta({ description: "When a skipped job is tried again" }),
      testedCount: z.number().int(),
      selectedCount: z.number().int(),
      picksByTier: z.partialRecord(Tier, z.number().int()).meta({ description: "Picks per tier; absent tiers: none" }),
      tokensSpent: z.number().int(),
      durationSeconds: z.number().nullable(),
    })
    .meta({ id: "JobEndData" }),
);

const delivery = (event: (typeof WEBHOOK_EVENTS)[number]) =>
  z.object({
    event: z.literal(event),
    timestamp: Timestamp.meta({ description: "When it was sent" }),
    data: JobEndData,
  });

const deliveryHeaders = (event: (typeof WEBHOOK_EVENTS)[number]) =>
  z.object({
    "X-Webhook-Event": z.literal(event),
    "X-Webhook-Delivery": z.uuid().meta({ description: "The delivery's id, the same on every retry" }),
    "X-Webhook-Signature": z
      .string()
      .meta({ description: "sha256=<hex HMAC-SHA256 of the raw body with the subscription's secret>" }),
  });

function deliveryOperation(event: (typeof WEBHOOK_EVENTS)[number], summary: string) {
  return {
    post: {
      operationId: event === "autosourcing.job.completed" ? "onJobCompleted" : "onJobFailed",
      summary,
      description:
        "POSTed to the subscription's URL (and, for completed, COMPLETION_WEBHOOK_URLS). The body's `timestamp` " +
        "is covered by the signature: refuse old ones. Anything but a 2xx is retried with backoff.",
      tags: ["Webhooks"],
      requestParams: { header: deliveryHeaders(event) },
      requestBody: { required: true, content: { "application/json": { schema: delivery(event) } } },
      responses: {
        "200": { description: "Received; any 2xx ends the delivery." },
        default: { description: "Not received: retried by a later scheduler tick, with backoff." },
      },
    },
  };
}

/** The deliveries we send (top-level `webhooks` of the OpenAPI document): what a subscriber receives. */
export const WEBHOOKS = (): ZodOpenApiPathsObject => ({
  "autosourcing.job.completed": deliveryOperation(
    "autosourcing.job.completed",
    "A job ended (succeeded, partial, skipped or failed)",
  ),
  "autosourcing.job.failed": deliveryOperation("autosourcing.job.failed", "A job ended failed (subscriptions only)"),
});
