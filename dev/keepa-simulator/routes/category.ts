// GET /category and GET /search?type=category — 1 token each.
import type { Catalogue } from "../catalogue.ts";
import { CATEGORY_NODES, categoryById, childrenOf, pathTo, rootCategoryIds } from "../categories.ts";
import { flag, list, parseDomain, toInt, ValidationError } from "../params.ts";
import type { Route } from "./types.ts";

export function categoryObject(catalogue: Catalogue, catId: number, domainId: number): Record<string, unknown> | null {
  const node = categoryById(catId);
  if (!node) return null;
  const members = catalogue.membersOf(catId).filter((e) => e.salesRank > 0);
  return {
    domainId,
    catId,
    name: node.name,
    contextFreeName: node.name,
    children: childrenOf(catId),
    parent: node.parent,
    highestRank: members[members.length - 1]?.salesRank ?? 0,
    lowestRank: members[0]?.salesRank ?? 0,
    productCount: catalogue.membersOf(catId).length,
    isBrowseNode: true,
  };
}

export const categoryRoute: Route = {
  name: "category",
  methods: ["GET"],
  prepare(params) {
    const domainId = parseDomain(params);
    const ids = list(params, "category");
    if (!ids || ids.length === 0) throw new ValidationError("Missing category parameter.", "category");
    if (ids.length > 10) throw new ValidationError("At most 10 categories per request.", "category");
    const requested = ids.map((id) => toInt(id, "category", { min: 0, max: Number.MAX_SAFE_INTEGER }));
    const withParents = flag(params, "parents");
    return {
      latencyKey: "category",
      run(ctx) {
        const targets = requested.flatMap((id) => (id === 0 ? rootCategoryIds() : [id]));
        const categories: Record<string, unknown> = {};
        for (const id of targets) {
          const obj = categoryObject(ctx.catalogue, id, domainId);
          if (obj) categories[String(id)] = obj;
        }
        const payload: Record<string, unknown> = { categories };
        if (withParents) payload.categoryParents = parentsOf(ctx.catalogue, targets, domainId);
        return { payload, cost: ctx.costs.category };
      },
    };
  },
};

function parentsOf(catalogue: Catalogue, ids: number[], domainId: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    for (const ancestor of pathTo(id).slice(0, -1))
      out[String(ancestor)] = categoryObject(catalogue, ancestor, domainId);
  }
  return out;
}

export function searchCategories(catalogue: Catalogue, words: string[], domainId: number): Record<string, unknown> {
  const categories: Record<string, unknown> = {};
  const hits = CATEGORY_NODES.filter((n) => words.every((w) => n.name.toLowerCase().includes(w))).slice(0, 50);
  for (const node of hits) categories[String(node.catId)] = categoryObject(catalogue, node.catId, domainId);
  return categories;
}
