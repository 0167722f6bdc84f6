import type { Config } from "@netlify/functions";
import { authenticate, defineServicesEndpoint, scope, webhookSubscription } from "../../src/app/index.ts";

/** DELETE one of the calling key's webhook subscriptions (data:write). */
export default defineServicesEndpoint({
  name: "webhook",
  methods: ["DELETE"],
  steps: [authenticate, scope("data:write")],
  handle: webhookSubscription,
});

export const config: Config = { path: "/api/v1/webhooks/:id" };
