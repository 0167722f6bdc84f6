// @ts-check
// The seller's day beside the token gauge: today's review, the buy list with its actions, a pick's history, verify
// before buying, and a list analysis with its progress. Every read is 0 tokens; verify and analyze spend through the
// same guard as a search, and their refusals are the server's own sentences.
import { api, auth, fieldErrors, problemText, settle } from "./api.js";
import { badge, byId, fill, h, muted, setText, table } from "./dom.js";
import { dash, fmtCents, fmtClock, fmtInt, fmtPercent, humanize, recommendationTone } from "./format.js";

/**
 * @template {"get" | "post" | "put"} M
 * @template {import("/vendor/openapi-fetch.mjs").ClientPathsWithMethod<import("./api.js").ApiClient, M>} P
 * @typedef {import("./api.js").Body<M, P>} Body
 */
/** @typedef {Body<"get", "/api/v1/review/today">} DailyReview */
/** @typedef {DailyReview["items"][number]} ReviewedPick */
/** @typedef {Body<"get", "/api/v1/picks">["items"][number]} ListedPick */
/** @typedef {Body<"post", "/api/v1/products/{asin}/verify">} Verification */
/** @typedef {Body<"get", "/api/v1/analyze/{id}/results">["items"][number]} AnalysisRow */
/** @typedef {Body<"get", "/api/v1/analyze/{id}">["analysis"]} Analysis */
/** @typedef {Body<"get", "/api/v1/autosourcing/profiles">["items"][number]} Profile */
/** @typedef {Exclude<ReviewedPick["sellPrice"], null>} SellPrice */
/** @typedef {import("./api.js").Refused | import("./api.js").Unreached} Failure */
/** @typedef {ReviewedPick["classification"]} ReviewClass */
/** @typedef {NonNullable<NonNullable<import("./api-types").paths["/api/v1/analyze"]["post"]["requestBody"]>["content"]["application/json"]>} AnalyzeBody */
/** @typedef {Extract<AnalyzeBody["items"][number], object>} AnalyzeItem */

/**
 * @typedef {{ key: () => string, onUnauthorized: (outcome: import("./api.js").Refused) => void,
 *   afterSpend: () => void, state: SellerState }} Ctx
 * @typedef {{ cursor: string | null, rows: ListedPick[], analysisTimer: number | undefined,
 *   latest: Record<string, number>, review: Map<string, ReviewedPick> }} SellerState
 */

/** @type {readonly ReviewClass[]} */
const REVIEW_CLASSES = ["STABLE", "JACKPOT", "REVENANT", "FLUKE", "REJECT"];
/** @type {Record<ReviewClass, string>} */
const CLASS_TONE = { STABLE: "ok", JACKPOT: "info", REVENANT: "warn", FLUKE: "", REJECT: "bad" };
/** @type {Record<Verification["verdict"], string>} */
const VERDICT_TEXT = { OK: "OK: buy as planned", CHANGED: "CHANGED: look again", AVOID: "AVOID: do not buy" };
const ANALYZE_POLL_MS = 1500;

/** @param {string} text */
const dollarsToCents = (text) =>
  text === "" || !Number.isFinite(Number(text)) ? undefined : Math.round(Number(text) * 100);
/**
 * A form control's value.
 * @param {string} id
 */
function inputValue(id) {
  return /** @type {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} */ (byId(id)).value;
}

/**
 * The landed sell price with its condition.
 * @param {{ sellPrice: SellPrice | null, currency: string }} p
 */
function priceCell(p) {
  if (p.sellPrice === null) return dash;
  const price = p.sellPrice;
  return h("span", null, fmtCents(price.cents, p.currency), h("span", { class: "asin" }, humanize(price.condition)));
}

/** @param {{ title: string | null, asin: string }} p */
function bookCell(p) {
  return h("span", null, p.title ?? "Untitled", h("span", { class: "asin" }, p.asin));
}

