import { recordCut } from "../discovery/cut.ts";
import { discoveryListId } from "../cache/keys.ts";
import type { CachedDiscovery } from "../cache/sourcing-cache.ts";
import type { Cuts, PreparedSlot, SourcingRuntime } from "./types.ts";

export type Discovered = {
  slot: PreparedSlot;
  list: CachedDiscovery | undefined;
  source: "cache" | "keepa" | "failed";
};

/**
 * Runs the discoveries that are not cached, one Product Finder page per distinct list, in order. A cut (budget,
 * deadline, a failed call) stops further queries; what was found so far is kept and cached.
 */
export async function discoverAll(
  runtime: SourcingRuntime,
  slots: readonly PreparedSlot[],
  cuts: Cuts,
): Promise<Discovered[]> {
  const out: Discovered[] = [];
  // Slots sharing a list (niches of the same categories) send its one query once and all use what it found.
  const sent = new Map<string, Discovered>();
  for (const slot of slots) {
    if (slot.cached) {
      out.push({ slot, list: slot.cached, source: "cache" });
      continue;
    }
    const id = discoveryListId(slot.spec.selection);
    const same = sent.get(id);
    if (same) {
      out.push({ slot, list: same.list, source: same.source });
      continue;
    }
    if (cuts.notes.length > 0) {
      out.push({ slot, list: undefined, source: "failed" });
      continue;
    }
    try {
      const result = await runtime.keepa.query({ domain: runtime.domain, selection: slot.spec.selection });
      const list: CachedDiscovery = {
        asinList: result.asinList,
        totalResults: result.totalResults,
        fetchedAt: (runtime.now ?? Date.now)(),
      };
      await runtime.cache.putDiscovery(runtime.domain, slot.spec.selection, list);
      out.push({ slot, list, source: "keepa" });
      sent.set(id, { slot, list, source: "keepa" });
    } catch (error) {
      const detail = `${slot.spec.id}: ${error instanceof Error ? error.message : String(error)}`;
      if (!recordCut(cuts, error, { step: "discovery", detail })) throw error;
      out.push({ slot, list: undefined, source: "failed" });
    }
  }
  return out;
}
