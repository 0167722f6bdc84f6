import { CONDITIONS, conditionRank } from "../../keepa/index.ts";
import type { Condition } from "../../keepa/index.ts";
import { problems } from "../../shared/index.ts";
import { MAX_PRICE_DOLLARS, parseProductIdentifier } from "../../sourcing/index.ts";
import type { CostModel } from "../../sourcing/index.ts";
import { isBlank, parseCsv } from "./csv.ts";
import { ANALYSIS_LIMITS } from "./types.ts";
import type { AnalysisEconomics, AnalysisRowInput } from "./types.ts";

/**
 * Turns an uploaded list (JSON items or a CSV) into the rows an analysis stores: one per identifier, duplicates
 * collapsed onto their first row, and every row that is not an identifier kept as `invalid` with its reason. Only the
 * list as a whole can be refused (too many rows, a CSV without an identifier column); a bad row never is.
 */

/** A row as read, before its fields are checked. */
type RawRow = {
  row: number;
  id: unknown;
  costCents?: unknown;
  /** The name the cost in cents came under (`costCents`, the deprecated `cost_cents`, a CSV's column), for errors. */
  centsName?: string;
  costDollars?: unknown;
  condition?: unknown;
  /** The row could not even be read as a row: this is why. */
  problem?: string;
};

export type Duplicate = { row: number; input: string; sameAs: number };
export type ParsedList = {
  /** Valid identifiers and invalid rows, in row order: what the analysis stores and counts. */
  rows: AnalysisRowInput[];
  duplicates: Duplicate[];
  /** Rows read (blank CSV lines not counted), before duplicates collapsed. */
  rowsRead: number;
  economics: AnalysisEconomics;
};

const MAX_CENTS = MAX_PRICE_DOLLARS * 100;
const INPUT_CHARS = 64;
/** A JSON row's fields; `cost_cents` is the deprecated name of `costCents`. */
const JSON_ITEM_KEYS = new Set(["id", "costCents", "cost_cents", "condition"]);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, "\uFFFD").replaceAll("\u0000", "\uFFFD");

/** What a row said, fit to store and show: well-formed UTF-16 without NUL (Postgres refuses it), at most 64 chars. */
export function inputText(value: unknown): string {
  const text = typeof value === "string" ? value : value === undefined ? "" : (JSON.stringify(value) ?? String(value));
  const clean = wellFormed(text).trim();
  return clean.length > INPUT_CHARS ? `${wellFormed(clean.slice(0, INPUT_CHARS - 1))}…` : clean;
}

/** `used_good`, also `Used - Good`, `good`, `Like new`: what a spreadsheet column holds. */
export function conditionOf(value: unknown): Condition | undefined {
  if (typeof value !== "string") return undefined;
  const word = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_")
    .replace(/_+/g, "_");
  const used = `used_${word.replace(/^used_?/, "")}`;
  return CONDITIONS.find((c) => c === word || c === used);
}

const CONDITION_ERROR = `condition must be one of ${CONDITIONS.join(", ")}`;
const centsError = (name = "costCents") => `${name} must be whole cents between 0 and ${MAX_CENTS}`;
const DOLLARS_ERROR = `cost must be dollars between 0 and ${MAX_PRICE_DOLLARS}, like 2.50`;

function centsOf(raw: RawRow): { cents: number | null } | { error: string } {
  if (raw.costCents !== undefined && raw.costCents !== null && raw.costCents !== "") {
    const value =
      typeof raw.costCents === "string" && /^\d+$/.test(raw.costCents.trim()) ? Number(raw.costCents) : raw.costCents;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_CENTS)
      return { error: centsError(raw.centsName) };
    return { cents: value };
  }
  if (typeof raw.costDollars === "string" && raw.costDollars.trim() !== "") {
    const match = /^\$?\s*(\d{1,7})(?:\.(\d{1,2}))?$/.exec(raw.costDollars.trim());
    if (!match) return { error: DOLLARS_ERROR };
    const cents = Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
    return cents > MAX_CENTS ? { error: DOLLARS_ERROR } : { cents };
  }
  return { cents: null };
}

