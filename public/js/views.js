// @ts-check
// Renders each panel from API data, typed by the contract (api-types.d.ts): a field is read only if the API sends it,
// and a null the API sends shows as "—".
import { badge, byId, fill, h, muted, setText, table } from "./dom.js";
import {
  dash,
  fmtAgo,
  fmtCents,
  fmtClock,
  fmtCountdown,
  fmtDecimal,
  fmtDurationMs,
  fmtInt,
  fmtPercent,
  humanize,
  partialDetail,
  partialText,
  recommendationTone,
  statusTone,
} from "./format.js";

/**
 * @template {"get" | "post" | "put"} M
 * @template {import("/vendor/openapi-fetch.mjs").ClientPathsWithMethod<import("./api.js").ApiClient, M>} P
 * @typedef {import("./api.js").Body<M, P>} Body
 */
/** @typedef {Body<"get", "/api/v1/tokens">} TokenStatus */
/** @typedef {Body<"get", "/api/v1/tokens/requests">} TokenRequests */
/** @typedef {Body<"get", "/api/v1/autosourcing/jobs">} JobsPage */
/** @typedef {JobsPage["items"][number]} JobSummary */
/** @typedef {Body<"post", "/api/v1/products/discover_with_scoring">} ScoredDiscovery */
/** @typedef {ScoredDiscovery["products"][number]} ScoredProduct */
/** @typedef {Body<"post", "/api/v1/niches/discover">} NicheDiscovery */
/** @typedef {ScoredDiscovery["tokens"]} TokenSummary */
/** @typedef {ScoredDiscovery["cuts"]} Cuts */
/** @typedef {{ group: string, count: number, reserved: number, spent: number, remaining: number }} GroupRow */
/** @typedef {{ nextRefillAt: number | null, fullAt: number | null, syncedAgeAt: number | null, rate: number | null }} GaugeClock */
/** @typedef {{ until: number | null, reason: string | null }} BreakerClock */

/**
 * Shown in a panel whose endpoint is not deployed (404) or failed.
 * @param {string} containerId
 * @param {string} text
 * @param {string} [kind]
 */
export function panelMessage(containerId, text, kind) {
  fill(byId(containerId), h("p", { class: "panel-msg", "data-kind": kind ?? null }, text));
}

// ---------- Token gauge ----------

/**
 * Level of the balance for colours: ok ≥ 30 %, low ≥ 10 %, critical below.
 * @param {number | null} available
 * @param {number | null} capacity
 */
function level(available, capacity) {
  if (available === null || !capacity) return "unknown";
  const share = available / capacity;
  if (share < 0.1) return "critical";
  if (share < 0.3) return "low";
  return "ok";
}

/**
 * @param {TokenStatus} view GET /api/v1/tokens
 * @param {number} receivedAt local time the view arrived (countdowns are anchored to it, not to the server clock)
 * @returns {GaugeClock}
 */
export function renderGauge(view, receivedAt) {
  const { balance, refill, snapshot } = view;
  const { available, capacity, reserved } = balance;
  byId("gauge-body").hidden = false;
  byId("gauge-msg").hidden = true;
  setText("available", fmtInt(available));
  setText("capacity", fmtInt(capacity));
  const meter = byId("meter");
  const lvl = level(available, capacity);
  meter.dataset.level = lvl;
  meter.setAttribute("aria-valuemax", String(capacity ?? 0));
  meter.setAttribute("aria-valuenow", String(Math.max(0, available ?? 0)));
  meter.setAttribute(
    "aria-valuetext",
    available === null
      ? "unknown"
      : `${fmtInt(available)} of ${fmtInt(capacity)} tokens available, ${fmtInt(reserved)} reserved`,
  );
  /** @param {number} n */
  const pct = (n) => (capacity ? `${Math.min(100, Math.max(0, (n / capacity) * 100)).toFixed(2)}%` : "0%");
  byId("meter-fill").style.width = pct(Math.max(0, available ?? 0));
  byId("meter-reserved").style.width = pct(reserved);
  const pill = byId("gauge-pill");
  pill.hidden = false;
  if (!view.known || available === null) {
    pill.dataset.level = "low";
    pill.textContent = "unknown";
  } else if (view.needsResync) {
    pill.dataset.level = "low";
    pill.textContent = "resyncing";
  } else {
    pill.dataset.level = lvl === "ok" ? "" : lvl;
    pill.textContent = lvl === "critical" ? "nearly empty" : lvl === "low" ? "low" : "healthy";
  }
  const rate = refill.ratePerMinute;
  setText("rate", rate === null ? dash : `${fmtInt(rate)} / min`);
  setText("reserved", fmtInt(reserved));
  const age = snapshot.ageMs;
  setText("snapshot-age", age === null ? "never synced with Keepa" : `synced with Keepa ${fmtAgo(age)}`);
  const nextIn = refill.nextRefillInMs;
  const toFull = refill.timeToFullMs;
  return {
    nextRefillAt: nextIn === null ? null : receivedAt + nextIn,
    fullAt: toFull === null ? null : receivedAt + toFull,
    syncedAgeAt: age === null ? null : receivedAt - age,
    rate,
  };
}

