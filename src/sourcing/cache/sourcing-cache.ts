import type { Redis } from "@upstash/redis";
import type { NormalizedProduct } from "../../keepa/index.ts";
import { cacheKeys } from "./keys.ts";
import { JsonStore } from "./store.ts";

/** A Product Finder result as cached: the ASINs in rank order. */
export type CachedDiscovery = { asinList: string[]; totalResults: number | null; fetchedAt: number };

export type SourcingCacheOptions = {
  redis: Redis;
  /** Redis key prefix (LEDGER_PREFIX). */
  prefix: string;
  /** @default 21600 (6 h), PRODUCT_CACHE_TTL_SECONDS */
  productTtlSeconds: number;
  /** @default 86400 (24 h), DISCOVERY_CACHE_TTL_SECONDS */
  discoveryTtlSeconds: number;
  /** The clock entries are stamped and aged with. @default Date.now */
  now?: () => number;
};

/**
 * A read for a job that wants data no older than this (ms): older entries, and products stored before entries were
 * stamped (age unknown), are misses. Interactive reads pass none and get whatever the TTL kept.
 */
export type CacheReadOptions = { maxAgeMs?: number | undefined };

/** A product as stored since entries carry their age; a bare product is an entry written before that. */
type StampedProduct = { product: NormalizedProduct; fetchedAt: number | null };

const isProduct = (v: unknown): v is NormalizedProduct =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as { asin?: unknown }).asin === "string" &&
  typeof (v as { prices?: unknown }).prices === "object" &&
  // Entries written before per-condition markets existed are misses, not products the scorer cannot price.
  typeof (v as { market?: unknown }).market === "object";

const stamped = (v: unknown): StampedProduct | undefined => {
  if (isProduct(v)) return { product: v, fetchedAt: null };
  if (typeof v !== "object" || v === null) return undefined;
  const { product, fetchedAt } = v as { product?: unknown; fetchedAt?: unknown };
  if (!isProduct(product)) return undefined;
  return { product, fetchedAt: typeof fetchedAt === "number" && Number.isFinite(fetchedAt) ? fetchedAt : null };
};

const ASIN = /^[A-Z0-9]{10}$/;

const isDiscovery = (v: unknown): v is CachedDiscovery =>
  typeof v === "object" && v !== null && Array.isArray((v as { asinList?: unknown }).asinList);

/**
 * The shared product and discovery cache: normalized products (not scores, so any strategy or source price reuses
 * them) and Product Finder ASIN lists. Every instance of every function reads the same Redis, so a repeat costs 0.
 */
export class SourcingCache {
  private readonly products: JsonStore;
  private readonly discoveries: JsonStore;
  private readonly prefix: string;
  private readonly now: () => number;

  constructor(options: SourcingCacheOptions) {
    this.prefix = options.prefix;
    this.now = options.now ?? (() => Date.now());
    this.products = new JsonStore(options.redis, options.productTtlSeconds);
    this.discoveries = new JsonStore(options.redis, options.discoveryTtlSeconds);
  }

  /** Whether an entry stamped at `fetchedAt` (null: unknown) is young enough for the read. */
  private young(fetchedAt: number | null, options: CacheReadOptions): boolean {
    if (options.maxAgeMs === undefined) return true;
    return fetchedAt !== null && this.now() - fetchedAt <= options.maxAgeMs;
  }

  async getProducts(
    domain: number,
    asins: readonly string[],
    options: CacheReadOptions = {},
  ): Promise<Map<string, NormalizedProduct>> {
    const found = await this.products.getMany(
      asins.map((a) => cacheKeys.product(this.prefix, domain, a)),
      stamped,
    );
    const out = new Map<string, NormalizedProduct>();
    asins.forEach((asin, i) => {
      const entry = found[i];
      if (entry && this.young(entry.fetchedAt, options)) out.set(asin, entry.product);
    });
    return out;
  }

  putProducts(domain: number, products: readonly NormalizedProduct[]): Promise<void> {
    return this.products.setMany(
      products.map((p) => ({
        key: cacheKeys.product(this.prefix, domain, p.asin),
        value: { product: p, fetchedAt: this.now() } satisfies StampedProduct,
      })),
    );
  }

  /** The ASIN a code was matched to; kept as long as products are, since the product behind it is what expires. */
  async getCodeAsin(domain: number, code: string): Promise<string | undefined> {
    const [asin] = await this.products.getMany([cacheKeys.code(this.prefix, domain, code)], (v) =>
      typeof v === "string" && ASIN.test(v) ? v : undefined,
    );
    return asin;
  }

  putCodeAsin(domain: number, code: string, asin: string): Promise<void> {
    return this.products.setMany([{ key: cacheKeys.code(this.prefix, domain, code), value: asin }]);
  }

  async getDiscoveries(
    domain: number,
    selections: readonly unknown[],
    options: CacheReadOptions = {},
  ): Promise<(CachedDiscovery | undefined)[]> {
    return this.discoveries.getMany(
      selections.map((s) => cacheKeys.discovery(this.prefix, domain, s)),
      (v) => {
        if (!isDiscovery(v)) return undefined;
        const at = typeof v.fetchedAt === "number" && Number.isFinite(v.fetchedAt) ? v.fetchedAt : null;
        return this.young(at, options) ? v : undefined;
      },
    );
  }

  putDiscovery(domain: number, selection: unknown, value: CachedDiscovery): Promise<void> {
    return this.discoveries.setMany([{ key: cacheKeys.discovery(this.prefix, domain, selection), value }]);
  }
}
