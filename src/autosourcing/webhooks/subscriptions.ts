import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import type { Db } from "../../shared/index.ts";
import { KEYSET_AT, pageOf } from "../cursor.ts";
import type { Keyset } from "../cursor.ts";

/** What a subscription may ask for: every end of a job, or only the ends that failed (docs/autosourcing.md). */
export const WEBHOOK_EVENTS = ["autosourcing.job.completed", "autosourcing.job.failed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export type SubscriptionView = { id: string; url: string; events: string[]; createdAt: string };

/** A subscription's secret when none is given: 256 random bits, returned once. */
export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString("hex")}`;

const cipherKey = (key: string) => createHash("sha256").update(key, "utf8").digest();

/**
 * How a secret is stored: it must be recoverable to sign, so it is encrypted (AES-256-GCM) under the configured key,
 * or kept as-is (`plain:`) when none is configured.
 */
export function sealSecret(secret: string, key: string | undefined): string {
  if (key === undefined) return `plain:${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", cipherKey(key), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), sealed]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(":");
}

/** The secret back, or undefined when it was sealed under a key this instance does not hold. */
export function openSecret(stored: string, key: string | undefined): string | undefined {
  if (stored.startsWith("plain:")) return stored.slice("plain:".length);
  const [version, iv, tag, sealed] = stored.split(":");
  if (version !== "v1" || key === undefined || !iv || !tag || sealed === undefined) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", cipherKey(key), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
const INTERNAL_SUFFIXES = [".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet", ".corp"];

function isPrivateV4(host: string): boolean {
  const [a = 0, b = 0] = host.split(".").map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

function isPrivateV6(host: string): boolean {
  const h = host.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped?.[1] !== undefined) return isPrivateV4(mapped[1]);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  if (hex?.[1] !== undefined && hex[2] !== undefined) {
    const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
    return isPrivateV4(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  return h === "::" || h === "::1" || /^f[cd]/.test(h) || /^fe[89ab]/.test(h) || h.startsWith("ff");
}

/**
 * Why a webhook URL is refused, or undefined when it may be used: https to a public host; http only to loopback and
 * only in local mode. Private, link-local, loopback (outside local mode) and internal names are refused so a key
 * cannot make the server call into its own network. Names are not resolved here (docs: the limits).
 */
export function webhookUrlProblem(raw: string, localMode: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Not a URL.";
  }
  if (url.username !== "" || url.password !== "") return "A webhook URL must not carry credentials.";
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const bare = host.startsWith("[") ? host.slice(1, -1) : host;
  const loopback = LOOPBACK_NAMES.has(host) || (isIP(bare) === 4 && bare.startsWith("127."));
  if (loopback && localMode) {
    return url.protocol === "https:" || url.protocol === "http:" ? undefined : "Use https (or http to loopback).";
  }
  if (url.protocol !== "https:") {
    return localMode
      ? "Use https, or http to a loopback host (local mode)."
      : "Use https: deliveries are signed but must not travel in clear.";
  }
  const family = isIP(bare);
  if ((family === 4 && isPrivateV4(bare)) || (family === 6 && isPrivateV6(bare))) {
    return `The host ${host} is a private, loopback or reserved address: webhooks go to public hosts only.`;
  }
  if (family === 0 && (loopback || !host.includes(".") || INTERNAL_SUFFIXES.some((s) => host.endsWith(s)))) {
    return `The host ${host} is an internal name: webhooks go to public hosts only.`;
  }
  return undefined;
}

type SubscriptionRow = { id: string; url: string; events: string[]; created_at: Date | string };
const viewOf = (row: SubscriptionRow): SubscriptionView => ({
  id: row.id,
  url: row.url,
  events: row.events,
  createdAt: new Date(row.created_at).toISOString(),
});

/** `ownerKeyId` null = the fixed local key (local mode). The secret arrives sealed (see sealSecret). */
export async function createSubscription(
  db: Db,
  input: { ownerKeyId: string | null; url: string; events: readonly string[]; sealedSecret: string },
): Promise<SubscriptionView> {
  const rows = await db.query<SubscriptionRow>(
    `INSERT INTO webhook_subscriptions (owner_key_id, url, events, secret) VALUES ($1, $2, $3, $4)
     RETURNING id::text, url, events, created_at`,
    [input.ownerKeyId, input.url, [...new Set(input.events)], input.sealedSecret],
  );
  const [row] = rows;
  if (!row) throw new Error("webhook subscription insert returned no row");
  return viewOf(row);
}

/**
 * One page of the key's subscriptions, oldest first; never the secret. `after` is a decoded cursor
 * (src/autosourcing/cursor.ts).
 */
export async function listSubscriptions(
  db: Db,
  ownerKeyId: string | null,
  page: { limit: number; after?: Keyset | undefined },
): Promise<{ items: SubscriptionView[]; limit: number; nextCursor: string | null }> {
  const rows = await db.query<SubscriptionRow & { page_at: string }>(
    `SELECT id::text, url, events, created_at, ${KEYSET_AT} AS page_at FROM webhook_subscriptions
     WHERE owner_key_id IS NOT DISTINCT FROM $1::uuid
       AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
     ORDER BY created_at, id LIMIT $4`,
    [ownerKeyId, page.after?.at ?? null, page.after?.id ?? null, page.limit + 1],
  );
  const shown = pageOf(rows, page.limit);
  return { items: shown.rows.map(viewOf), limit: page.limit, nextCursor: shown.nextCursor };
}

/** Deletes the key's own subscription (and its pending deliveries); false when there is none of this key's. */
export async function deleteSubscription(db: Db, ownerKeyId: string | null, id: string): Promise<boolean> {
  const rows = await db.query(
    `DELETE FROM webhook_subscriptions WHERE id = $1::uuid AND owner_key_id IS NOT DISTINCT FROM $2::uuid
     RETURNING id`,
    [id, ownerKeyId],
  );
  return rows.length > 0;
}

/** The subscriptions a job's event goes to: those of its profile's owner key that asked for the event. */
export function subscriptionTargets(db: Db, profileId: string, event: string): Promise<{ id: string; url: string }[]> {
  return db.query<{ id: string; url: string }>(
    `SELECT s.id::text, s.url FROM webhook_subscriptions s JOIN profiles p
       ON s.owner_key_id IS NOT DISTINCT FROM p.owner_key_id
     WHERE p.id = $1 AND $2 = ANY (s.events) ORDER BY s.created_at, s.id`,
    [profileId, event],
  );
}

/** Stored (sealed) secrets by subscription id. */
export async function sealedSecrets(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; secret: string }>(
    `SELECT id::text, secret FROM webhook_subscriptions WHERE id = ANY ($1::uuid[])`,
    [[...ids]],
  );
  return new Map(rows.map((r) => [r.id, r.secret]));
}
