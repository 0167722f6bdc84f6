// The token dashboard: asks for the API key once (kept in sessionStorage), polls the 0-token read endpoints every
// few seconds, ticks the countdowns every second, and runs discover_with_scoring / Surprise me on demand.
import { call, fieldErrors, loadKey, problemText, saveKey } from "./api.js";
import { byId, fill, h, muted, setText } from "./dom.js";
import { fmtClock, fmtCountdown, maskKey, num, refusalSentence } from "./format.js";
import { createSeller } from "./seller.js";
import { sparkline } from "./sparkline.js";
import {
  gaugeMessage,
  panelMessage,
  renderBreaker,
  renderGauge,
  renderJobs,
  renderNiches,
  renderProducts,
  renderReservations,
  renderRequests,
  tickBreaker,
  tickGauge,
} from "./views.js";

const POLL_MS = 5000;
/** After a search: poll at once, and again shortly (the request list is written just after the response). */
const FOLLOW_UP_MS = 1200;
const HOUR_MS = 3_600_000;
const NOT_DEPLOYED = "Not available on this deployment yet.";

/** The seller's views (review, buy list, verify, analyze): their own requests, on the same key. */
const seller = createSeller({
  key: () => state.key,
  onUnauthorized: (outcome) => unauthorized(outcome),
  afterSpend: () => schedulePoll(FOLLOW_UP_MS),
});

const state = {
  key: loadKey(),
  pollTimer: null,
  polling: false,
  pollAgain: false,
  followUp: false,
  gaugeClock: null,
  breaker: null,
  capacity: null,
  history: [],
  historyAvailable: true,
  samples: [],
  available: null,
  retryAt: null,
  busy: false,
  categoriesLoaded: false,
  costs: {},
};

// ---------- Key ----------

function showKeyForm(message) {
  byId("key-panel").hidden = false;
  byId("main").hidden = true;
  byId("session").hidden = true;
  const error = byId("key-error");
  error.hidden = !message;
  error.textContent = message ?? "";
  const input = byId("api-key");
  input.setAttribute("aria-invalid", message ? "true" : "false");
  input.value = "";
  input.focus();
}

function showDashboard() {
  byId("key-panel").hidden = true;
  byId("main").hidden = false;
  byId("session").hidden = false;
  setText("key-chip", `key ${maskKey(state.key)}`);
  void seller.load();
}

function forgetKey(message) {
  stopPolling();
  setText("updated", "Not loaded yet.");
  state.key = "";
  saveKey("");
  showKeyForm(message);
}

/** Every endpoint shares this: a 401 means the key is wrong or revoked, so ask for it again. */
function unauthorized(outcome) {
  forgetKey(`The API refused this key (401): ${problemText(outcome)} Enter it again.`);
}

// ---------- Banner and connection ----------

function banner(text, kind) {
  const el = byId("banner");
  el.hidden = !text;
  el.textContent = text ?? "";
  el.dataset.kind = kind ?? "";
}

function connection(stateName, text) {
  byId("conn").dataset.state = stateName;
  setText("conn-text", text);
}

// ---------- Polling ----------

function stopPolling() {
  if (state.pollTimer !== null) window.clearTimeout(state.pollTimer);
  state.pollTimer = null;
}

function schedulePoll(delay = POLL_MS) {
  stopPolling();
  state.pollTimer = window.setTimeout(() => void poll(), delay);
}

async function loadTokens() {
  const outcome = await call(state.key, "GET", "/api/v1/tokens");
  if (outcome.kind === "unauthorized") return unauthorized(outcome);
  if (outcome.kind === "ok" && outcome.data) {
    const view = outcome.data;
    state.gaugeClock = renderGauge(view, outcome.receivedAt);
    state.breaker = renderBreaker(view, outcome.receivedAt);
    tick();
    renderReservations(view);
    state.costs = view.costs && typeof view.costs === "object" ? view.costs : {};
    state.capacity = num(view.balance?.capacity);
    const available = num(view.balance?.available);
    state.available = available;
    if (available !== null) {
      state.samples.push({ at: outcome.receivedAt, available });
      state.samples = state.samples.filter((s) => s.at >= outcome.receivedAt - HOUR_MS);
      renderSparkline();
    }
    banner("");
    connection("ok", "Live");
    setText("updated", `Updated ${fmtClock(new Date(outcome.receivedAt).toISOString())}.`);
    return "ok";
  }
  if (outcome.kind === "network") {
    connection("error", "Offline");
    banner(
      `Cannot reach the API (${outcome.error}). Showing the last data received; retrying every ${POLL_MS / 1000} s.`,
      "error",
    );
    return "network";
  }
  connection("stale", "Degraded");
  if (outcome.kind === "missing") gaugeMessage(`The token endpoint is ${NOT_DEPLOYED.toLowerCase()}`);
  else if (outcome.kind === "forbidden")
    gaugeMessage(`This key may not read the token budget: ${problemText(outcome)}`, "error");
  else gaugeMessage(`The token budget could not be read (${outcome.status}): ${problemText(outcome)}`, "error");
  return "problem";
}

