// Parameter parsing. Every invalid request becomes a ValidationError → HTTP 400 with no charge
// (docs/keepa-simulator.md#request-pipeline).

export class ValidationError extends Error {
  constructor(
    message: string,
    readonly details: string | null,
    readonly type = "invalidParameter",
  ) {
    super(message);
  }
}

export const VALID_DOMAINS: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]);

export type Params = URLSearchParams;

export function parseDomain(params: Params, opts: { brazilAllowed: boolean } = { brazilAllowed: true }): number {
  const domain = optionalInt(params, "domain", { min: 0, max: 99 });
  if (domain === null || !VALID_DOMAINS.has(domain)) throw new ValidationError("Invalid or missing domain.", "domain");
  if (domain === 12 && !opts.brazilAllowed)
    throw new ValidationError("This request is not available for the Brazil locale.", "domain");
  return domain;
}

export function optionalInt(params: Params, name: string, range: { min: number; max: number }): number | null {
  const raw = params.get(name);
  if (raw === null || raw === "") return null;
  return toInt(raw, name, range);
}

export function toInt(raw: unknown, name: string, range: { min: number; max: number }): number {
  const value =
    typeof raw === "number"
      ? raw
      : typeof raw === "string" && /^-?\d+$/.test(raw.trim())
        ? Number(raw.trim())
        : Number.NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new ValidationError(`Parameter ${name} must be an integer between ${range.min} and ${range.max}.`, name);
  }
  return value;
}

export function flag(params: Params, name: string, fallback = false): boolean {
  const raw = params.get(name);
  if (raw === null || raw === "") return fallback;
  if (raw === "1" || raw === "true") return true;
  if (raw === "0" || raw === "false") return false;
  throw new ValidationError(`Parameter ${name} must be 0 or 1.`, name);
}

export function list(params: Params, name: string): string[] | null {
  const raw = params.get(name);
  if (raw === null) return null;
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Product Finder / deal selections arrive as a JSON string in `selection` or as the POST body. */
export function parseSelection(params: Params, body: string): Record<string, unknown> {
  const raw = params.get("selection") ?? (body.trim().length > 0 ? body : null);
  if (raw === null) throw new ValidationError("The queryJSON is of invalid format.", "selection");
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ValidationError("The queryJSON is of invalid format.", "selection");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ValidationError("The queryJSON is of invalid format.", "selection");
  }
  return parsed as Record<string, unknown>;
}

/** Keyword terms: every keyword must have at least 3 characters. */
export function parseTerm(params: Params): string[] {
  const term = params.get("term");
  if (!term || term.trim().length === 0) throw new ValidationError("Missing search term.", "term");
  const words = term
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.some((w) => w.length < 3))
    throw new ValidationError("Each search keyword needs at least 3 characters.", "term");
  return words;
}
