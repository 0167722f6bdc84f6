import type { Db } from "../shared/index.ts";
import { EXPORT_LIMIT } from "./buy-list.ts";
import { picksByAction } from "./store/seller.ts";
import type { SellerPickRow } from "./store/seller.ts";
import type { PickAction } from "./types.ts";
import { isoOrNull } from "./views.ts";

/** RFC 4180: a field holding a comma, a quote, CR or LF is quoted, its quotes doubled; null is an empty field. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Text someone typed or a listing carries: a leading = + - @ (or tab, CR) would make a spreadsheet run it as a
 * formula (CSV injection), so it is prefixed with an apostrophe.
 */
const safeText = (value: unknown): string | null =>
  typeof value === "string" ? (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value) : null;

/** Integer cents as decimal dollars ("-0.05", "12.30"); empty when unknown. No float arithmetic. */
export function dollars(cents: unknown): string {
  if (typeof cents !== "number" || !Number.isSafeInteger(cents)) return "";
  const abs = Math.abs(cents);
  return `${cents < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const scoreOf = (row: SellerPickRow, key: string): unknown =>
  typeof row.scores === "object" && row.scores !== null ? (row.scores as Record<string, unknown>)[key] : undefined;

/** The columns, in order: money twice, as dollars and as integer cents, each named by its unit. */
const COLUMNS: readonly [string, (row: SellerPickRow) => unknown][] = [
  ["pick_id", (r) => r.id],
  ["asin", (r) => r.asin],
  ["title", (r) => safeText(r.title)],
  ["action", (r) => r.action_status],
  ["action_at", (r) => isoOrNull(r.action_at)],
  ["notes", (r) => safeText(r.notes)],
  ["tier", (r) => r.tier],
  ["recommendation", (r) => r.recommendation],
  ["roi_percent", (r) => r.roi_percent],
  ["profit_usd", (r) => dollars(r.profit_cents)],
  ["profit_cents", (r) => r.profit_cents],
  ["buy_cost_usd", (r) => dollars(r.buy_price_cents)],
  ["buy_cost_cents", (r) => r.buy_price_cents],
  ["sell_price_usd", (r) => dollars(r.sell_price_cents)],
  ["sell_price_cents", (r) => r.sell_price_cents],
  ["max_buy_usd", (r) => dollars(scoreOf(r, "maxBuyCents"))],
  ["max_buy_cents", (r) => scoreOf(r, "maxBuyCents")],
  ["sell_condition", (r) => scoreOf(r, "sellCondition")],
  ["verified", (r) => scoreOf(r, "verified") === true],
  ["bsr", (r) => r.bsr],
  ["found_at", (r) => isoOrNull(r.created_at)],
  ["job_id", (r) => r.job_id],
  ["profile_name", (r) => safeText(r.profile_name)],
];

export const PICKS_CSV_HEADER = COLUMNS.map(([name]) => name);

/** Header row and one line per pick, CRLF-terminated (RFC 4180). */
export function picksCsv(rows: readonly SellerPickRow[]): string {
  const lines = [
    PICKS_CSV_HEADER.join(","),
    ...rows.map((row) => COLUMNS.map(([, cell]) => csvField(cell(row))).join(",")),
  ];
  return `${lines.join("\r\n")}\r\n`;
}

/** An action's picks as CSV, newest action first, at most {@link EXPORT_LIMIT}; `truncated` when there were more. */
export async function exportPicks(
  db: Db,
  action: PickAction,
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const rows = await picksByAction(db, { action, limit: EXPORT_LIMIT + 1 });
  const kept = rows.slice(0, EXPORT_LIMIT);
  return { csv: picksCsv(kept), rows: kept.length, truncated: rows.length > EXPORT_LIMIT };
}