async function loadRequests() {
  const outcome = await call(state.key, "GET", "/api/v1/tokens/requests");
  if (outcome.kind === "unauthorized") return unauthorized(outcome);
  if (outcome.kind === "ok") renderRequests(outcome.data);
  else if (outcome.kind === "missing") panelMessage("requests", NOT_DEPLOYED);
  else if (outcome.kind !== "network")
    panelMessage("requests", `Could not load the requests (${outcome.status}): ${problemText(outcome)}`, "error");
}

async function loadHistory() {
  const outcome = await call(state.key, "GET", "/api/v1/tokens/history?minutes=60");
  if (outcome.kind === "unauthorized") return unauthorized(outcome);
  if (outcome.kind === "ok") {
    state.historyAvailable = true;
    const points = Array.isArray(outcome.data?.points) ? outcome.data.points : [];
    state.history = points
      .map((p) => ({ at: Date.parse(p?.at), available: num(p?.available) }))
      .filter((p) => !Number.isNaN(p.at) && p.available !== null);
    renderSparkline();
  } else if (outcome.kind === "missing") {
    state.historyAvailable = false;
    state.history = [];
    renderSparkline();
  }
}

async function loadJobs() {
  const outcome = await call(state.key, "GET", "/api/v1/autosourcing/jobs");
  if (outcome.kind === "unauthorized") return unauthorized(outcome);
  if (outcome.kind === "ok") renderJobs(outcome.data);
  else if (outcome.kind === "missing") panelMessage("jobs", NOT_DEPLOYED);
  else if (outcome.kind !== "network")
    panelMessage("jobs", `Could not load the jobs (${outcome.status}): ${problemText(outcome)}`, "error");
}

async function loadCategories() {
  if (state.categoriesLoaded) return;
  const outcome = await call(state.key, "GET", "/api/v1/products/categories");
  if (outcome.kind !== "ok") return;
  const categories = Array.isArray(outcome.data?.categories) ? outcome.data.categories : [];
  const select = byId("category");
  for (const c of categories) {
    if (!c || (c.key === undefined && c.id === undefined)) continue;
    select.appendChild(
      h("option", { value: String(c.key ?? c.id) }, c.root ? `${c.name} (all books)` : String(c.name ?? c.key)),
    );
  }
  state.categoriesLoaded = true;
}

/** The server's samples plus the ones this tab saw since (so the line reaches "now" between history refreshes). */
function renderSparkline() {
  const now = Date.now();
  const lastServer = state.history.length ? state.history[state.history.length - 1].at : -Infinity;
  const points = [...state.history, ...state.samples.filter((s) => s.at > lastServer)];
  const el = sparkline(points, { from: now - HOUR_MS, to: now, capacity: state.capacity });
  fill(
    byId("sparkline"),
    el,
    state.historyAvailable
      ? null
      : muted("History endpoint not available on this deployment; showing this tab's samples."),
  );
}

async function poll() {
  if (!state.key) return;
  if (state.polling) {
    state.pollAgain = true; // a search just finished: its effects must not wait for the next cycle
    return;
  }
  state.polling = true;
  state.pollAgain = false;
  try {
    const tokens = await loadTokens();
    if (!state.key) return;
    await Promise.all([loadRequests(), loadHistory(), loadJobs(), tokens === "ok" ? loadCategories() : null]);
    if (!state.key) return;
    tick();
  } finally {
    state.polling = false;
    let delay = POLL_MS;
    if (state.pollAgain) delay = 0;
    else if (state.followUp) {
      delay = FOLLOW_UP_MS;
      state.followUp = false;
    }
    if (state.key && document.visibilityState !== "hidden") schedulePoll(delay);
  }
}

// ---------- Countdowns ----------

function tick() {
  const now = Date.now();
  tickGauge(state.gaugeClock, now);
  tickBreaker(state.breaker, now);
  if (state.retryAt !== null) {
    const left = state.retryAt - now;
    setText("search-error-wait", left > 0 ? `You can retry in ${fmtCountdown(left)}.` : "You can retry now.");
    if (left <= 0) state.retryAt = null;
  }
}

// ---------- Search and Surprise me ----------

function formBody() {
  const form = new FormData(byId("search-form"));
  const body = {};
  const text = (name) => String(form.get(name) ?? "").trim();
  if (text("category")) body.category = text("category");
  body.strategy = text("strategy") || "smart_velocity";
  for (const name of ["bsr_min", "bsr_max", "max_results"]) if (text(name)) body[name] = Math.trunc(Number(text(name)));
  for (const name of ["price_min", "price_max", "min_roi"]) if (text(name)) body[name] = Number(text(name));
  return body;
}

function setBusy(busy, label) {
  state.busy = busy;
  byId("search-btn").disabled = busy;
  byId("surprise-btn").disabled = busy;
  const results = byId("results");
  results.setAttribute("aria-busy", busy ? "true" : "false");
  if (busy) {
    fill(results, h("p", { class: "muted" }, h("span", { class: "spinner", "aria-hidden": "true" }), label));
    setText("results-status", label);
  }
}

