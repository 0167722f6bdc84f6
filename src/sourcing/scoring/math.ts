/**
 * Rounds half away from zero, so a -2.5 cent loss is reported as -3 like +2.5 becomes +3 (Math.round is asymmetric).
 */
export function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/**
 * Two-decimal rounding; scores are compared AFTER rounding so the UI never shows 60.00 for a value that failed ">= 60".
 */
export function round2(value: number): number {
  return roundHalfAway(value * 100) / 100;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Dollars (as the original frontend and profiles send them) → integer cents; undefined stays undefined. */
export const toCents = (dollars: number | undefined): number | undefined =>
  dollars === undefined ? undefined : Math.round(dollars * 100);

/** Formats integer cents as dollars for human-readable reasons. */
export function dollars(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  return `${sign}$${(Math.abs(cents) / 100).toFixed(2)}`;
}
