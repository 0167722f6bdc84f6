// The seller's day beside the token gauge: today's review, the buy list with its actions, a pick's history, verify
// before buying, and a list analysis with its progress. Every read is 0 tokens; verify and analyze spend through the
// same guard as a search, and their refusals are the server's own sentences.
import { call, fieldErrors, problemText, send } from "./api.js";
import { badge, byId, fill, h, muted, setText, table } from "./dom.js";
import { dash, fmtCents, fmtClock, fmtInt, fmtPercent, humanize, num, recommendationTone } from "./format.js";

const REVIEW_CLASSES = ["STABLE", "JACKPOT", "REVENANT", "FLUKE", "REJECT"];
const CLASS_TONE = { STABLE: "ok", JACKPOT: "info", REVENANT: "warn", FLUKE: "", REJECT: "bad" };
const VERDICT_TEXT = { OK: "OK: buy as planned", CHANGED: "CHANGED: look again", AVOID: "AVOID: do not buy" };
const ANALYZE_POLL_MS = 1500;

const obj = (value) => (value && typeof value === "object" && !Array.isArray(value) ? value : {});
const list = (value) => (Array.isArray(value) ? value : []);
const dollarsToCents = (text) =>
  text === "" || !Number.isFinite(Number(text)) ? undefined : Math.round(Number(text) * 100);

/** The landed sell price with its condition and source. */
function priceCell(p) {
  const price = obj(p.sellPrice);
  if (num(price.cents) === null) return dash;
  return h("span", null, fmtCents(price.cents), h("span", { class: "asin" }, humanize(price.condition)));
}

function bookCell(p) {
  return h("span", null, p.title ?? "Untitled", h("span", { class: "asin" }, p.asin ?? ""));
}

function problemLine(outcome) {
  const fields = fieldErrors(outcome);
  return h("p", { class: "refusal-text", role: "alert" }, [problemText(outcome), ...fields].join(" "));
}

async function get(ctx, path) {
  const outcome = await call(ctx.key(), "GET", path);
  if (outcome.kind === "unauthorized") ctx.onUnauthorized(outcome);
  return outcome;
}

/**
 * A panel's read, where only the latest answer may render: an earlier, slower one (a function's first, lazily
 * bundled call) must not paint stale numbers over a newer answer. Resolves to null for a superseded answer.
 */
async function latest(ctx, panel, path) {
  const ticket = (ctx.state.latest[panel] ?? 0) + 1;
  ctx.state.latest[panel] = ticket;
  const outcome = await get(ctx, path);
  return ctx.state.latest[panel] === ticket ? outcome : null;
}

// ---------- Review ----------

function actionButtons(p) {
  const mark = (action, label) =>
    h("button", { type: "button", class: "btn btn-ghost btn-small", "data-action": action, "data-pick": p.id }, label);
  return h("span", { class: "row-actions" }, mark("to_buy", "To buy"), mark("ignored", "Ignore"));
}

function reviewColumns() {
  return [
    { label: "Class", cell: (p) => badge(p.classification ?? dash, CLASS_TONE[p.classification] ?? "") },
    { label: "Book", cls: "title", cell: bookCell },
    { label: "ROI", num: true, cell: (p) => fmtPercent(p.roiPercent) },
    { label: "Sell (landed)", num: true, cell: priceCell },
    { label: "Buy at most", num: true, cell: (p) => fmtCents(p.maxBuyCents) },
    { label: "Seen", num: true, cell: (p) => fmtInt(p.sightings) },
    { label: "Data", cell: (p) => (p.verified ? badge("Verified", "ok") : badge("Provisional", "warn")) },
    { label: "Status", cell: (p) => humanize(p.actionStatus ?? "pending") },
    { label: "", cell: actionButtons },
  ];
}