function showRefusal(text, kind, retrySeconds, receivedAt, note) {
  const box = byId("search-error");
  box.hidden = false;
  box.dataset.kind = kind ?? "";
  setText("search-error-text", text);
  const noteEl = byId("search-error-note");
  noteEl.hidden = !note;
  noteEl.textContent = note ?? "";
  state.retryAt = retrySeconds === null ? null : receivedAt + retrySeconds * 1000;
  setText("search-error-wait", "");
  tick();
}

function clearRefusal() {
  byId("search-error").hidden = true;
  state.retryAt = null;
}

function budgetNote(action) {
  const cost = num(state.costs?.[action]?.cost);
  return cost === null ? "" : ` (may reserve up to ${cost} tokens)`;
}

/** Why the sentence's "available" can be below the gauge's: the ledger keeps a floor back for other work. */
function floorNote(outcome) {
  const balance = num(outcome.data?.balance) ?? num(outcome.headers?.get("x-token-balance"));
  const reason = outcome.data?.reason;
  if (balance === null || state.available === null || state.available <= balance) return null;
  if (reason !== "insufficient" && reason !== "class_floor") return null;
  return "“Available” is what this action may spend now: the ledger keeps a reserve back so no action can starve the others, which is why the gauge can show more.";
}

/** A short sentence for screen readers instead of the whole results table. */
function announce(data) {
  const count = Array.isArray(data?.products)
    ? `${data.products.length} books found`
    : Array.isArray(data?.niches)
      ? `${data.niches.length} niches found`
      : "Done";
  const spent = num(data?.tokens?.spent);
  return spent === null ? `${count}.` : `${count}; ${spent} tokens spent.`;
}

/** One place for the outcomes both buttons share; `render` turns a 200 body into result nodes. */
async function run(label, method, path, body, render) {
  if (state.busy) return;
  clearRefusal();
  const previous = [...byId("results").childNodes];
  setBusy(true, label);
  const outcome = await call(state.key, method, path, body);
  setBusy(false);
  const results = byId("results");
  if (outcome.kind === "ok") {
    fill(results, render(outcome.data));
    setText("results-status", announce(outcome.data));
  } else {
    setText("results-status", ""); // the refusal box is role="alert" and speaks for itself
    // The last results stay (they are still true), marked as such under the refusal.
    const hadResults = previous.some(
      (node) =>
        node instanceof window.HTMLElement && !node.classList.contains("muted") && !node.classList.contains("earlier"),
    );
    fill(
      results,
      hadResults ? h("p", { class: "earlier muted small" }, "Earlier results:") : null,
      previous.filter((node) => !(node instanceof window.HTMLElement && node.classList.contains("earlier"))),
    );
    if (outcome.kind === "unauthorized") unauthorized(outcome);
    else if (outcome.kind === "network")
      showRefusal(`Could not reach the API: ${outcome.error}. Nothing was spent.`, "error", null, outcome.receivedAt);
    else if (outcome.kind === "missing")
      showRefusal(`This action is ${NOT_DEPLOYED.toLowerCase()} (404)`, "error", null, outcome.receivedAt);
    else if (outcome.status === 400) {
      const fields = fieldErrors(outcome);
      showRefusal(
        fields.length ? `Check the form — ${fields.join("; ")}` : problemText(outcome),
        "error",
        null,
        outcome.receivedAt,
      );
    } else if (outcome.status === 429 || outcome.status === 503 || outcome.status === 422) {
      const retry = num(outcome.data?.retryAfterSeconds) ?? num(outcome.headers?.get("retry-after"));
      showRefusal(
        refusalSentence(outcome.data, outcome.headers),
        outcome.status === 422 ? "error" : "",
        retry,
        outcome.receivedAt,
        floorNote(outcome),
      );
    } else {
      showRefusal(`The request failed (${outcome.status}): ${problemText(outcome)}`, "error", null, outcome.receivedAt);
    }
  }
  state.followUp = true;
  if (state.key) void poll();
}

// ---------- Wiring ----------

function start() {
  byId("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = byId("api-key").value.trim();
    if (!key) {
      showKeyForm("Enter an API key.");
      return;
    }
    state.key = key;
    saveKey(key);
    showDashboard();
    connection("idle", "Connecting…");
    void poll();
  });
  byId("change-key").addEventListener("click", () => forgetKey());
  seller.wire();
  byId("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void run(
      `Searching Keepa and scoring…${budgetNote("manual_search")}`,
      "POST",
      "/api/v1/products/discover_with_scoring",
      formBody(),
      renderProducts,
    );
  });
  byId("surprise-btn").addEventListener("click", () => {
    const count = Number(byId("niche-count").value) || 3;
    const strategy = byId("strategy").value;
    const body = strategy && strategy !== "smart_velocity" ? { count, strategy } : { count };
    void run(
      `Picking ${count} niches…${budgetNote("surprise_me")}`,
      "POST",
      "/api/v1/niches/discover",
      body,
      renderNiches,
    );
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && state.key) void poll();
  });
  setInterval(tick, 1000);
  if (state.key) {
    showDashboard();
    void poll();
  } else {
    showKeyForm();
  }
}

start();