/** Why a row is not an identifier to screen, or the identifier with its own economics. */
function checkRow(
  raw: RawRow,
  economics: AnalysisEconomics,
):
  | { error: string }
  | { key: string; kind: "asin" | "isbn13" | "code"; asin: string | null; cents: number | null; sell: Condition } {
  if (raw.problem !== undefined) return { error: raw.problem };
  const id = typeof raw.id === "number" && Number.isSafeInteger(raw.id) ? String(raw.id) : raw.id;
  if (id === undefined || id === null || (typeof id === "string" && id.trim() === ""))
    return { error: "no identifier: give an ASIN, ISBN-10 or ISBN-13" };
  if (typeof id !== "string") return { error: "the identifier must be text (an ASIN, ISBN-10 or ISBN-13)" };
  if (id.length > 40) return { error: "expected an ASIN or ISBN-10 (10 characters) or an ISBN-13 (13 digits)" };
  const parsed = parseProductIdentifier(id);
  if ("error" in parsed) return { error: parsed.error };
  const cost = centsOf(raw);
  if ("error" in cost) return cost;
  let sell = economics.sellCondition;
  if (raw.condition !== undefined && raw.condition !== null && raw.condition !== "") {
    const own = conditionOf(raw.condition);
    if (!own) return { error: CONDITION_ERROR };
    sell = own;
  }
  const model = economics.costModel;
  if (cost.cents === null && model?.model === "amazonOffer" && conditionRank(model.condition) > conditionRank(sell))
    return {
      error: `a ${model.condition} copy cannot be sold as ${sell}: choose condition ${model.condition} or worse`,
    };
  if (parsed.kind === "code") return { key: parsed.code, kind: "code", asin: null, cents: cost.cents, sell };
  return { key: parsed.asin, kind: parsed.kind, asin: parsed.asin, cents: cost.cents, sell };
}

function tooMany(rows: number): never {
  const limit = ANALYSIS_LIMITS.maxRows;
  throw problems.badRequest(
    `An analysis takes at most ${limit.toLocaleString("en-US")} rows; this list has ${rows.toLocaleString("en-US")}. ` +
      "Split it into several analyses. Nothing was spent.",
    { reason: "too_many_rows", limit, rows },
  );
}

/** Rows → stored rows: invalid ones kept with their reason, duplicates collapsed onto the first. */
function collapse(raws: readonly RawRow[], economics: AnalysisEconomics): Omit<ParsedList, "economics" | "rowsRead"> {
  const rows: AnalysisRowInput[] = [];
  const duplicates: Duplicate[] = [];
  const byKey = new Map<string, AnalysisRowInput>();
  for (const raw of raws) {
    const input = inputText(raw.id);
    const checked = checkRow(raw, economics);
    if ("error" in checked) {
      rows.push({
        row: raw.row,
        input,
        key: null,
        kind: null,
        asin: null,
        costCents: null,
        sellCondition: economics.sellCondition,
        duplicateRows: [],
        status: "invalid",
        reason: checked.error,
      });
      continue;
    }
    const first = byKey.get(checked.key);
    if (first) {
      first.duplicateRows.push(raw.row);
      duplicates.push({ row: raw.row, input, sameAs: first.row });
      continue;
    }
    const row: AnalysisRowInput = {
      row: raw.row,
      input,
      key: checked.key,
      kind: checked.kind,
      asin: checked.asin,
      costCents: checked.cents,
      sellCondition: checked.sell,
      duplicateRows: [],
      status: "pending",
      reason: null,
    };
    byKey.set(checked.key, row);
    rows.push(row);
  }
  return { rows, duplicates };
}

/**
 * The list's economics: its strategy and sell condition, and the cost model of rows without their own cost — the
 * request's, else (when the list carries costs) an empty per-item list, so a row without a cost has none (SKIP, with
 * its maxBuyCents) rather than a silent 40 %; else the strategy's default.
 */
function listEconomics(base: AnalysisEconomics, raws: readonly RawRow[]): AnalysisEconomics {
  if (base.costModel) return base;
  const hasCosts = raws.some((r) => {
    const cost = centsOf(r);
    return "cents" in cost && cost.cents !== null;
  });
  const costModel: CostModel | undefined = hasCosts ? { model: "perItem", items: {} } : undefined;
  return { ...base, costModel };
}