/**
 * Re-renders the ticking parts of the gauge (called every second).
 * @param {GaugeClock | null} clock
 * @param {number} now
 */
export function tickGauge(clock, now) {
  if (!clock) return;
  setText(
    "next-refill",
    clock.nextRefillAt === null
      ? dash
      : clock.rate === 0
        ? "no refill"
        : `in ${fmtCountdown(clock.nextRefillAt - now)}`,
  );
  if (clock.fullAt === null) setText("time-to-full", dash);
  else setText("time-to-full", clock.fullAt - now <= 0 ? "full" : fmtCountdown(clock.fullAt - now));
  if (clock.syncedAgeAt !== null) setText("snapshot-age", `synced with Keepa ${fmtAgo(now - clock.syncedAgeAt)}`);
}

/**
 * @param {string} text
 * @param {string} [kind]
 */
export function gaugeMessage(text, kind) {
  byId("gauge-body").hidden = true;
  const msg = byId("gauge-msg");
  msg.hidden = false;
  msg.dataset.kind = kind ?? "";
  msg.textContent = text;
}

// ---------- Breaker ----------

/**
 * @param {TokenStatus} view
 * @param {number} receivedAt
 * @returns {BreakerClock | null}
 */
export function renderBreaker(view, receivedAt) {
  const { breaker } = view;
  const el = byId("breaker");
  if (breaker.open) {
    el.dataset.state = "open";
    setText("breaker-state", "Open — Keepa calls paused");
    // Open without a known end (blockedUntil null): wait for Keepa to report a positive balance.
    return { until: breaker.blockedUntil === null ? null : receivedAt + breaker.retryInMs, reason: breaker.reason };
  }
  el.dataset.state = "closed";
  setText("breaker-state", "Closed — Keepa calls allowed");
  setText(
    "breaker-detail",
    view.needsResync
      ? "The next request first re-reads the balance from Keepa (free)."
      : "Requests are admitted while the budget covers them.",
  );
  return null;
}

/**
 * @param {BreakerClock | null} state
 * @param {number} now
 */
export function tickBreaker(state, now) {
  if (!state) return;
  const reason = state.reason ? `${humanize(state.reason)}. ` : "";
  if (state.until === null) setText("breaker-detail", `${reason}Waiting for Keepa to report a positive balance.`);
  else if (state.until - now > 0) setText("breaker-detail", `${reason}Reopens in ${fmtCountdown(state.until - now)}.`);
  else setText("breaker-detail", `${reason}Reopening now…`);
}

// ---------- Reservations and budgets ----------

/**
 * @param {string} caption
 * @param {string} firstLabel
 * @param {TokenStatus["reservations"]["byAction"]} groups
 */
function groupTable(caption, firstLabel, groups) {
  /** @type {GroupRow[]} */
  const rows = Object.entries(groups).map(([group, g]) => ({ group, ...g }));
  return table(
    caption,
    [
      { label: firstLabel, cell: (r) => humanize(r.group) },
      { label: "Open", num: true, cell: (r) => fmtInt(r.count) },
      { label: "Reserved", num: true, cell: (r) => fmtInt(r.reserved) },
      { label: "Spent", num: true, cell: (r) => fmtInt(r.spent) },
      { label: "Remaining", num: true, cell: (r) => fmtInt(r.remaining) },
    ],
    rows,
    { showCaption: true },
  );
}

/** @param {TokenStatus} view */
export function renderReservations(view) {
  const res = view.reservations;
  const open = res.open;
  setText("res-count", fmtInt(open));
  const container = byId("reservations");
  if (!open) {
    fill(container, muted("No open reservations: nothing is holding tokens right now."));
  } else {
    fill(
      container,
      h(
        "div",
        { class: "results" },
        groupTable("By action", "Action", res.byAction),
        groupTable("By class", "Class", res.byClass),
      ),
    );
  }
  const costs = Object.entries(view.costs).map(([action, c]) => ({ action, ...c }));
  fill(
    byId("budgets"),
    costs.length === 0
      ? muted("No budgets reported.")
      : table(
          "Action budgets",
          [
            { label: "Action", cell: (r) => humanize(r.action) },
            { label: "Class", cell: (r) => r.class },
            { label: "Max tokens", num: true, cell: (r) => fmtInt(r.cost) },
          ],
          costs,
        ),
  );
}

