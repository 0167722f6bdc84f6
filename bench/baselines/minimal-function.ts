// B5's baseline: the least a function of this project can import — the handler type, zod (its config is one zod
// schema) and @upstash/redis (every function may reach the ledger or the key cache) — bundled like every function.
// Same shape as ours: a schema built at load, the client built on first use.
import type { Config, Context } from "@netlify/functions";
import { Redis } from "@upstash/redis";
import { z } from "zod";

const env = z.object({
  UPSTASH_REDIS_REST_URL: z.string().url(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

let redis: Redis | undefined;

export default async function minimal(request: Request, context: Context): Promise<Response> {
  const parsed = env.parse(process.env);
  redis ??= new Redis({ url: parsed.UPSTASH_REDIS_REST_URL, token: parsed.UPSTASH_REDIS_REST_TOKEN });
  if (request.method === "OPTIONS") return new Response(null, { status: 204 });
  return Response.json({ ok: true, requestId: context.requestId });
}

export const config: Config = { path: "/bench-minimal" };
