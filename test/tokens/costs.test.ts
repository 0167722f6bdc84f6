import { describe, expect, it } from "vitest";
import { actionCost, costRegistry, TOKEN_COSTS } from "../../src/tokens/costs.ts";

describe("TOKEN_COSTS", () => {
  it("pins every action's budget and class", () => {
    expect(TOKEN_COSTS).toEqual({
      surprise_me: { cost: 100, class: "interactive" },
      niche_discovery: { cost: 150, class: "interactive" },
      manual_search: { cost: 100, class: "interactive" },
      product_lookup: { cost: 12, class: "interactive" },
      auto_sourcing_job: { cost: 200, class: "batch" },
      verify_purchase: { cost: 12, class: "interactive" },
      batch_analysis: { cost: 100, class: "interactive" },
      batch_analysis_job: { cost: 200, class: "batch" },
    });
  });

  it("applies a validated per-deployment override", () => {
    const registry = costRegistry('{"manual_search":{"cost":10},"surprise_me":{"class":"batch"}}');
    expect(registry.manual_search).toEqual({ cost: 10, class: "interactive" });
    expect(registry.surprise_me).toEqual({ cost: 100, class: "batch" });
    expect(registry.product_lookup).toEqual({ cost: 12, class: "interactive" });
  });

  it("rejects an override naming an unknown action or an invalid cost", () => {
    expect(() => costRegistry('{"mystery":{"cost":1}}')).toThrow(/TOKEN_COSTS_OVERRIDE is invalid/);
    expect(() => costRegistry('{"manual_search":{"cost":0}}')).toThrow(/TOKEN_COSTS_OVERRIDE is invalid/);
    expect(() => costRegistry('{"manual_search":{"cost":1.5}}')).toThrow(/TOKEN_COSTS_OVERRIDE is invalid/);
    expect(() => costRegistry("not json")).toThrow(/not valid JSON/);
  });

  it("treats an unknown action as a programming error", () => {
    expect(() => actionCost(costRegistry(), "free_lunch")).toThrow(TypeError);
    expect(actionCost(costRegistry(), "surprise_me")).toEqual({
      action: "surprise_me",
      cost: 100,
      class: "interactive",
    });
  });
});