// ---------- Requests ----------

/** @param {TokenRequests} data */
export function renderRequests(data) {
  const rows = data.items;
  setText("requests-note", rows.length ? `${rows.length} most recent` : "");
  if (rows.length === 0) {
    fill(byId("requests"), muted("No guarded requests yet. Searches appear here with what they reserved and spent."));
    return;
  }
  fill(
    byId("requests"),
    table(
      "Last requests",
      [
        { label: "Time", cell: (r) => fmtClock(r.at) },
        { label: "Action", cell: (r) => humanize(r.action) },
        { label: "Status", cell: (r) => badge(String(r.status), statusTone(r.status)) },
        { label: "Reserved", num: true, cell: (r) => fmtInt(r.reserved) },
        { label: "Spent", num: true, cell: (r) => fmtInt(r.spent) },
        { label: "Released", num: true, cell: (r) => fmtInt(r.released) },
        { label: "Spendable after", num: true, cell: (r) => fmtInt(r.balance) },
        { label: "Reason", cls: "reason", cell: (r) => (r.reason ? humanize(r.reason) : "") },
        { label: "Took", num: true, cell: (r) => fmtDurationMs(r.durationMs) },
      ],
      rows,
      { stack: true },
    ),
  );
}

// ---------- AutoSourcing jobs ----------

/** @type {Record<JobSummary["status"], string>} */
const JOB_TONE = {
  succeeded: "ok",
  running: "info",
  pending: "info",
  partial: "warn",
  cancelled: "warn",
  skipped: "warn",
  failed: "bad",
};

/**
 * A job's pick as the jobs list previews it.
 * @param {JobSummary["picks"][number]} pick
 */
function pickText(pick) {
  const facts = [
    pick.roiPercent === null ? null : fmtPercent(pick.roiPercent),
    pick.tier,
    humanize(pick.recommendation),
  ];
  const shown = facts.filter((f) => f !== null);
  return `${pick.title ?? pick.asin} (${shown.join(", ")})`;
}

/** @param {JobsPage} data */
export function renderJobs(data) {
  const jobs = data.items;
  if (jobs.length === 0) {
    fill(byId("jobs"), muted("No AutoSourcing jobs have run yet."));
    return;
  }
  fill(
    byId("jobs"),
    table(
      "AutoSourcing jobs",
      [
        { label: "Started", cell: (j) => fmtClock(j.startedAt) },
        { label: "Profile", cls: "reason", cell: (j) => j.profileName },
        {
          label: "Status",
          cell: (j) =>
            h(
              "span",
              null,
              badge(humanize(j.status), JOB_TONE[j.status]),
              j.statusReason ? h("span", { class: "muted small" }, ` ${humanize(j.statusReason)}`) : null,
            ),
        },
        { label: "Tokens", num: true, cell: (j) => `${fmtInt(j.tokensSpent)} / ${fmtInt(j.tokensReserved)}` },
        {
          label: "Picked",
          num: true,
          cell: (j) => `${fmtInt(j.selectedCount)} of ${fmtInt(j.testedCount)}`,
        },
        {
          label: "Picks",
          cls: "picks",
          cell: (j) => {
            const picks = j.picks;
            if (picks.length === 0) return "";
            const shown = picks.slice(0, 3).map(pickText).join(" · ");
            return picks.length > 3 ? `${shown} · +${picks.length - 3} more` : shown;
          },
        },
        { label: "Took", num: true, cell: (j) => fmtDurationMs(j.durationMs) },
      ],
      jobs,
      { stack: true },
    ),
  );
}

// ---------- Search results ----------

/**
 * The landed sell price with what it rests on: its condition, its source, live or not.
 * @param {ScoredProduct} p
 */
function sellCell(p) {
  const price = p.sellPrice;
  if (price === null) return h("span", { title: `No landed ${humanize(p.sellCondition)} price` }, dash);
  const basis = `${humanize(price.condition)} · ${humanize(price.source)}${price.live ? " · live" : ""}`;
  return h("span", { title: basis }, fmtCents(price.cents, p.currency), h("span", { class: "asin" }, basis));
}

/**
 * Verified with live offers, or provisional (capped at BUY).
 * @param {ScoredProduct} p
 */
function verifiedCell(p) {
  return p.verified ? badge("Verified", "ok") : badge("Provisional", "warn");
}