/** @param {Failure} outcome */
function problemLine(outcome) {
  const fields = fieldErrors(outcome);
  return h("p", { class: "refusal-text", role: "alert" }, [problemText(outcome), ...fields].join(" "));
}

/**
 * A call on the page's key; a 401 asks for the key again (the caller still gets the outcome).
 * @template T
 * @param {Ctx} ctx
 * @param {(headers: Record<string, string>) => Promise<{ data?: T, error?: unknown, response: Response }>} request
 * @returns {Promise<import("./api.js").Outcome<T>>}
 */
async function keyed(ctx, request) {
  const outcome = await settle(() => request(auth(ctx.key())));
  if (outcome.kind === "unauthorized") ctx.onUnauthorized(outcome);
  return outcome;
}

/**
 * A panel's read, where only the latest answer may render: an earlier, slower one (a function's first, lazily
 * bundled call) must not paint stale numbers over a newer answer. Resolves to null for a superseded answer.
 * @template T
 * @param {Ctx} ctx
 * @param {string} panel
 * @param {(headers: Record<string, string>) => Promise<{ data?: T, error?: unknown, response: Response }>} request
 */
async function latest(ctx, panel, request) {
  const ticket = (ctx.state.latest[panel] ?? 0) + 1;
  ctx.state.latest[panel] = ticket;
  const outcome = await keyed(ctx, request);
  return ctx.state.latest[panel] === ticket ? outcome : null;
}

// ---------- Review ----------

/** @param {ReviewedPick} p */
function actionButtons(p) {
  /**
   * @param {"to_buy" | "ignored"} action
   * @param {string} label
   */
  const mark = (action, label) =>
    h("button", { type: "button", class: "btn btn-ghost btn-small", "data-action": action, "data-pick": p.id }, label);
  return h("span", { class: "row-actions" }, mark("to_buy", "To buy"), mark("ignored", "Ignore"));
}

/** @returns {import("./dom.js").Column<ReviewedPick>[]} */
function reviewColumns() {
  return [
    { label: "Class", cell: (p) => badge(p.classification, CLASS_TONE[p.classification]) },
    { label: "Book", cls: "title", cell: bookCell },
    { label: "ROI", num: true, cell: (p) => fmtPercent(p.roiPercent) },
    { label: "Sell (landed)", num: true, cell: priceCell },
    { label: "Buy at most", num: true, cell: (p) => fmtCents(p.maxBuyCents, p.currency) },
    { label: "Seen", num: true, cell: (p) => fmtInt(p.sightings) },
    { label: "Data", cell: (p) => (p.verified ? badge("Verified", "ok") : badge("Provisional", "warn")) },
    { label: "Status", cell: (p) => humanize(p.actionStatus) },
    { label: "", cell: actionButtons },
  ];
}

/** @param {Ctx} ctx */
async function loadReview(ctx) {
  const daysBack = Number(inputValue("review-days") || "1");
  const minRoi = Number(inputValue("review-min-roi") || "30");
  const outcome = await latest(ctx, "review", (headers) =>
    api.GET("/api/v1/review/today", { headers, params: { query: { daysBack, minRoi } } }),
  );
  if (outcome === null) return;
  if (outcome.kind !== "ok") return fill(byId("review"), problemLine(outcome));
  const { counts, items } = outcome.data;
  fill(byId("review-counts"), ...REVIEW_CLASSES.map((c) => badge(`${c} ${fmtInt(counts[c] ?? 0)}`, CLASS_TONE[c])));
  ctx.state.review = new Map(items.map((p) => [p.id, p]));
  if (items.length === 0) return fill(byId("review"), muted("No scan found anything in this window yet."));
  fill(
    byId("review"),
    table("Today's review", reviewColumns(), items, {
      stack: true,
      rowAttrs: (p) => ({ "data-pick": p.id, "data-class": p.classification, class: "clickable" }),
    }),
  );
}

