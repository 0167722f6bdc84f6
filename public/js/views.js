// Renders each panel from API data. Tolerant: a missing field shows "—", never breaks the page.
import { badge, byId, fill, h, muted, setText, table } from "./dom.js";
import {
  dash,
  fmtAgo,
  fmtCents,
  fmtClock,
  fmtCountdown,
  fmtDecimal,
  fmtDollars,
  fmtDurationMs,
  fmtInt,
  fmtPercent,
  humanize,
  num,
  partialDetail,
  partialText,
  recommendationTone,
  statusTone,
} from "./format.js";

const obj = (value) => (value && typeof value === "object" && !Array.isArray(value) ? value : {});
const list = (value) => (Array.isArray(value) ? value : []);

/** Shown in a panel whose endpoint is not deployed (404) or failed. */
export function panelMessage(containerId, text, kind) {
  fill(byId(containerId), h("p", { class: "panel-msg", "data-kind": kind ?? null }, text));
}

// ---------- Token gauge ----------

/** Level of the balance for colours: ok ≥ 30 %, low ≥ 10 %, critical below. */
function level(available, capacity) {
  if (available === null || !capacity) return "unknown";
  const share = available / capacity;
  if (share < 0.1) return "critical";
  if (share < 0.3) return "low";
  return "ok";
}

/**
 * @param {object} view GET /api/v1/tokens
 * @param {number} receivedAt local time the view arrived (countdowns are anchored to it, not to the server clock)
 */
export function renderGauge(view, receivedAt) {
  const balance = obj(view.balance);
  const refill = obj(view.refill);
  const snapshot = obj(view.snapshot);
  const available = num(balance.available);
  const capacity = num(balance.capacity);
  const reserved = num(balance.reserved) ?? 0;
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
  const pct = (n) => (capacity ? `${Math.min(100, Math.max(0, (n / capacity) * 100)).toFixed(2)}%` : "0%");
  byId("meter-fill").style.width = pct(Math.max(0, available ?? 0));
  byId("meter-reserved").style.width = pct(reserved);
  const pill = byId("gauge-pill");
  pill.hidden = false;
  if (view.known === false || available === null) {
    pill.dataset.level = "low";
    pill.textContent = "unknown";
  } else if (view.needsResync) {
    pill.dataset.level = "low";
    pill.textContent = "resyncing";
  } else {
    pill.dataset.level = lvl === "ok" ? "" : lvl;
    pill.textContent = lvl === "critical" ? "nearly empty" : lvl === "low" ? "low" : "healthy";
  }
  const rate = num(refill.ratePerMinute);
  setText("rate", rate === null ? dash : `${fmtInt(rate)} / min`);
  setText("reserved", fmtInt(reserved));
  const age = num(snapshot.ageMs);
  setText("snapshot-age", age === null ? "never synced with Keepa" : `synced with Keepa ${fmtAgo(age)}`);
  const nextIn = num(refill.nextRefillInMs);
  const toFull = num(refill.timeToFullMs);
  return {
    nextRefillAt: nextIn === null ? null : receivedAt + nextIn,
    fullAt: toFull === null ? null : receivedAt + toFull,
    syncedAgeAt: age === null ? null : receivedAt - age,
    rate,
  };
}

/** Re-renders the ticking parts of the gauge (called every second). */
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

export function gaugeMessage(text, kind) {
  byId("gauge-body").hidden = true;
  const msg = byId("gauge-msg");
  msg.hidden = false;
  msg.dataset.kind = kind ?? "";
  msg.textContent = text;
}

// ---------- Breaker ----------

