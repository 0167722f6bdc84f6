// The seller's day beside the token gauge: today's review, the buy list with its actions, a pick's history, verify
// before buying, and a list analysis with its progress. Every read is 0 tokens; verify and analyze spend through the
// same guard as a search, and their refusals are the server's own sentences.
import { call, fieldErrors, problemText, send } from "./api.js";
import { badge, byId, fill, h, muted, table } from "./dom.js";
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

export function createSeller({ key, onUnauthorized, afterSpend }) {
  const state = { cursor: null, rows: [], analysisTimer: null, latest: {} };

  async function get(path) {
    const outcome = await call(key(), "GET", path);
    if (outcome.kind === "unauthorized") onUnauthorized(outcome);
    return outcome;
  }

  /**
   * A panel's read, where only the latest answer may render: an earlier, slower one (a function's first, lazily
   * bundled call) must not paint stale numbers over a newer answer. Resolves to null for a superseded answer.
   */
  async function latest(panel, path) {
    const ticket = (state.latest[panel] ?? 0) + 1;
    state.latest[panel] = ticket;
    const outcome = await get(path);
    return state.latest[panel] === ticket ? outcome : null;
  }

  // ---------- Review ----------

  function actionButtons(p) {
    const mark = (action, label) =>
      h(
        "button",
        { type: "button", class: "btn btn-ghost btn-small", "data-action": action, "data-pick": p.id },
        label,
      );
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

  async function loadReview() {
    const days = byId("review-days").value || "1";
    const minRoi = byId("review-min-roi").value || "30";
    const query = `daysBack=${encodeURIComponent(days)}&minRoi=${encodeURIComponent(minRoi)}`;
    const outcome = await latest("review", `/api/v1/review/today?${query}`);
    if (outcome === null) return;
    if (outcome.kind !== "ok") return fill(byId("review"), problemLine(outcome));
    const data = obj(outcome.data);
    const counts = obj(data.counts);
    fill(byId("review-counts"), ...REVIEW_CLASSES.map((c) => badge(`${c} ${fmtInt(counts[c] ?? 0)}`, CLASS_TONE[c])));
    const items = list(data.items);
    state.review = new Map(items.map((p) => [p.id, p]));
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

  async function markPick(id, action) {
    const outcome = await call(key(), "PUT", `/api/v1/autosourcing/picks/${encodeURIComponent(id)}/action`, { action });
    if (outcome.kind === "unauthorized") return onUnauthorized(outcome);
    if (outcome.kind !== "ok") return fill(byId("pick-detail"), problemLine(outcome));
    await Promise.all([loadReview(), loadBuyList(true)]);
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

  async function loadStats() {
    const outcome = await latest("stats", "/api/v1/picks/stats");
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

  async function loadBuyList(reset) {
    if (reset) {
      state.cursor = null;
      state.rows = [];
    }
    const action = byId("buylist-action").value || "to_buy";
    const cursor = state.cursor ? `&cursor=${encodeURIComponent(state.cursor)}` : "";
    const outcome = await latest("buylist", `/api/v1/picks?action=${encodeURIComponent(action)}&limit=25${cursor}`);
    if (outcome === null) return;
    if (outcome.kind !== "ok") return fill(byId("buylist"), problemLine(outcome));
    const data = obj(outcome.data);
    state.rows = [...state.rows, ...list(data.items)];
    state.cursor = typeof data.nextCursor === "string" ? data.nextCursor : null;
    byId("buylist-more").hidden = state.cursor === null;
    void loadStats();
    if (state.rows.length === 0) return fill(byId("buylist"), muted(`No pick is marked ${humanize(action)}.`));
    fill(
      byId("buylist"),
      table("Buy list", buyColumns(), state.rows, { stack: true, rowAttrs: (p) => ({ "data-pick": p.id }) }),
    );
  }

  async function downloadCsv() {
    const action = byId("buylist-action").value || "to_buy";
    const outcome = await send(key(), "GET", `/api/v1/picks?action=${encodeURIComponent(action)}`, {
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

  async function verify(asin) {
    if (!asin)
      return fill(byId("verify-result"), problemLine({ kind: "problem", data: { detail: "Enter an ASIN or ISBN." } }));
    fill(byId("verify-result"), muted("Fetching live offers…"));
    const outcome = await call(key(), "POST", `/api/v1/products/${encodeURIComponent(asin)}/verify`, verifyBody());
    afterSpend();
    if (outcome.kind === "unauthorized") return onUnauthorized(outcome);
    if (outcome.kind !== "ok") return fill(byId("verify-result"), problemLine(outcome));
    renderVerify(obj(outcome.data));
  }

  /** From a buy-list row: the pick's own numbers become the saved ones. */
  function verifyPick(p) {
    byId("verify-asin").value = p.asin ?? "";
    byId("verify-price").value = num(obj(p.sellPrice).cents) === null ? "" : (p.sellPrice.cents / 100).toFixed(2);
    byId("verify-bsr").value = num(p.bsr) === null ? "" : String(p.bsr);
    byId("verify-fba").value = num(obj(p.competition).fbaOffers) === null ? "" : String(p.competition.fbaOffers);
    byId("verify-cost").value = num(p.buyPriceCents) === null ? "" : (p.buyPriceCents / 100).toFixed(2);
    byId("verify-heading").scrollIntoView({ block: "nearest" });
    void verify(p.asin);
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
  async function allResults(resultsUrl) {
    const rows = [];
    let cursor = null;
    for (let page = 0; page < 10; page++) {
      const query = `limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const outcome = await get(`${resultsUrl}${resultsUrl.includes("?") ? "&" : "?"}${query}`);
      if (outcome.kind !== "ok") break;
      rows.push(...list(obj(outcome.data).results));
      cursor = obj(outcome.data).nextCursor;
      if (typeof cursor !== "string") break;
    }
    return rows;
  }

  async function pollAnalysis(statusUrl, resultsUrl) {
    const outcome = await get(statusUrl);
    if (outcome.kind !== "ok") return fill(byId("analyze-progress"), problemLine(outcome));
    const data = obj(obj(outcome.data).analysis);
    renderProgress(data);
    renderResults(await allResults(resultsUrl));
    if (data.status !== "complete" && data.status !== "failed")
      state.analysisTimer = window.setTimeout(() => void pollAnalysis(statusUrl, resultsUrl), ANALYZE_POLL_MS);
  }

  async function analyze() {
    window.clearTimeout(state.analysisTimer);
    const file = byId("analyze-file").files?.[0];
    const options = file
      ? { body: await file.text(), type: "text/csv" }
      : { body: JSON.stringify({ items: pastedItems(byId("analyze-text").value) }), type: "application/json" };
    fill(byId("analyze-progress"), muted("Analyzing…"));
    fill(byId("analyze-result"));
    const outcome = await send(key(), "POST", "/api/v1/analyze", options);
    afterSpend();
    if (outcome.kind === "unauthorized") return onUnauthorized(outcome);
    if (outcome.kind !== "ok") return fill(byId("analyze-progress"), problemLine(outcome));
    const data = obj(outcome.data);
    if (outcome.status === 202 && data.statusUrl) {
      renderProgress(data);
      return void pollAnalysis(data.statusUrl, data.resultsUrl);
    }
    fill(byId("analyze-progress"), h("p", { class: "small" }, `Done: ${fmtInt(list(data.results).length)} rows.`));
    renderResults(list(data.results));
  }

  // ---------- Wiring ----------

  function wire() {
    byId("review-form").addEventListener("submit", (e) => (e.preventDefault(), void loadReview()));
    byId("buylist-form").addEventListener("submit", (e) => (e.preventDefault(), void loadBuyList(true)));
    byId("buylist-action").addEventListener("change", () => void loadBuyList(true));
    byId("buylist-more").addEventListener("click", () => void loadBuyList(false));
    byId("buylist-csv").addEventListener("click", () => void downloadCsv());
    byId("verify-form").addEventListener(
      "submit",
      (e) => (e.preventDefault(), void verify(byId("verify-asin").value.trim())),
    );
    byId("analyze-form").addEventListener("submit", (e) => (e.preventDefault(), void analyze()));
    byId("review").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (button) return void markPick(button.dataset.pick, button.dataset.action);
      const row = event.target.closest("tr[data-pick]");
      const pick = row && state.review?.get(row.dataset.pick);
      if (pick) showPick(pick);
    });
    byId("buylist").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-verify]");
      const pick = button && state.rows.find((p) => p.id === button.dataset.verify);
      if (pick) verifyPick(pick);
    });
  }

  return {
    wire,
    load: () => Promise.all([loadReview(), loadBuyList(true)]),
  };
}