async function loadReview(ctx) {
  const days = byId("review-days").value || "1";
  const minRoi = byId("review-min-roi").value || "30";
  const query = `daysBack=${encodeURIComponent(days)}&minRoi=${encodeURIComponent(minRoi)}`;
  const outcome = await latest(ctx, "review", `/api/v1/review/today?${query}`);
  if (outcome === null) return;
  if (outcome.kind !== "ok") return fill(byId("review"), problemLine(outcome));
  const data = obj(outcome.data);
  const counts = obj(data.counts);
  fill(byId("review-counts"), ...REVIEW_CLASSES.map((c) => badge(`${c} ${fmtInt(counts[c] ?? 0)}`, CLASS_TONE[c])));
  const items = list(data.items);
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

/** A pick with what its recommendation rests on and its sighting history. */
function showPick(p) {
  const el = byId("pick-detail");
  el.hidden = false;
  const sell = obj(p.sellPrice);
  const cost = obj(p.buyCost);
  fill(
    el,
    h("h3", null, p.title ?? p.asin),
    h(
      "p",
      { class: "small" },
      `${humanize(p.classification)}: ${p.reason ?? ""} Seen ${fmtInt(p.sightings)} time(s), first ${fmtClock(
        p.firstSeenAt,
      )}, last ${fmtClock(p.lastSeenAt)}.`,
    ),
    h(
      "p",
      { class: "small" },
      `Sells ${humanize(sell.condition ?? p.sellCondition)} at ${fmtCents(sell.cents)} (${humanize(
        sell.source ?? "no price",
      )}${sell.live ? ", live" : ""}); cost ${fmtCents(cost.cents)} (${cost.detail ?? humanize(cost.model ?? "none")}).`,
    ),
    h(
      "ul",
      { class: "small" },
      list(p.reasons).map((r) => h("li", null, r)),
    ),
  );
}

async function markPick(ctx, id, action) {
  const outcome = await call(ctx.key(), "PUT", `/api/v1/autosourcing/picks/${encodeURIComponent(id)}/action`, {
    action,
  });
  if (outcome.kind === "unauthorized") return ctx.onUnauthorized(outcome);
  if (outcome.kind !== "ok") return fill(byId("pick-detail"), problemLine(outcome));
  await Promise.all([loadReview(ctx), loadBuyList(ctx, true)]);
}

// ---------- Buy list ----------

function buyColumns() {
  return [
    { label: "Book", cls: "title", cell: bookCell },
    { label: "ROI", num: true, cell: (p) => fmtPercent(p.roiPercent) },
    { label: "Sell (landed)", num: true, cell: priceCell },
    { label: "Buy at most", num: true, cell: (p) => fmtCents(p.maxBuyCents) },
    { label: "BSR", num: true, cell: (p) => fmtInt(p.bsr) },
    {
      label: "Verdict",
      cell: (p) => badge(humanize(p.recommendation ?? dash), recommendationTone(p.recommendation)),
    },
    { label: "Profile", cell: (p) => p.profileName ?? dash },
    {
      label: "",
      cell: (p) => h("button", { type: "button", class: "btn btn-ghost btn-small", "data-verify": p.id }, "Verify"),
    },
  ];
}

async function loadStats(ctx) {
  const outcome = await latest(ctx, "stats", "/api/v1/picks/stats");
  if (outcome === null || outcome.kind !== "ok") return;
  const data = obj(outcome.data);
  const counts = obj(data.counts);
  const rate = num(obj(data.engagement).rate);
  const best = obj(data.bestOfDay);
  fill(
    byId("buylist-stats"),
    ...["to_buy", "favorite", "analyzing", "pending", "ignored"].map((a) =>
      badge(`${humanize(a)} ${fmtInt(counts[a] ?? 0)}`),
    ),
    rate === null ? null : badge(`engagement ${fmtPercent(rate * 100)}`, "info"),
    best.asin ? badge(`best today: ${best.title ?? best.asin} ${fmtPercent(best.roiPercent)}`, "ok") : null,
  );
}

async function loadBuyList(ctx, reset) {
  if (reset) {
    ctx.state.cursor = null;
    ctx.state.rows = [];
  }
  const action = byId("buylist-action").value || "to_buy";
  const cursor = ctx.state.cursor ? `&cursor=${encodeURIComponent(ctx.state.cursor)}` : "";
  const outcome = await latest(ctx, "buylist", `/api/v1/picks?action=${encodeURIComponent(action)}&limit=25${cursor}`);
  if (outcome === null) return;
  if (outcome.kind !== "ok") return fill(byId("buylist"), problemLine(outcome));
  const data = obj(outcome.data);
  ctx.state.rows = [...ctx.state.rows, ...list(data.items)];
  ctx.state.cursor = typeof data.nextCursor === "string" ? data.nextCursor : null;
  byId("buylist-more").hidden = ctx.state.cursor === null;
  void loadStats(ctx);
  if (ctx.state.rows.length === 0) return fill(byId("buylist"), muted(`No pick is marked ${humanize(action)}.`));
  fill(
    byId("buylist"),
    table("Buy list", buyColumns(), ctx.state.rows, { stack: true, rowAttrs: (p) => ({ "data-pick": p.id }) }),
  );
}

async function downloadCsv(ctx) {
  const action = byId("buylist-action").value || "to_buy";
  const outcome = await send(ctx.key(), "GET", `/api/v1/picks?action=${encodeURIComponent(action)}`, {
    accept: "text/csv",
  });
  if (outcome.kind !== "ok") return fill(byId("buylist"), problemLine(outcome));
  const url = window.URL.createObjectURL(new window.Blob([String(outcome.data ?? "")], { type: "text/csv" }));
  const link = h("a", { href: url, download: `picks-${action}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => window.URL.revokeObjectURL(url), 1000);
}

// ---------- Verify ----------

function verifyBody() {
  const body = {};
  const price = dollarsToCents(byId("verify-price").value);
  const cost = dollarsToCents(byId("verify-cost").value);
  const bsr = byId("verify-bsr").value;
  const fba = byId("verify-fba").value;
  if (price !== undefined) body.price_cents = price;
  if (cost !== undefined) body.cost_cents = cost;
  if (bsr !== "") body.bsr = Number(bsr);
  if (fba !== "") body.fba_count = Number(fba);
  return body;
}

function renderVerify(data) {
  const changes = list(data.changes);
  const score = obj(data.score);
  fill(
    byId("verify-result"),
    h("p", { class: "verdict", "data-verdict": data.verdict }, VERDICT_TEXT[data.verdict] ?? String(data.verdict)),
    h("p", { class: "small" }, data.message ?? ""),
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
      badge(humanize(score.recommendation ?? dash), recommendationTone(score.recommendation)),
      ` sells at ${fmtCents(obj(score.sellPrice).cents)}, worth paying at most ${fmtCents(score.maxBuyCents)}.`,
    ),
  );
}

async function verify(ctx, asin) {
  if (!asin)
    return fill(byId("verify-result"), problemLine({ kind: "problem", data: { detail: "Enter an ASIN or ISBN." } }));
  fill(byId("verify-result"), muted("Fetching live offers…"));
  const outcome = await call(ctx.key(), "POST", `/api/v1/products/${encodeURIComponent(asin)}/verify`, verifyBody());
  ctx.afterSpend();
  if (outcome.kind === "unauthorized") return ctx.onUnauthorized(outcome);
  if (outcome.kind !== "ok") return fill(byId("verify-result"), problemLine(outcome));
  renderVerify(obj(outcome.data));
}

/** From a buy-list row: the pick's own numbers become the saved ones. */
function verifyPick(ctx, p) {
  byId("verify-asin").value = p.asin ?? "";
  byId("verify-price").value = num(obj(p.sellPrice).cents) === null ? "" : (p.sellPrice.cents / 100).toFixed(2);
  byId("verify-bsr").value = num(p.bsr) === null ? "" : String(p.bsr);
  byId("verify-fba").value = num(obj(p.competition).fbaOffers) === null ? "" : String(p.competition.fbaOffers);
  byId("verify-cost").value = num(p.buyPriceCents) === null ? "" : (p.buyPriceCents / 100).toFixed(2);
  byId("verify-heading").scrollIntoView({ block: "nearest" });
  void verify(ctx, p.asin);
}

// ---------- Analyze ----------

/** Pasted lines `id[,cost dollars[,condition]]` → the JSON body. */
function pastedItems(text) {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const [id, cost, condition] = line.split(",").map((part) => part.trim());
      const item = { id };
      const cents = dollarsToCents(cost ?? "");
      if (cents !== undefined) item.cost_cents = cents;
      if (condition) item.condition = condition;
      return item;
    });
}

function resultColumns() {
  return [
    { label: "Input", cell: (r) => r.input ?? r.id ?? dash },
    { label: "Status", cell: (r) => humanize(r.status) },
    { label: "Book", cls: "title", cell: (r) => (r.product ? bookCell(r.product) : (r.reason ?? dash)) },
    { label: "ROI", num: true, cell: (r) => fmtPercent(obj(r.product).roiPercent) },
    { label: "Buy at most", num: true, cell: (r) => fmtCents(obj(r.product).maxBuyCents) },
    {
      label: "Verdict",
      cell: (r) =>
        r.product ? badge(humanize(r.product.recommendation), recommendationTone(r.product.recommendation)) : dash,
    },
  ];
}

function renderResults(rows) {
  fill(
    byId("analyze-result"),
    rows.length === 0 ? muted("No rows.") : table("Analysis results", resultColumns(), rows, { stack: true }),
  );
}

function renderProgress(data) {
  const p = obj(data.progress);
  const total = num(p.total) ?? 0;
  const done = num(p.done) ?? 0;
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

/** Every result row so far, page by page (an analysis holds at most 1,000). */
async function allResults(ctx, resultsUrl) {
  const rows = [];
  let cursor = null;
  for (let page = 0; page < 10; page++) {
    const query = `limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const outcome = await get(ctx, `${resultsUrl}${resultsUrl.includes("?") ? "&" : "?"}${query}`);
    if (outcome.kind !== "ok") break;
    rows.push(...list(obj(outcome.data).results));
    cursor = obj(outcome.data).nextCursor;
    if (typeof cursor !== "string") break;
  }
  return rows;
}

async function pollAnalysis(ctx, statusUrl, resultsUrl) {
  const outcome = await get(ctx, statusUrl);
  if (outcome.kind !== "ok") return fill(byId("analyze-progress"), problemLine(outcome));
  const data = obj(obj(outcome.data).analysis);
  renderProgress(data);
  renderResults(await allResults(ctx, resultsUrl));
  if (data.status !== "complete" && data.status !== "failed")
    ctx.state.analysisTimer = window.setTimeout(() => void pollAnalysis(ctx, statusUrl, resultsUrl), ANALYZE_POLL_MS);
}

async function analyze(ctx) {
  window.clearTimeout(ctx.state.analysisTimer);
  const file = byId("analyze-file").files?.[0];
  const options = file
    ? { body: await file.text(), type: "text/csv" }
    : { body: JSON.stringify({ items: pastedItems(byId("analyze-text").value) }), type: "application/json" };
  fill(byId("analyze-progress"), muted("Analyzing…"));
  fill(byId("analyze-result"));
  const outcome = await send(ctx.key(), "POST", "/api/v1/analyze", options);
  ctx.afterSpend();
  if (outcome.kind === "unauthorized") return ctx.onUnauthorized(outcome);
  if (outcome.kind !== "ok") return fill(byId("analyze-progress"), problemLine(outcome));
  const data = obj(outcome.data);
  if (outcome.status === 202 && data.statusUrl) {
    renderProgress(data);
    return void pollAnalysis(ctx, data.statusUrl, data.resultsUrl);
  }
  fill(byId("analyze-progress"), h("p", { class: "small" }, `Done: ${fmtInt(list(data.results).length)} rows.`));
  renderResults(list(data.results));
}

// ---------- Profiles ----------

/** A schedule in words: "07:00, 09:00 mon–fri America/Toronto", or every N minutes. */
function scheduleText(p) {
  const schedule = obj(p.schedule);
  if (!schedule.timezone) return `every ${fmtInt(p.scheduleMinutes)} min (UTC slots)`;
  const days = list(schedule.weekdays).length === 0 ? "every day" : list(schedule.weekdays).join(" ");
  return `${list(schedule.times).join(", ")} ${days} ${schedule.timezone}`;
}

function profileColumns() {
  return [
    { label: "Profile", cls: "title", cell: (p) => p.name ?? dash },
    { label: "Active", cell: (p) => (p.active ? badge("active", "ok") : badge("inactive")) },
    { label: "Schedule", cls: "reason", cell: scheduleText },
    {
      label: "Next runs",
      cls: "reason",
      cell: (p) =>
        list(p.nextRuns)
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

async function loadProfiles(ctx) {
  const outcome = await latest(ctx, "profiles", "/api/v1/autosourcing/profiles");
  if (outcome === null) return;
  if (outcome.kind !== "ok") return fill(byId("profiles"), problemLine(outcome));
  const profiles = list(obj(outcome.data).profiles);
  if (profiles.length === 0) return fill(byId("profiles"), muted("No profile saved yet."));
  fill(byId("profiles"), table("AutoSourcing profiles", profileColumns(), profiles, { stack: true }));
}

/** Run now: 202 with the job, or the server's own refusal sentence (429 with its wait, 422 when it can never fit). */
async function runNow(ctx, profileId) {
  setText("run-now-result", "Planning the job…");
  const outcome = await call(ctx.key(), "POST", "/api/v1/autosourcing/jobs", { profileId });
  ctx.afterSpend();
  if (outcome.kind === "unauthorized") return ctx.onUnauthorized(outcome);
  if (outcome.kind !== "ok")
    return setText("run-now-result", [problemText(outcome), ...fieldErrors(outcome)].join(" "));
  const job = obj(obj(outcome.data).job);
  setText("run-now-result", `Job ${job.id ?? ""} ${humanize(job.status ?? "pending")}: it runs in the background.`);
}

// ---------- Wiring ----------

function wire(ctx) {
  byId("review-form").addEventListener("submit", (e) => (e.preventDefault(), void loadReview(ctx)));
  byId("buylist-form").addEventListener("submit", (e) => (e.preventDefault(), void loadBuyList(ctx, true)));
  byId("buylist-action").addEventListener("change", () => void loadBuyList(ctx, true));
  byId("buylist-more").addEventListener("click", () => void loadBuyList(ctx, false));
  byId("buylist-csv").addEventListener("click", () => void downloadCsv(ctx));
  byId("verify-form").addEventListener(
    "submit",
    (e) => (e.preventDefault(), void verify(ctx, byId("verify-asin").value.trim())),
  );
  byId("analyze-form").addEventListener("submit", (e) => (e.preventDefault(), void analyze(ctx)));
  byId("profiles-btn").addEventListener("click", () => void loadProfiles(ctx));
  byId("profiles").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-run]");
    if (button) void runNow(ctx, button.dataset.run);
  });
  byId("review").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button) return void markPick(ctx, button.dataset.pick, button.dataset.action);
    const row = event.target.closest("tr[data-pick]");
    const pick = row && ctx.state.review?.get(row.dataset.pick);
    if (pick) showPick(pick);
  });
  byId("buylist").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-verify]");
    const pick = button && ctx.state.rows.find((p) => p.id === button.dataset.verify);
    if (pick) verifyPick(ctx, pick);
  });
}

/** The seller's views on the page's key: `wire` once, `load` whenever the dashboard (re)opens. */
export function createSeller({ key, onUnauthorized, afterSpend }) {
  const ctx = {
    key,
    onUnauthorized,
    afterSpend,
    state: { cursor: null, rows: [], analysisTimer: null, latest: {}, review: new Map() },
  };
  return {
    wire: () => wire(ctx),
    load: () => Promise.all([loadReview(ctx), loadBuyList(ctx, true), loadProfiles(ctx)]),
  };
}