export function renderBreaker(view, receivedAt) {
  const breaker = obj(view.breaker);
  const el = byId("breaker");
  if (breaker.open) {
    el.dataset.state = "open";
    setText("breaker-state", "Open — Keepa calls paused");
    const retry = num(breaker.retryInMs);
    return {
      until: retry === null ? null : receivedAt + retry,
      reason: typeof breaker.reason === "string" ? breaker.reason : null,
    };
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

export function tickBreaker(state, now) {
  if (!state) return;
  const reason = state.reason ? `${humanize(state.reason)}. ` : "";
  if (state.until === null) setText("breaker-detail", `${reason}Waiting for Keepa to report a positive balance.`);
  else if (state.until - now > 0) setText("breaker-detail", `${reason}Reopens in ${fmtCountdown(state.until - now)}.`);
  else setText("breaker-detail", `${reason}Reopening now…`);
}

// ---------- Reservations and budgets ----------

function groupTable(caption, firstLabel, groups) {
  const rows = Object.entries(obj(groups)).map(([name, g]) => ({ name, ...obj(g) }));
  return table(
    caption,
    [
      { label: firstLabel, cell: (r) => humanize(r.name) },
      { label: "Open", num: true, cell: (r) => fmtInt(r.count) },
      { label: "Reserved", num: true, cell: (r) => fmtInt(r.reserved) },
      { label: "Spent", num: true, cell: (r) => fmtInt(r.spent) },
      { label: "Remaining", num: true, cell: (r) => fmtInt(r.remaining) },
    ],
    rows,
    { showCaption: true },
  );
}

export function renderReservations(view) {
  const res = obj(view.reservations);
  const open = num(res.open) ?? list(res.list).length;
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
  const costs = Object.entries(obj(view.costs)).map(([action, c]) => ({ action, ...obj(c) }));
  fill(
    byId("budgets"),
    costs.length === 0
      ? muted("No budgets reported.")
      : table(
          "Action budgets",
          [
            { label: "Action", cell: (r) => humanize(r.action) },
            { label: "Class", cell: (r) => r.class ?? dash },
            { label: "Max tokens", num: true, cell: (r) => fmtInt(r.cost) },
          ],
          costs,
        ),
  );
}

// ---------- Requests ----------

export function renderRequests(data) {
  const rows = list(obj(data).requests);
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
        { label: "Action", cell: (r) => humanize(r.action ?? r.fn) },
        { label: "Status", cell: (r) => badge(String(r.status ?? dash), statusTone(r.status)) },
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

function jobTone(status) {
  switch (status) {
    case "completed":
    case "succeeded":
    case "success":
    case "done":
      return "ok";
    case "running":
    case "queued":
    case "pending":
      return "info";
    case "partial":
    case "cancelled":
    case "skipped":
      return "warn";
    case "failed":
    case "error":
      return "bad";
    default:
      return "";
  }
}

/** A job's pick as the jobs list sends it ({asin, title, tier, roiPercent, recommendation}); any field may be missing. */
function pickText(pick) {
  if (typeof pick === "string") return pick;
  const p = obj(pick);
  const name = p.title ?? p.asin ?? dash;
  const roi = num(p.roiPercent ?? p.roi);
  const facts = [
    roi === null ? null : fmtPercent(roi),
    typeof p.tier === "string" ? p.tier : null,
    typeof p.recommendation === "string" ? humanize(p.recommendation) : null,
  ];
  const shown = facts.filter((f) => f !== null);
  return shown.length === 0 ? String(name) : `${name} (${shown.join(", ")})`;
}

export function renderJobs(data) {
  const jobs = list(obj(data).jobs);
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
        { label: "Profile", cls: "reason", cell: (j) => j.profileName ?? j.profileId ?? dash },
        {
          label: "Status",
          cell: (j) =>
            h(
              "span",
              null,
              badge(humanize(j.status ?? "unknown"), jobTone(j.status)),
              j.statusReason ? h("span", { class: "muted small" }, ` ${humanize(j.statusReason)}`) : null,
            ),
        },
        { label: "Tokens", num: true, cell: (j) => `${fmtInt(j.tokensSpent)} / ${fmtInt(j.tokensReserved)}` },
        {
          label: "Picked",
          num: true,
          cell: (j) => `${fmtInt(j.selectedCount ?? list(j.picks).length)} of ${fmtInt(j.testedCount)}`,
        },
        {
          label: "Picks",
          cls: "picks",
          cell: (j) => {
            const picks = list(j.picks);
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

/** Money from the API's cents fields, or from dollar fields of older shapes. */
function moneyOf(p, centsKey, dollarKey) {
  if (num(p[centsKey]) !== null) return fmtCents(p[centsKey]);
  return fmtDollars(p[dollarKey]);
}

/** The landed sell price with what it rests on: its condition, its source, live or not. */
function sellCell(p) {
  const price = obj(p.sellPrice);
  if (num(price.cents) === null)
    return h("span", { title: `No landed ${humanize(p.sellCondition ?? "")} price` }, dash);
  const basis = `${humanize(price.condition)} · ${humanize(price.source)}${price.live ? " · live" : ""}`;
  return h("span", { title: basis }, fmtCents(price.cents), h("span", { class: "asin" }, basis));
}

/** Verified with live offers, or provisional (capped at BUY). */
function verifiedCell(p) {
  return p.verified ? badge("Verified", "ok") : badge("Provisional", "warn");
}

function productColumns() {
  return [
    { label: "#", num: true, cls: "rank", cell: (p) => String(p.rank) },
    {
      label: "Book",
      cls: "title",
      cell: (p) => h("span", null, p.title ?? "Untitled", h("span", { class: "asin" }, p.asin ?? "")),
    },
    { label: "Buy", num: true, cell: (p) => moneyOf(p, "buyPriceCents", "buyPrice") },
    { label: "Sell (landed)", num: true, cell: sellCell },
    { label: "Max buy", num: true, cell: (p) => moneyOf(p, "maxBuyCents", "maxBuy") },
    { label: "Profit", num: true, cell: (p) => moneyOf(p, "profitCents", "profit") },
    { label: "ROI", num: true, cell: (p) => fmtPercent(p.roiPercent ?? p.roi) },
    { label: "Velocity", num: true, cell: (p) => fmtDecimal(p.velocity) },
    { label: "BSR", num: true, cell: (p) => fmtInt(p.bsr) },
    { label: "Verdict", cell: (p) => badge(humanize(p.recommendation ?? dash), recommendationTone(p.recommendation)) },
    { label: "Data", cell: verifiedCell },
  ];
}

/** The `tokens` summary of a response; `cuts` say why a partial answer stopped. */
function tokensLine(tokens, cuts) {
  const t = obj(tokens);
  const parts = [
    h("span", null, "Reserved ", h("strong", null, fmtInt(t.reserved))),
    h("span", null, "spent ", h("strong", null, fmtInt(t.spent))),
    h("span", null, "released ", h("strong", null, fmtInt(t.released))),
  ];
  if (num(t.balance) !== null)
    parts.push(
      h(
        "span",
        { title: "Tokens interactive actions may still spend (the reserve floor excluded)" },
        "spendable after ",
        h("strong", null, fmtInt(t.balance)),
      ),
    );
  const hits = obj(t.cacheHits);
  if (num(hits.products) || num(hits.discovery))
    parts.push(
      h("span", null, `cache hits: ${fmtInt(hits.discovery ?? 0)} search, ${fmtInt(hits.products ?? 0)} products`),
    );
  if (t.partial) {
    parts.push(badge(partialText(cuts), "warn"));
    const detail = partialDetail(cuts);
    if (detail) parts.push(h("span", { class: "muted small partial-detail" }, detail));
  }
  return parts;
}

export function renderProducts(data) {
  const d = obj(data);
  const products = list(d.products).map((p, i) => ({ ...obj(p), rank: i + 1 }));
  const summary = h(
    "p",
    { class: "summary" },
    h(
      "span",
      null,
      h("strong", null, `${fmtInt(products.length)} ${products.length === 1 ? "book" : "books"}`),
      num(d.scored) !== null ? ` (${fmtInt(d.scored)} scored, ${fmtInt(d.filteredOut ?? 0)} filtered out)` : "",
    ),
    ...tokensLine(d.tokens, d.cuts),
  );
  if (products.length === 0) return [summary, muted("No book matched these filters.")];
  return [
    summary,
    table("Search results", productColumns(), products, {
      stack: true,
      rowAttrs: (p) => ({ "data-asin": p.asin ?? null }),
    }),
  ];
}

export function renderNiches(data) {
  const d = obj(data);
  const niches = list(d.niches);
  const summary = h(
    "p",
    { class: "summary" },
    h("span", null, h("strong", null, `${fmtInt(niches.length)} ${niches.length === 1 ? "niche" : "niches"}`)),
    ...tokensLine(d.tokens, d.cuts),
  );
  const cards = niches.map((n) => {
    const niche = obj(n);
    const products = list(niche.topProducts ?? niche.products).map(obj);
    return h(
      "article",
      { class: "niche", "aria-label": niche.name ?? "Niche" },
      h("h3", null, niche.icon ? `${niche.icon} ` : "", niche.name ?? "Niche"),
      niche.description ? h("p", { class: "small muted" }, niche.description) : null,
      h(
        "p",
        { class: "summary" },
        h("span", null, "avg ROI ", h("strong", null, fmtPercent(niche.avgRoi))),
        h("span", null, "avg velocity ", h("strong", null, fmtDecimal(niche.avgVelocity))),
        num(niche.productsFound) !== null
          ? h("span", null, h("strong", null, fmtInt(niche.productsFound)), ` of ${fmtInt(niche.productsScored)} pass`)
          : null,
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
                `${p.title ?? p.asin ?? "Untitled"} — `,
                h("strong", null, fmtPercent(p.roiPercent ?? p.roi)),
                ` ROI, ${moneyOf(p, "profitCents", "profit")} profit`,
              ),
            ),
          ),
    );
  });
  const skipped = list(d.skipped).map(obj);
  const out = [summary];
  out.push(
    cards.length ? h("div", { class: "niches" }, cards) : muted("No niche had a product worth showing this time."),
  );
  if (skipped.length)
    out.push(
      h(
        "p",
        { class: "small muted" },
        `Skipped: ${skipped.map((s) => `${s.name ?? s.id} (${s.reason ?? "no reason given"})`).join("; ")}`,
      ),
    );
  return out;
}
