// Batch analysis rows: JSON items and CSV uploads become one row per identifier (duplicates collapsed, ISBN-13 →
// ASIN), invalid rows kept with their row number, input and reason; only the list as a whole can be refused.
import { describe, expect, it } from "vitest";
import { isbn10ToEan } from "../../dev/keepa-simulator/identifiers.ts";
import { parseCsvList, parseJsonItems } from "../../src/autosourcing/index.ts";
import type { AnalysisEconomics, ParsedList } from "../../src/autosourcing/index.ts";
import { HttpProblem } from "../../src/shared/index.ts";

const ECONOMICS: AnalysisEconomics = { strategy: "smart_velocity", sellCondition: "used_good", costModel: undefined };

const byRow = (list: ParsedList, row: number) => list.rows.find((r) => r.row === row);

function refusal(run: () => unknown): HttpProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("JSON items", () => {
  it("keeps each identifier once, converts ISBN-13 to its ASIN, and carries each row's cost and condition", () => {
    const list = parseJsonItems(
      [
        { id: "0-306-40615-2", costCents: 250 },
        { id: "978-0-306-40615-7", costCents: 999, condition: "new" }, // the same book: a duplicate of row 1
        { id: "B00FLIJJSA", condition: "Used - Very Good" },
        "979-10-90636-07-1", // a 979 ISBN-13 has no ASIN: looked up as a code
        { id: "0306406152" }, // the same book again
      ],
      ECONOMICS,
    );
    expect(list.rowsRead).toBe(5);
    expect(list.rows.map((r) => [r.row, r.key, r.kind, r.status])).toEqual([
      [1, "0306406152", "asin", "pending"],
      [3, "B00FLIJJSA", "asin", "pending"],
      [4, "9791090636071", "code", "pending"],
    ]);
    expect(byRow(list, 1)).toMatchObject({ costCents: 250, sellCondition: "used_good", duplicateRows: [2, 5] });
    expect(byRow(list, 3)).toMatchObject({ costCents: null, sellCondition: "used_very_good" });
    expect(list.duplicates).toEqual([
      { row: 2, input: "978-0-306-40615-7", sameAs: 1 },
      { row: 5, input: "0306406152", sameAs: 1 },
    ]);
    // The list carries costs: a row without one has none (SKIP with its maxBuyCents), never a silent 40 %.
    expect(list.economics.costModel).toEqual({ model: "perItem", items: {} });
  });

  it("reads the deprecated row field cost_cents as costCents, and refuses a row that gives both", () => {
    const list = parseJsonItems(
      [
        { id: "0306406152", cost_cents: 250 },
        { id: "B00FLIJJSA", costCents: 120, cost_cents: 130 },
        { id: "0131103628", costCents: -1 },
      ],
      ECONOMICS,
    );
    expect(byRow(list, 1)).toMatchObject({ status: "pending", costCents: 250 });
    expect(byRow(list, 2)).toMatchObject({
      status: "invalid",
      reason: "give costCents or its old name cost_cents, not both",
    });
    expect(byRow(list, 3)!.reason).toContain("costCents must be whole cents");
  });

  it("an ISBN-13 converts to the simulator's ASIN for that book", () => {
    const asin = "0131103628";
    const list = parseJsonItems([{ id: isbn10ToEan(asin) }], ECONOMICS);
    expect(list.rows[0]).toMatchObject({ key: asin, kind: "isbn13", asin });
  });

  it("reports every invalid row with its number, what it said and why — and keeps going", () => {
    const list = parseJsonItems(
      [
        { id: "0306406153" }, // wrong ISBN-10 check digit
        { id: "9780306406150" }, // wrong ISBN-13 check digit
        { id: "hello" },
        { id: "" },
        { id: "B00FLIJJSA", cost_cents: -5 },
        { id: "B00FLIJJSA", condition: "mint" },
        { id: "B00FLIJJSA", price: 3 },
        42,
        null,
        [1, 2],
        { id: "\u0000' OR 1=1 --\uD800" },
        { id: "0-306-40615-2" }, // the one good row
      ],
      ECONOMICS,
    );
    expect(list.rows.filter((r) => r.status === "pending").map((r) => r.row)).toEqual([12]);
    const reasons = Object.fromEntries(list.rows.map((r) => [r.row, r.reason]));
    expect(reasons[1]).toContain("ISBN-10 check digit");
    expect(reasons[2]).toContain("ISBN-13 check digit");
    expect(reasons[3]).toContain("expected an ASIN");
    expect(reasons[4]).toContain("no identifier");
    expect(reasons[5]).toContain("cost_cents must be whole cents");
    expect(reasons[6]).toContain("condition must be one of");
    expect(reasons[7]).toContain('unknown field "price"');
    expect(reasons[8]).toContain("expected an ASIN"); // a bare number is an identifier, just not a valid one
    expect(reasons[9]).toContain("a row must be an identifier");
    expect(reasons[10]).toContain("a row must be an identifier");
    // What the row said is kept fit to store: no NUL, no lone surrogate.
    expect(byRow(list, 11)!.input).toBe("\uFFFD' OR 1=1 --\uFFFD");
    expect(byRow(list, 12)!.duplicateRows).toEqual([]);
  });

  it("a cost model given with the list applies to rows without their own cost; an Amazon flip checks each row", () => {
    const flat = parseJsonItems([{ id: "B00FLIJJSA" }], {
      ...ECONOMICS,
      costModel: { model: "flatCents", cents: 300 },
    });
    expect(flat.economics.costModel).toEqual({ model: "flatCents", cents: 300 });
    const flip = parseJsonItems([{ id: "B00FLIJJSA", condition: "new" }, { id: "0306406152" }], {
      ...ECONOMICS,
      costModel: { model: "amazonOffer", condition: "used_good" },
    });
    expect(byRow(flip, 1)).toMatchObject({ status: "invalid" });
    expect(byRow(flip, 1)!.reason).toContain("cannot be sold as new");
    expect(byRow(flip, 2)).toMatchObject({ status: "pending" });
  });

  it("1,001 rows are refused as a whole, saying the limit; 1,000 are fine; none is refused", () => {
    const ids = (n: number) => Array.from({ length: n }, () => ({ id: "B00FLIJJSA" }));
    expect(parseJsonItems(ids(1000), ECONOMICS).rows).toHaveLength(1);
    const problem = refusal(() => parseJsonItems(ids(1001), ECONOMICS));
    expect(problem.problem).toMatchObject({ status: 400, reason: "too_many_rows", limit: 1000, rows: 1001 });
    expect(problem.problem.detail).toContain("at most 1,000 rows");
    expect(refusal(() => parseJsonItems([], ECONOMICS)).problem.status).toBe(400);
  });
});

