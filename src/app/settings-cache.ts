import type { Db } from "../shared/index.ts";
import { currentScoringSettings } from "../sourcing/index.ts";
import type { ScoringSettings } from "../sourcing/index.ts";

/**
 * How long an instance answers sourcing requests with the settings version it last read. A PUT /api/v1/config is seen
 * by every instance within this window (docs/scoring.md#configuration); without it every guarded request waited for
 * a Postgres round trip before it could even plan.
 */
export const SETTINGS_CACHE_MS = 5_000;

/** The current scoring settings, read at most once per window per instance; concurrent misses share one read. */
export type SettingsSource = () => Promise<ScoringSettings>;

export function cachedScoringSettings(db: Db, now: () => number, windowMs = SETTINGS_CACHE_MS): SettingsSource {
  let cached: { at: number; read: Promise<ScoringSettings> } | undefined;
  return () => {
    const at = now();
    if (cached && at - cached.at < windowMs && at >= cached.at) return cached.read;
    const read = currentScoringSettings(db);
    const entry = { at, read };
    cached = entry;
    // A failed read is not remembered: the next request asks Postgres again (and answers 503 if it is still down).
    read.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return read;
  };
}