/**
 * A pick with what its recommendation rests on and its sighting history.
 * @param {ReviewedPick} p
 */
function showPick(p) {
  const el = byId("pick-detail");
  el.hidden = false;
  const sell = p.sellPrice;
  const cost = p.buyCost;
  const sells = sell
    ? `Sells ${humanize(sell.condition)} at ${fmtCents(sell.cents, p.currency)} (${humanize(sell.source)}${
        sell.live ? ", live" : ""
      })`
    : `No landed ${humanize(p.sellCondition)} price`;
  const costs = cost ? `cost ${fmtCents(cost.cents, p.currency)} (${cost.detail})` : "no cost";
  fill(
    el,
    h("h3", null, p.title ?? p.asin),
    h(
      "p",
      { class: "small" },
      `${humanize(p.classification)}: ${p.reason} Seen ${fmtInt(p.sightings)} time(s), first ${fmtClock(
        p.firstSeenAt,
      )}, last ${fmtClock(p.lastSeenAt)}.`,
    ),
    h("p", { class: "small" }, `${sells}; ${costs}.`),
    h(
      "ul",
      { class: "small" },
      p.reasons.map((r) => h("li", null, r)),
    ),
  );
}

/**
 * @param {Ctx} ctx
 * @param {string} id
 * @param {"to_buy" | "ignored"} action
 */
async function markPick(ctx, id, action) {
  const outcome = await keyed(ctx, (headers) =>
    api.PUT("/api/v1/autosourcing/picks/{id}/action", { headers, params: { path: { id } }, body: { action } }),
  );
  if (outcome.kind === "unauthorized") return;
  if (outcome.kind !== "ok") return fill(byId("pick-detail"), problemLine(outcome));
  await Promise.all([loadReview(ctx), loadBuyList(ctx, true)]);
}

// ---------- Buy list ----------

/** @returns {import("./dom.js").Column<ListedPick>[]} */
function buyColumns() {
  return [
    { label: "Book", cls: "title", cell: bookCell },
    { label: "ROI", num: true, cell: (p) => fmtPercent(p.roiPercent) },
    { label: "Sell (landed)", num: true, cell: priceCell },
    { label: "Buy at most", num: true, cell: (p) => fmtCents(p.maxBuyCents, p.currency) },
    { label: "BSR", num: true, cell: (p) => fmtInt(p.bsr) },
    {
      label: "Verdict",
      cell: (p) => badge(humanize(p.recommendation), recommendationTone(p.recommendation)),
    },
    { label: "Profile", cell: (p) => p.profileName },
    {
      label: "",
      cell: (p) => h("button", { type: "button", class: "btn btn-ghost btn-small", "data-verify": p.id }, "Verify"),
    },
  ];
}

/** @param {Ctx} ctx */
async function loadStats(ctx) {
  const outcome = await latest(ctx, "stats", (headers) => api.GET("/api/v1/picks/stats", { headers }));
  if (outcome === null || outcome.kind !== "ok") return;
  const { counts, engagement, bestOfDay: best } = outcome.data;
  /** @type {ListedPick["actionStatus"][]} */
  const shown = ["to_buy", "favorite", "analyzing", "pending", "ignored"];
  fill(
    byId("buylist-stats"),
    ...shown.map((a) => badge(`${humanize(a)} ${fmtInt(counts[a] ?? 0)}`)),
    engagement.rate === null ? null : badge(`engagement ${fmtPercent(engagement.rate * 100)}`, "info"),
    best ? badge(`best today: ${best.title ?? best.asin} ${fmtPercent(best.roiPercent)}`, "ok") : null,
  );
}

/** The buy list's action filter, as the select offers it. */
function buyListAction() {
  return /** @type {ListedPick["actionStatus"]} */ (inputValue("buylist-action") || "to_buy");
}

/**
 * @param {Ctx} ctx
 * @param {boolean} reset
 */