function parsed(raws: RawRow[], base: AnalysisEconomics): ParsedList {
  if (raws.length > ANALYSIS_LIMITS.maxRows) tooMany(raws.length);
  if (raws.length === 0) throw problems.badRequest("The list has no rows: send at least one identifier.");
  const economics = listEconomics(base, raws);
  return { ...collapse(raws, economics), rowsRead: raws.length, economics };
}

/** `{items: [{id, costCents?, condition?}]}` (a bare identifier string is a row too): row n is items[n − 1]. */
export function parseJsonItems(items: readonly unknown[], economics: AnalysisEconomics): ParsedList {
  if (items.length > ANALYSIS_LIMITS.maxRows) tooMany(items.length);
  const raws = items.map((item, i): RawRow => {
    const row = i + 1;
    if (typeof item === "string" || typeof item === "number") return { row, id: item };
    if (typeof item !== "object" || item === null || Array.isArray(item))
      return { row, id: item, problem: 'a row must be an identifier or {"id": …, "costCents"?: …, "condition"?: …}' };
    const fields = item as Record<string, unknown>;
    const unknown = Object.keys(fields).find((key) => !JSON_ITEM_KEYS.has(key));
    if (unknown !== undefined)
      return {
        row,
        id: fields.id ?? item,
        problem: `unknown field "${inputText(unknown)}": a row has id, costCents and condition`,
      };
    if (Object.hasOwn(fields, "costCents") && Object.hasOwn(fields, "cost_cents"))
      return { row, id: fields.id, problem: "give costCents or its old name cost_cents, not both" };
    const centsName = Object.hasOwn(fields, "cost_cents") ? "cost_cents" : "costCents";
    return { row, id: fields.id, costCents: fields[centsName], centsName, condition: fields.condition };
  });
  return parsed(raws, economics);
}

const ID_COLUMNS = ["id", "asin", "isbn", "isbn10", "isbn13", "ean"];
const header = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

/**
 * A CSV with a header row: the identifier in a column named id, asin or isbn (also isbn10, isbn13, ean), optional
 * cost (dollars) or cost_cents, optional condition; other columns are ignored. Row n is the n-th record after the
 * header (blank lines keep their number but are not rows).
 */
export function parseCsvList(text: string, economics: AnalysisEconomics): ParsedList {
  const records = parseCsv(text);
  const head = records[0];
  if (!head || isBlank(head))
    throw problems.badRequest("The CSV is empty: send a header row (id, cost, condition) and one row per identifier.");
  const names = head.fields.map(header);
  const idColumn = names.findIndex((name) => ID_COLUMNS.includes(name));
  if (idColumn === -1)
    throw problems.badRequest(
      `The CSV's header names no identifier column: call it id, asin or isbn (found ${head.fields
        .map((f) => JSON.stringify(inputText(f)))
        .join(", ")}).`,
      { reason: "csv_no_identifier_column" },
    );
  const centsColumn = names.findIndex((name) => name === "costcents");
  const dollarsColumn = names.findIndex((name) => name === "cost");
  if (centsColumn !== -1 && dollarsColumn !== -1)
    throw problems.badRequest("The CSV has both cost and cost_cents columns: keep one (cost in dollars, or cents).");
  const conditionColumn = names.findIndex((name) => name === "condition");
  const cell = (fields: string[], column: number) => (column === -1 ? undefined : (fields[column] ?? "").trim());
  const raws: RawRow[] = [];
  records.slice(1).forEach((record, i) => {
    if (isBlank(record) && !record.broken) return;
    const row = i + 1;
    if (record.broken) {
      const problem = "a quoted field is never closed: this row and everything after it could not be read";
      raws.push({ row, id: cell(record.fields, idColumn) ?? "", problem });
      return;
    }
    raws.push({
      row,
      id: cell(record.fields, idColumn),
      costCents: cell(record.fields, centsColumn),
      centsName: "cost_cents",
      costDollars: cell(record.fields, dollarsColumn),
      condition: cell(record.fields, conditionColumn),
    });
  });
  return parsed(raws, economics);
}
