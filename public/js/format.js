// Pure formatting: numbers, durations, money and the refusal sentence. No DOM here.

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

/** A finite number from a number or numeric string; null otherwise (missing fields stay missing, never 0). */
export function num(value) {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
}

export const dash = "—";

export function fmtInt(value) {
  const n = num(value);
  return n === null ? dash : intFormat.format(n);
}

export function fmtDecimal(value) {
  const n = num(value);
  return n === null ? dash : oneDecimal.format(n);
}

export function fmtPercent(value) {
  const n = num(value);
  return n === null ? dash : `${oneDecimal.format(n)} %`;
}

export function fmtCents(value) {
  const n = num(value);
  return n === null ? dash : money.format(n / 100);
}

export function fmtDollars(value) {
  const n = num(value);
  return n === null ? dash : money.format(n);
}

/** "42 s", "3 min 12 s", "2 h 5 min" — for countdowns that tick. */
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

/** The API's own rounding for a wait in whole seconds ("42 s", "3 min", "2 h"), so the sentence reads the same. */
export function fmtWait(seconds) {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.ceil(seconds / 60)} min`;
  return `${Math.ceil(seconds / 3600)} h`;
}

export function fmtDurationMs(ms) {
  const n = num(ms);
  if (n === null) return dash;
  if (n < 1000) return `${Math.round(n)} ms`;
  if (n < 60_000) return `${oneDecimal.format(n / 1000)} s`;
  return fmtCountdown(n);
}

export function fmtClock(iso) {
  const t = typeof iso === "string" ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return dash;
  return Math.abs(Date.now() - t) > 20 * 3_600_000 ? dayClock.format(t) : clock.format(t);
}

export function fmtAgo(ms) {
  const n = num(ms);
  if (n === null) return "";
  if (n < 1500) return "just now";
  return `${fmtCountdown(n)} ago`;
}

/** "av_local…cdef": enough to recognise a key, never enough to reuse it. */
export function maskKey(key) {
  if (key.length <= 12) return "••••";
  return `${key.slice(0, 8)}…${key.slice(-4)}`;
}

/**
 * The sentence a person reads for a refused search, composed from the numbers (body first, then the
 * X-Token-Balance / X-Token-Required / Retry-After headers) so it always matches them; the API's `detail` is the
 * fallback for refusals that carry no numbers.
 */
export function refusalSentence(problem, headers) {
  const p = problem && typeof problem === "object" ? problem : {};
  const header = (name) => (headers && typeof headers.get === "function" ? headers.get(name) : null);
  const balance = num(p.balance) ?? num(header("x-token-balance"));
  const required = num(p.required) ?? num(header("x-token-required"));
  const retry = num(p.retryAfterSeconds) ?? num(header("retry-after"));
  const wait = retry === null ? null : fmtWait(Math.max(1, Math.ceil(retry)));
  const detail = typeof p.detail === "string" && p.detail.trim() !== "" ? p.detail.trim() : null;
  const retryPart = wait === null ? "" : ` — retry in ${wait}`;
  switch (p.reason) {
    case "upstream_blocked":
      return `Keepa has paused this account until its token balance recovers${retryPart}.`;
    case "quota":
      if (balance !== null && required !== null)
        return `This API key has used its daily token quota (${balance} left, ${required} needed)${retryPart}.`;
      break;
    case "state_unknown":
    case "stale":
      return `The token balance is being synchronised with Keepa${retryPart}.`;
    case "insufficient":
    case "class_floor":
    case undefined:
      if (balance !== null && required !== null && required > 0)
        return `${balance} tokens available, ${required} needed${retryPart}.`;
      break;
    default:
      break;
  }
  if (detail) return detail;
  if (typeof p.title === "string") return `${p.title}${retryPart}.`;
  return `The request was refused${retryPart}.`;
}

/** Tone for an HTTP status badge. */
export function statusTone(status) {
  const s = num(status);
  if (s === null) return "";
  if (s < 300) return "ok";
  if (s === 429 || s === 422 || s === 503) return "warn";
  return "bad";
}

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

/** "smart_velocity" → "smart velocity"; unknown words kept. */
export function humanize(value) {
  return typeof value === "string" ? value.replaceAll("_", " ") : dash;
}

const CUT_REASONS = {
  budget: "the token budget ran out",
  deadline: "the time limit was near",
  keepa_error: "a Keepa request failed",
};

const firstCut = (cuts) => (Array.isArray(cuts) && cuts[0] && typeof cuts[0] === "object" ? cuts[0] : null);

/**
 * Why a run answered with part of what was asked, from the response's first cut ({reason, step, detail}): a budget,
 * a deadline and a failed Keepa call need different actions from the operator, so the badge must not guess.
 */
export function partialText(cuts) {
  const cut = firstCut(cuts);
  if (!cut) return "partial: the run was cut short";
  const why = CUT_REASONS[cut.reason] ?? (typeof cut.reason === "string" ? humanize(cut.reason) : "cut short");
  return typeof cut.step === "string" ? `partial: ${why} during ${cut.step}` : `partial: ${why}`;
}

/** The first cut's own words (an error message), shortened, and how many more cuts there were; "" when none. */
export function partialDetail(cuts) {
  const cut = firstCut(cuts);
  if (!cut || typeof cut.detail !== "string" || cut.detail === "") return "";
  const detail = cut.detail.length > 160 ? `${cut.detail.slice(0, 159)}…` : cut.detail;
  const more = cuts.length > 1 ? ` (+${cuts.length - 1} more)` : "";
  return `${detail}${more}`;
}
