import type { Config } from "@netlify/functions";
import {
  authenticate,
  defineServicesEndpoint,
  scope,
  subscriptionBody,
  subscriptionsQuery,
  webhookSubscriptions,
} from "../../src/app/index.ts";

/** GET (the calling key's) / POST (create, needs data:write) webhook subscriptions. */
export default defineServicesEndpoint({
  name: "webhooks",
  methods: ["GET", "POST"],
  steps: [authenticate, scope("data:write", ["POST"])],
  query: subscriptionsQuery,
  body: subscriptionBody,
  handle: webhookSubscriptions,
});

export const config: Config = { path: "/api/v1/webhooks" };
