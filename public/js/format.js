// @ts-check
// Pure formatting: numbers, durations, money and a partial run's cut. No DOM here.

const intFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const dayClock = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/**
 * A finite number from a number or numeric string; null otherwise (missing fields stay missing, never 0).
 * @param {unknown} value
 * @returns {number | null}
 */
export function num(value) {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
}

export const dash = "—";

/** @param {number | null | undefined} value */
export function fmtInt(value) {
  const n = num(value);
  return n === null ? dash : intFormat.format(n);
}

/** @param {number | null | undefined} value */
export function fmtDecimal(value) {
  const n = num(value);
  return n === null ? dash : oneDecimal.format(n);
}

/** @param {number | null | undefined} value */
export function fmtPercent(value) {
  const n = num(value);
  return n === null ? dash : `${oneDecimal.format(n)} %`;
}

/**
 * Integer cents of `currency` (the API names the currency beside every amount).
 * @param {number | null | undefined} cents
 * @param {string} [currency]
 */
export function fmtCents(cents, currency = "USD") {
  const n = num(cents);
  if (n === null) return dash;
  const format = currency === "USD" ? money : new Intl.NumberFormat("en-US", { style: "currency", currency });
  return format.format(n / 100);
}

/**
 * "42 s", "3 min 12 s", "2 h 5 min" — for countdowns that tick.
 * @param {number | null | undefined} ms
 */
export function fmtCountdown(ms) {
  const n = num(ms);
  if (n === null) return dash;
  const total = Math.max(0, Math.ceil(n / 1000));
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes < 60) return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** @param {number | null | undefined} ms */
export function fmtDurationMs(ms) {
  const n = num(ms);
  if (n === null) return dash;
  if (n < 1000) return `${Math.round(n)} ms`;
  if (n < 60_000) return `${oneDecimal.format(n / 1000)} s`;
  return fmtCountdown(n);
}

/** @param {string | null | undefined} iso */
export function fmtClock(iso) {
  const t = typeof iso === "string" ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return dash;
  return Math.abs(Date.now() - t) > 20 * 3_600_000 ? dayClock.format(t) : clock.format(t);
}

/** @param {number | null | undefined} ms */
export function fmtAgo(ms) {
  const n = num(ms);
  if (n === null) return "";
  if (n < 1500) return "just now";
  return `${fmtCountdown(n)} ago`;
}

/**
 * "av_local…cdef": enough to recognise a key, never enough to reuse it.
 * @param {string} key
 */
export function maskKey(key) {
  if (key.length <= 12) return "••••";
  return `${key.slice(0, 8)}…${key.slice(-4)}`;
}

/**
 * Tone for an HTTP status badge.
 * @param {number | null | undefined} status
 */
export function statusTone(status) {
  const s = num(status);
  if (s === null) return "";
  if (s < 300) return "ok";
  if (s === 429 || s === 422 || s === 503) return "warn";
  return "bad";
}

/** @param {string | null | undefined} value */
export function recommendationTone(value) {
  switch (value) {
    case "STRONG_BUY":
      return "ok";
    case "BUY":
      return "info";
    case "CONSIDER":
      return "warn";
    case "SKIP":
      return "bad";
    default:
      return "";
  }
}

/**
 * "smart_velocity" → "smart velocity"; unknown words kept.
 * @param {string | null | undefined} value
 */
export function humanize(value) {
  return typeof value === "string" ? value.replaceAll("_", " ") : dash;
}

/** @typedef {import("./views.js").Cuts[number]} Cut why a run stopped short */

/** @type {Record<Cut["reason"], string>} */
const CUT_REASONS = {
  budget: "the token budget ran out",
  deadline: "the time limit was near",
  keepa_error: "a Keepa request failed",
};

/**
 * Why a run answered with part of what was asked, from the response's first cut ({reason, step, detail}): a budget,
 * a deadline and a failed Keepa call need different actions from the operator, so the badge must not guess.
 * @param {readonly Cut[]} cuts
 */
export function partialText(cuts) {
  const cut = cuts[0];
  if (!cut) return "partial: the run was cut short";
  return `partial: ${CUT_REASONS[cut.reason]} during ${cut.step}`;
}

/**
 * The first cut's own words (an error message), shortened, and how many more cuts there were; "" when none.
 * @param {readonly Cut[]} cuts
 */
export function partialDetail(cuts) {
  const cut = cuts[0];
  if (!cut?.detail) return "";
  const detail = cut.detail.length > 160 ? `${cut.detail.slice(0, 159)}…` : cut.detail;
  const more = cuts.length > 1 ? ` (+${cuts.length - 1} more)` : "";
  return `${detail}${more}`;
}