describe("CSV upload", () => {
  it("reads the identifier, cost (dollars) and condition columns, in any order, ignoring the others", () => {
    const csv = [
      "\uFEFFTitle,Condition,ISBN,Cost",
      '"C, the language",good,978-0-13-110362-7,$2.50',
      "Something,,0306406152,1",
      "",
      '"A ""quoted"" title",Like New,B00FLIJJSA,',
      "Again,,9780131103627,3.00",
    ].join("\r\n");
    const list = parseCsvList(csv, ECONOMICS);
    expect(list.rowsRead).toBe(4); // the blank line keeps its number (3) but is not a row
    expect(list.rows.map((r) => [r.row, r.key, r.costCents, r.sellCondition, r.duplicateRows])).toEqual([
      [1, "0131103628", 250, "used_good", [5]],
      [2, "0306406152", 100, "used_good", []],
      [4, "B00FLIJJSA", null, "used_like_new", []],
    ]);
    expect(list.duplicates).toEqual([{ row: 5, input: "9780131103627", sameAs: 1 }]);
  });

  it("takes cost_cents, semicolons and tabs; broken rows are reported, not fatal", () => {
    const list = parseCsvList(
      [
        "asin;cost_cents;condition",
        "B00FLIJJSA;250;used_acceptable",
        "B00FLIJJS;1;",
        "0306406152;2.5;",
        '"0131103628',
      ].join("\n"),
      ECONOMICS,
    );
    expect(byRow(list, 1)).toMatchObject({ key: "B00FLIJJSA", costCents: 250, sellCondition: "used_acceptable" });
    expect(byRow(list, 2)!.reason).toContain("expected an ASIN");
    expect(byRow(list, 3)!.reason).toContain("cost_cents must be whole cents");
    expect(byRow(list, 4)!.reason).toContain("never closed");
    const tabs = parseCsvList("isbn\tcost\n0306406152\t1.5\n", ECONOMICS);
    expect(tabs.rows[0]).toMatchObject({ key: "0306406152", costCents: 150 });
  });

  it("refuses a list it cannot read at all: no identifier column, both cost columns, 1,001 rows", () => {
    const noId = refusal(() => parseCsvList("title,cost\nA,1\n", ECONOMICS));
    expect(noId.problem).toMatchObject({ status: 400, reason: "csv_no_identifier_column" });
    expect(noId.problem.detail).toContain("id, asin or isbn");
    expect(refusal(() => parseCsvList("id,cost,cost_cents\nB00FLIJJSA,1,100\n", ECONOMICS)).problem.status).toBe(400);
    expect(refusal(() => parseCsvList("", ECONOMICS)).problem.status).toBe(400);
    const big = ["id", ...Array.from({ length: 1001 }, () => "B00FLIJJSA")].join("\n");
    expect(refusal(() => parseCsvList(big, ECONOMICS)).problem).toMatchObject({ reason: "too_many_rows", rows: 1001 });
  });
});