/** @returns {import("./dom.js").Column<ScoredProduct & { rank: number }>[]} */
function productColumns() {
  return [
    { label: "#", num: true, cls: "rank", cell: (p) => String(p.rank) },
    {
      label: "Book",
      cls: "title",
      cell: (p) => h("span", null, p.title ?? "Untitled", h("span", { class: "asin" }, p.asin)),
    },
    { label: "Buy", num: true, cell: (p) => fmtCents(p.buyPriceCents, p.currency) },
    { label: "Sell (landed)", num: true, cell: sellCell },
    { label: "Max buy", num: true, cell: (p) => fmtCents(p.maxBuyCents, p.currency) },
    { label: "Profit", num: true, cell: (p) => fmtCents(p.profitCents, p.currency) },
    { label: "ROI", num: true, cell: (p) => fmtPercent(p.roiPercent) },
    { label: "Velocity", num: true, cell: (p) => fmtDecimal(p.velocity) },
    { label: "BSR", num: true, cell: (p) => fmtInt(p.bsr) },
    { label: "Verdict", cell: (p) => badge(humanize(p.recommendation), recommendationTone(p.recommendation)) },
    { label: "Data", cell: verifiedCell },
  ];
}

/**
 * The `tokens` summary of a response; `cuts` say why a partial answer stopped.
 * @param {TokenSummary} t
 * @param {Cuts} cuts
 */
function tokensLine(t, cuts) {
  const parts = [
    h("span", null, "Reserved ", h("strong", null, fmtInt(t.reserved))),
    h("span", null, "spent ", h("strong", null, fmtInt(t.spent))),
    h("span", null, "released ", h("strong", null, fmtInt(t.released))),
  ];
  if (t.balance !== undefined)
    parts.push(
      h(
        "span",
        { title: "Tokens interactive actions may still spend (the reserve floor excluded)" },
        "spendable after ",
        h("strong", null, fmtInt(t.balance)),
      ),
    );
  const hits = t.cacheHits;
  if (hits && (hits.products || hits.discovery))
    parts.push(h("span", null, `cache hits: ${fmtInt(hits.discovery)} search, ${fmtInt(hits.products)} products`));
  if (t.partial) {
    parts.push(badge(partialText(cuts), "warn"));
    const detail = partialDetail(cuts);
    if (detail) parts.push(h("span", { class: "muted small partial-detail" }, detail));
  }
  return parts;
}

/** @param {ScoredDiscovery} d */
export function renderProducts(d) {
  const products = d.products.map((p, i) => ({ ...p, rank: i + 1 }));
  const summary = h(
    "p",
    { class: "summary" },
    h(
      "span",
      null,
      h("strong", null, `${fmtInt(products.length)} ${products.length === 1 ? "book" : "books"}`),
      ` (${fmtInt(d.scored)} scored, ${fmtInt(d.filteredOut)} filtered out)`,
    ),
    ...tokensLine(d.tokens, d.cuts),
  );
  if (products.length === 0) return [summary, muted("No book matched these filters.")];
  return [
    summary,
    table("Search results", productColumns(), products, {
      stack: true,
      rowAttrs: (p) => ({ "data-asin": p.asin }),
    }),
  ];
}

/** @param {NicheDiscovery} d */
export function renderNiches(d) {
  const niches = d.niches;
  const summary = h(
    "p",
    { class: "summary" },
    h("span", null, h("strong", null, `${fmtInt(niches.length)} ${niches.length === 1 ? "niche" : "niches"}`)),
    ...tokensLine(d.tokens, d.cuts),
  );
  const cards = niches.map((niche) => {
    const products = niche.topProducts;
    return h(
      "article",
      { class: "niche", "aria-label": niche.name },
      h("h3", null, niche.icon ? `${niche.icon} ` : "", niche.name),
      niche.description ? h("p", { class: "small muted" }, niche.description) : null,
      h(
        "p",
        { class: "summary" },
        h("span", null, "avg ROI ", h("strong", null, fmtPercent(niche.avgRoi))),
        h("span", null, "avg velocity ", h("strong", null, fmtDecimal(niche.avgVelocity))),
        h("span", null, h("strong", null, fmtInt(niche.productsFound)), ` of ${fmtInt(niche.productsScored)} pass`),
      ),
      products.length === 0
        ? muted("No product passed the filter.")
        : h(
            "ol",
            null,
            products.map((p) =>
              h(
                "li",
                null,
                `${p.title ?? p.asin} — `,
                h("strong", null, fmtPercent(p.roiPercent)),
                ` ROI, ${fmtCents(p.profitCents, p.currency)} profit`,
              ),
            ),
          ),
    );
  });
  const skipped = d.skipped;
  const out = [summary];
  out.push(
    cards.length ? h("div", { class: "niches" }, cards) : muted("No niche had a product worth showing this time."),
  );
  if (skipped.length)
    out.push(h("p", { class: "small muted" }, `Skipped: ${skipped.map((s) => `${s.name} (${s.reason})`).join("; ")}`));
  return out;
}