async function loadBuyList(ctx, reset) {
  if (reset) {
    ctx.state.cursor = null;
    ctx.state.rows = [];
  }
  const action = buyListAction();
  const query = { action, limit: 25, ...(ctx.state.cursor ? { cursor: ctx.state.cursor } : {}) };
  const outcome = await latest(ctx, "buylist", (headers) => api.GET("/api/v1/picks", { headers, params: { query } }));
  if (outcome === null) return;
  if (outcome.kind !== "ok") return fill(byId("buylist"), problemLine(outcome));
  ctx.state.rows = [...ctx.state.rows, ...outcome.data.items];
  ctx.state.cursor = outcome.data.nextCursor;
  byId("buylist-more").hidden = ctx.state.cursor === null;
  void loadStats(ctx);
  if (ctx.state.rows.length === 0) return fill(byId("buylist"), muted(`No pick is marked ${humanize(action)}.`));
  fill(
    byId("buylist"),
    table("Buy list", buyColumns(), ctx.state.rows, { stack: true, rowAttrs: (p) => ({ "data-pick": p.id }) }),
  );
}

/** @param {Ctx} ctx */
async function downloadCsv(ctx) {
  const action = buyListAction();
  const outcome = await keyed(ctx, (headers) =>
    api.GET("/api/v1/picks", {
      headers: { ...headers, accept: "text/csv" },
      params: { query: { action } },
      parseAs: "text",
    }),
  );
  if (outcome.kind !== "ok") return fill(byId("buylist"), problemLine(outcome));
  const url = window.URL.createObjectURL(new window.Blob([outcome.data], { type: "text/csv" }));
  const link = h("a", { href: url, download: `picks-${action}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => window.URL.revokeObjectURL(url), 1000);
}

// ---------- Verify ----------

/** The numbers the seller saved, to compare with today's. */
function verifyBody() {
  const price = dollarsToCents(inputValue("verify-price"));
  const cost = dollarsToCents(inputValue("verify-cost"));
  const bsr = inputValue("verify-bsr");
  const fba = inputValue("verify-fba");
  return {
    ...(price === undefined ? {} : { priceCents: price }),
    ...(cost === undefined ? {} : { costCents: cost }),
    ...(bsr === "" ? {} : { bsr: Number(bsr) }),
    ...(fba === "" ? {} : { fbaCount: Number(fba) }),
  };
}

/** @param {Verification} data */
function renderVerify(data) {
  const { changes, score } = data;
  fill(
    byId("verify-result"),
    h("p", { class: "verdict", "data-verdict": data.verdict }, VERDICT_TEXT[data.verdict]),
    h("p", { class: "small" }, data.message),
    changes.length === 0
      ? muted("Every number you saved still holds.")
      : h(
          "ul",
          { class: "small changes" },
          changes.map((c) => h("li", { "data-severity": c.severity }, `${humanize(c.severity)}: ${c.sentence}`)),
        ),
    h(
      "p",
      { class: "small" },
      "Today: ",
      badge(humanize(score.recommendation), recommendationTone(score.recommendation)),
      ` sells at ${fmtCents(score.sellPrice?.cents, score.currency)}, worth paying at most ${fmtCents(
        score.maxBuyCents,
        score.currency,
      )}.`,
    ),
  );
}

/**
 * @param {Ctx} ctx
 * @param {string} asin
 */
async function verify(ctx, asin) {
  if (!asin)
    return fill(byId("verify-result"), h("p", { class: "refusal-text", role: "alert" }, "Enter an ASIN or ISBN."));
  fill(byId("verify-result"), muted("Fetching live offers…"));
  const outcome = await keyed(ctx, (headers) =>
    api.POST("/api/v1/products/{asin}/verify", { headers, params: { path: { asin } }, body: verifyBody() }),
  );
  ctx.afterSpend();
  if (outcome.kind === "unauthorized") return;
  if (outcome.kind !== "ok") return fill(byId("verify-result"), problemLine(outcome));
  renderVerify(outcome.data);
}

/**
 * From a buy-list row: the pick's own numbers become the saved ones.
 * @param {Ctx} ctx
 * @param {ListedPick} p
 */
function verifyPick(ctx, p) {
  /** @type {(id: string, value: string) => void} */
  const set = (id, value) => {
    const field = /** @type {HTMLInputElement} */ (byId(id));
    field.value = value;
  };
  set("verify-asin", p.asin);
  set("verify-price", p.sellPrice === null ? "" : (p.sellPrice.cents / 100).toFixed(2));
  set("verify-bsr", p.bsr === null ? "" : String(p.bsr));
  set("verify-fba", p.competition?.fbaOffers == null ? "" : String(p.competition.fbaOffers));
  set("verify-cost", p.buyPriceCents === null ? "" : (p.buyPriceCents / 100).toFixed(2));
  byId("verify-heading").scrollIntoView({ block: "nearest" });
  void verify(ctx, p.asin);
}

// ---------- Analyze ----------

/**
 * Pasted lines `id[,cost dollars[,condition]]` → the JSON body's items (the server checks each condition).
 * @param {string} text
 * @returns {AnalyzeItem[]}
 */
function pastedItems(text) {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const [id = "", cost, condition] = line.split(",").map((part) => part.trim());
      const cents = dollarsToCents(cost ?? "");
      return {
        id,
        ...(cents === undefined ? {} : { costCents: cents }),
        ...(condition ? { condition: /** @type {AnalyzeItem["condition"]} */ (condition) } : {}),
      };
    });
}

/** @returns {import("./dom.js").Column<AnalysisRow>[]} */
function resultColumns() {
  return [
    { label: "Input", cell: (r) => r.input },
    { label: "Status", cell: (r) => humanize(r.status) },
    { label: "Book", cls: "title", cell: (r) => (r.product ? bookCell(r.product) : (r.reason ?? dash)) },
    { label: "ROI", num: true, cell: (r) => fmtPercent(r.product?.roiPercent) },
    { label: "Buy at most", num: true, cell: (r) => fmtCents(r.product?.maxBuyCents, r.currency) },
    {
      label: "Verdict",
      cell: (r) =>
        r.product ? badge(humanize(r.product.recommendation), recommendationTone(r.product.recommendation)) : dash,
    },
  ];
}

/** @param {AnalysisRow[]} rows */
function renderResults(rows) {
  fill(
    byId("analyze-result"),
    rows.length === 0 ? muted("No rows.") : table("Analysis results", resultColumns(), rows, { stack: true }),
  );
}

/** @param {{ status: string, progress: Analysis["progress"], retryAt?: string | null }} data */
function renderProgress(data) {
  const { total, done } = data.progress;
  const share = total > 0 ? Math.round((done * 100) / total) : 0;
  fill(
    byId("analyze-progress"),
    h("p", { class: "small" }, `${humanize(data.status)}: ${fmtInt(done)} of ${fmtInt(total)} rows (${share} %)`),
    h(
      "div",
      {
        class: "progress",
        role: "progressbar",
        "aria-valuenow": String(share),
        "aria-valuemin": "0",
        "aria-valuemax": "100",
      },
      h("span", { style: `width:${share}%` }),
    ),
    data.retryAt ? h("p", { class: "small muted" }, `Waiting for tokens until ${fmtClock(data.retryAt)}.`) : null,
  );
}

/**
 * Every result row so far, page by page (an analysis holds at most 1,000).
 * @param {Ctx} ctx
 * @param {string} id
 */
async function allResults(ctx, id) {
  /** @type {AnalysisRow[]} */
  const rows = [];
  /** @type {string | null} */
  let cursor = null;
  for (let page = 0; page < 10; page++) {
    /** @type {{ limit: number, cursor?: string }} */
    const query = { limit: 500, ...(cursor ? { cursor } : {}) };
    const outcome = await keyed(ctx, (headers) =>
      api.GET("/api/v1/analyze/{id}/results", { headers, params: { path: { id }, query } }),
    );
    if (outcome.kind !== "ok") break;
    rows.push(...outcome.data.items);
    cursor = outcome.data.nextCursor;
    if (cursor === null) break;
  }
  return rows;
}

/**
 * @param {Ctx} ctx
 * @param {string} id
 */
async function pollAnalysis(ctx, id) {
  const outcome = await keyed(ctx, (headers) => api.GET("/api/v1/analyze/{id}", { headers, params: { path: { id } } }));
  if (outcome.kind !== "ok") return fill(byId("analyze-progress"), problemLine(outcome));
  const { analysis } = outcome.data;
  renderProgress(analysis);
  renderResults(await allResults(ctx, id));
  if (analysis.status !== "complete" && analysis.status !== "failed")
    ctx.state.analysisTimer = window.setTimeout(() => void pollAnalysis(ctx, id), ANALYZE_POLL_MS);
}

/** @param {Ctx} ctx */
async function analyze(ctx) {
  window.clearTimeout(ctx.state.analysisTimer);
  const file = /** @type {HTMLInputElement} */ (byId("analyze-file")).files?.[0];
  const csv = file ? await file.text() : null;
  fill(byId("analyze-progress"), muted("Analyzing…"));
  fill(byId("analyze-result"));
  const outcome = await keyed(ctx, (headers) =>
    csv === null
      ? api.POST("/api/v1/analyze", { headers, body: { items: pastedItems(inputValue("analyze-text")) } })
      : api.POST("/api/v1/analyze", {
          headers: { ...headers, "content-type": "text/csv" },
          body: csv,
          bodySerializer: (body) => body,
        }),
  );
  ctx.afterSpend();
  if (outcome.kind === "unauthorized") return;
  if (outcome.kind !== "ok") return fill(byId("analyze-progress"), problemLine(outcome));
  const data = outcome.data;
  if (data.mode === "background") {
    renderProgress(data);
    return void pollAnalysis(ctx, data.analysisId);
  }
  fill(byId("analyze-progress"), h("p", { class: "small" }, `Done: ${fmtInt(data.results.length)} rows.`));
  renderResults(data.results);
}

// ---------- Profiles ----------

/**
 * A schedule in words: "07:00, 09:00 mon–fri America/Toronto", or every N minutes.
 * @param {Profile} p
 */
function scheduleText(p) {
  const { schedule } = p;
  if (!schedule) return `every ${fmtInt(p.scheduleMinutes)} min (UTC slots)`;
  const weekdays = schedule.weekdays ?? [];
  const days = weekdays.length === 0 ? "every day" : weekdays.join(" ");
  return `${schedule.times.join(", ")} ${days} ${schedule.timezone}`;
}

/** @returns {import("./dom.js").Column<Profile>[]} */
function profileColumns() {
  return [
    { label: "Profile", cls: "title", cell: (p) => p.name },
    { label: "Active", cell: (p) => (p.active ? badge("active", "ok") : badge("inactive")) },
    { label: "Schedule", cls: "reason", cell: scheduleText },
    {
      label: "Next runs",
      cls: "reason",
      cell: (p) =>
        p.nextRuns
          .slice(0, 3)
          .map((r) => r.local ?? fmtClock(r.at))
          .join(" · ") || dash,
    },
    {
      label: "",
      cell: (p) => h("button", { type: "button", class: "btn btn-small", "data-run": p.id }, "Run now"),
    },
  ];
}

/** @param {Ctx} ctx */
async function loadProfiles(ctx) {
  const outcome = await latest(ctx, "profiles", (headers) => api.GET("/api/v1/autosourcing/profiles", { headers }));
  if (outcome === null) return;
  if (outcome.kind !== "ok") return fill(byId("profiles"), problemLine(outcome));
  const profiles = outcome.data.items;
  if (profiles.length === 0) return fill(byId("profiles"), muted("No profile saved yet."));
  fill(byId("profiles"), table("AutoSourcing profiles", profileColumns(), profiles, { stack: true }));
}

/**
 * Run now: 202 with the job, or the server's own refusal sentence (429 with its wait, 422 when it can never fit).
 * @param {Ctx} ctx
 * @param {string} profileId
 */
async function runNow(ctx, profileId) {
  setText("run-now-result", "Planning the job…");
  const outcome = await keyed(ctx, (headers) =>
    api.POST("/api/v1/autosourcing/jobs", { headers, body: { profileId } }),
  );
  ctx.afterSpend();
  if (outcome.kind === "unauthorized") return;
  if (outcome.kind !== "ok")
    return setText("run-now-result", [problemText(outcome), ...fieldErrors(outcome)].join(" "));
  const { job } = outcome.data;
  setText("run-now-result", `Job ${job.id} ${humanize(job.status)}: it runs in the background.`);
}

// ---------- Wiring ----------

/**
 * The element of `selector` around an event's target, with its data attributes.
 * @param {Event} event
 * @param {string} selector
 * @returns {HTMLElement | null}
 */
function closest(event, selector) {
  return event.target instanceof window.Element ? event.target.closest(selector) : null;
}

/**
 * @param {string} id
 * @param {(event: Event) => void} handler
 */
function onSubmit(id, handler) {
  byId(id).addEventListener("submit", (event) => {
    event.preventDefault();
    handler(event);
  });
}

/** @param {Ctx} ctx */
function wire(ctx) {
  onSubmit("review-form", () => void loadReview(ctx));
  onSubmit("buylist-form", () => void loadBuyList(ctx, true));
  byId("buylist-action").addEventListener("change", () => void loadBuyList(ctx, true));
  byId("buylist-more").addEventListener("click", () => void loadBuyList(ctx, false));
  byId("buylist-csv").addEventListener("click", () => void downloadCsv(ctx));
  onSubmit("verify-form", () => void verify(ctx, inputValue("verify-asin").trim()));
  onSubmit("analyze-form", () => void analyze(ctx));
  byId("profiles-btn").addEventListener("click", () => void loadProfiles(ctx));
  byId("profiles").addEventListener("click", (event) => {
    const run = closest(event, "button[data-run]")?.dataset.run;
    if (run) void runNow(ctx, run);
  });
  byId("review").addEventListener("click", (event) => {
    const button = closest(event, "button[data-action]");
    const { pick: id, action } = button?.dataset ?? {};
    if (id && (action === "to_buy" || action === "ignored")) return void markPick(ctx, id, action);
    const row = closest(event, "tr[data-pick]")?.dataset.pick;
    const pick = row === undefined ? undefined : ctx.state.review.get(row);
    if (pick) showPick(pick);
  });
  byId("buylist").addEventListener("click", (event) => {
    const id = closest(event, "button[data-verify]")?.dataset.verify;
    const pick = id === undefined ? undefined : ctx.state.rows.find((p) => p.id === id);
    if (pick) verifyPick(ctx, pick);
  });
}

/**
 * The seller's views on the page's key: `wire` once, `load` whenever the dashboard (re)opens.
 * @param {Omit<Ctx, "state">} options
 */
export function createSeller({ key, onUnauthorized, afterSpend }) {
  /** @type {Ctx} */
  const ctx = {
    key,
    onUnauthorized,
    afterSpend,
    state: { cursor: null, rows: [], analysisTimer: undefined, latest: {}, review: new Map() },
  };
  return {
    wire: () => wire(ctx),
    load: () => Promise.all([loadReview(ctx), loadBuyList(ctx, true), loadProfiles(ctx)]),
  };
}
