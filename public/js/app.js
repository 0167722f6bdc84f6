// @ts-check
// The token dashboard: asks for the API key once (kept in sessionStorage), polls the 0-token read endpoints every
// few seconds, ticks the countdowns every second, and runs discover_with_scoring / Surprise me on demand.
import { api, auth, fieldErrors, loadKey, problemText, saveKey, settle } from "./api.js";
import { byId, fill, h, muted, setText } from "./dom.js";
import { fmtClock, fmtCountdown, maskKey, num } from "./format.js";
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
/** Pages of categories read at most (the list is short; a cursor walk never loops forever). */
const CATEGORY_PAGES = 10;

/** @typedef {import("./views.js").TokenStatus} TokenStatus */
/** @typedef {import("./views.js").ScoredDiscovery} ScoredDiscovery */
/** @typedef {import("./views.js").NicheDiscovery} NicheDiscovery */
/** @typedef {import("./api.js").Refused | import("./api.js").Unreached} Failure */
/** @typedef {keyof TokenStatus["costs"]} ActionName */
/**
 * @typedef {NonNullable<NonNullable<import("./api-types").paths["/api/v1/products/discover_with_scoring"]["post"]["requestBody"]>["content"]["application/json"]>} SearchBody
 */
/** @typedef {{ at: number, available: number }} Sample */

/** The seller's views (review, buy list, verify, analyze): their own requests, on the same key. */
const seller = createSeller({
  key: () => state.key,
  onUnauthorized: (outcome) => unauthorized(outcome),
  afterSpend: () => schedulePoll(FOLLOW_UP_MS),
});

/**
 * @type {{ key: string, pollTimer: number | null, polling: boolean, pollAgain: boolean, followUp: boolean,
 *   gaugeClock: import("./views.js").GaugeClock | null, breaker: import("./views.js").BreakerClock | null,
 *   capacity: number | null, history: Sample[], historyAvailable: boolean, samples: Sample[],
 *   available: number | null, retryAt: number | null, busy: boolean, categoriesLoaded: boolean,
 *   costs: Partial<TokenStatus["costs"]> }}
 */
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

/** @param {string} [message] */
function showKeyForm(message) {
  byId("key-panel").hidden = false;
  byId("main").hidden = true;
  byId("session").hidden = true;
  const error = byId("key-error");
  error.hidden = !message;
  error.textContent = message ?? "";
  const input = /** @type {HTMLInputElement} */ (byId("api-key"));
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

/** @param {string} [message] */
function forgetKey(message) {
  stopPolling();
  setText("updated", "Not loaded yet.");
  state.key = "";
  saveKey("");
  showKeyForm(message);
}

/**
 * Every endpoint shares this: a 401 means the key is wrong or revoked, so ask for it again.
 * @param {Failure} outcome
 */
function unauthorized(outcome) {
  forgetKey(`The API refused this key (401): ${problemText(outcome)} Enter it again.`);
}

// ---------- Banner and connection ----------

/**
 * @param {string} text
 * @param {string} [kind]
 */
function banner(text, kind) {
  const el = byId("banner");
  el.hidden = !text;
  el.textContent = text ?? "";
  el.dataset.kind = kind ?? "";
}

/**
 * @param {string} stateName
 * @param {string} text
 */
function connection(stateName, text) {
  byId("conn").dataset.state = stateName;
  setText("conn-text", text);
}

// ---------- Polling ----------

function stopPolling() {
  if (state.pollTimer !== null) window.clearTimeout(state.pollTimer);
  state.pollTimer = null;
}

/** @param {number} [delay] */
function schedulePoll(delay = POLL_MS) {
  stopPolling();
  state.pollTimer = window.setTimeout(() => void poll(), delay);
}

/** The request headers of the page's key. */
const headers = () => auth(state.key);

/** @returns {Promise<"ok" | "network" | "problem" | "unauthorized">} */
async function loadTokens() {
  const outcome = await settle(() => api.GET("/api/v1/tokens", { headers: headers() }));
  if (outcome.kind === "unauthorized") {
    unauthorized(outcome);
    return "unauthorized";
  }
  if (outcome.kind === "ok") {
    const view = outcome.data;
    state.gaugeClock = renderGauge(view, outcome.receivedAt);
    state.breaker = renderBreaker(view, outcome.receivedAt);
    tick();
    renderReservations(view);
    state.costs = view.costs;
    state.capacity = view.balance.capacity;
    const available = view.balance.available;
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
  const outcome = await settle(() => api.GET("/api/v1/tokens/requests", { headers: headers() }));
  if (outcome.kind === "unauthorized") return unauthorized(outcome);
  if (outcome.kind === "ok") renderRequests(outcome.data);
  else if (outcome.kind === "missing") panelMessage("requests", NOT_DEPLOYED);
  else if (outcome.kind !== "network")
    panelMessage("requests", `Could not load the requests (${outcome.status}): ${problemText(outcome)}`, "error");
}

async function loadHistory() {
  // An hour of samples fits one page (at most one a minute is kept, and a page holds 1,000).
  const query = { minutes: 60, limit: 1000 };
  const outcome = await settle(() => api.GET("/api/v1/tokens/history", { headers: headers(), params: { query } }));
  if (outcome.kind === "unauthorized") return unauthorized(outcome);
  if (outcome.kind === "ok") {
    state.historyAvailable = true;
    state.history = outcome.data.items.map((p) => ({ at: Date.parse(p.at), available: p.available }));
    renderSparkline();
  } else if (outcome.kind === "missing") {
    state.historyAvailable = false;
    state.history = [];
    renderSparkline();
  }
}

async function loadJobs() {
  const outcome = await settle(() => api.GET("/api/v1/autosourcing/jobs", { headers: headers() }));
  if (outcome.kind === "unauthorized") return unauthorized(outcome);
  if (outcome.kind === "ok") renderJobs(outcome.data);
  else if (outcome.kind === "missing") panelMessage("jobs", NOT_DEPLOYED);
  else if (outcome.kind !== "network")
    panelMessage("jobs", `Could not load the jobs (${outcome.status}): ${problemText(outcome)}`, "error");
}

async function loadCategories() {
  if (state.categoriesLoaded) return;
  const select = byId("category");
  /** @type {string | null} */
  let cursor = null;
  for (let page = 0; page < CATEGORY_PAGES; page++) {
    /** @type {{ limit: number, cursor?: string }} */
    const query = { limit: 100, ...(cursor === null ? {} : { cursor }) };
    const outcome = await settle(() =>
      api.GET("/api/v1/products/categories", { headers: headers(), params: { query } }),
    );
    if (outcome.kind !== "ok") return;
    for (const c of outcome.data.items) {
      select.appendChild(h("option", { value: c.key }, c.root ? `${c.name} (all books)` : c.name));
    }
    cursor = outcome.data.nextCursor;
    if (cursor === null) break;
  }
  state.categoriesLoaded = true;
}

/** The server's samples plus the ones this tab saw since (so the line reaches "now" between history refreshes). */
function renderSparkline() {
  const now = Date.now();
  const lastServer = state.history.at(-1)?.at ?? -Infinity;
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

/**
 * The search form as the request body (the form's names are the body's).
 * @returns {SearchBody}
 */
function formBody() {
  const form = new FormData(/** @type {HTMLFormElement} */ (byId("search-form")));
  /** @param {string} name */
  const text = (name) => String(form.get(name) ?? "").trim();
  /** @param {string} name */
  const number = (name) => (text(name) === "" ? {} : { [name]: Number(text(name)) });
  /** @param {string} name */
  const integer = (name) => (text(name) === "" ? {} : { [name]: Math.trunc(Number(text(name))) });
  return {
    ...(text("category") ? { category: text("category") } : {}),
    strategy: /** @type {SearchBody["strategy"]} */ (text("strategy") || "smart_velocity"),
    ...integer("bsrMin"),
    ...integer("bsrMax"),
    ...integer("maxResults"),
    ...number("priceMin"),
    ...number("priceMax"),
    ...number("minRoi"),
  };
}

/**
 * @param {boolean} busy
 * @param {string} [label]
 */
function setBusy(busy, label) {
  state.busy = busy;
  /** @type {HTMLButtonElement} */ (byId("search-btn")).disabled = busy;
  /** @type {HTMLButtonElement} */ (byId("surprise-btn")).disabled = busy;
  const results = byId("results");
  results.setAttribute("aria-busy", busy ? "true" : "false");
  if (busy) {
    fill(results, h("p", { class: "muted" }, h("span", { class: "spinner", "aria-hidden": "true" }), label));
    setText("results-status", label ?? "");
  }
}

/**
 * @param {string} text
 * @param {string} kind
 * @param {number | null} retrySeconds
 * @param {number} receivedAt
 * @param {string | null} [note]
 */
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

/** @param {ActionName} action */
function budgetNote(action) {
  const cost = state.costs[action]?.cost;
  return cost === undefined ? "" : ` (may reserve up to ${cost} tokens)`;
}

/**
 * Why the sentence's "available" can be below the gauge's: the ledger keeps a floor back for other work.
 * @param {import("./api.js").Refused} outcome
 */
function floorNote(outcome) {
  const balance = num(outcome.headers.get("x-token-balance"));
  const reason = outcome.data.reason;
  if (balance === null || state.available === null || state.available <= balance) return null;
  if (reason !== "insufficient" && reason !== "class_floor") return null;
  return "“Available” is what this action may spend now: the ledger keeps a reserve back so no action can starve the others, which is why the gauge can show more.";
}

/**
 * A short sentence for screen readers instead of the whole results table.
 * @param {ScoredDiscovery | NicheDiscovery} data
 */
function announce(data) {
  const count = "products" in data ? `${data.products.length} books found` : `${data.niches.length} niches found`;
  return `${count}; ${data.tokens.spent} tokens spent.`;
}

/**
 * One place for the outcomes both buttons share; `render` turns a 200 body into result nodes.
 * @template {ScoredDiscovery | NicheDiscovery} T
 * @param {string} label
 * @param {() => Promise<{ data?: T, error?: unknown, response: Response }>} request
 * @param {(data: T) => import("./dom.js").Child} render
 */
async function run(label, request, render) {
  if (state.busy) return;
  clearRefusal();
  const previous = [...byId("results").childNodes];
  setBusy(true, label);
  const outcome = await settle(request);
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
      // The sentence is the server's own `detail`: it names the numbers of X-Token-Balance / -Required and the wait.
      const retry = outcome.data.retryAfterSeconds ?? num(outcome.headers.get("retry-after"));
      showRefusal(
        problemText(outcome),
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
    const key = /** @type {HTMLInputElement} */ (byId("api-key")).value.trim();
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
    const body = formBody();
    void run(
      `Searching Keepa and scoring…${budgetNote("manual_search")}`,
      () => api.POST("/api/v1/products/discover_with_scoring", { headers: headers(), body }),
      renderProducts,
    );
  });
  byId("surprise-btn").addEventListener("click", () => {
    const count = Number(/** @type {HTMLSelectElement} */ (byId("niche-count")).value) || 3;
    const strategy = /** @type {SearchBody["strategy"]} */ (/** @type {HTMLSelectElement} */ (byId("strategy")).value);
    const body = strategy && strategy !== "smart_velocity" ? { count, strategy } : { count };
    void run(
      `Picking ${count} niches…${budgetNote("surprise_me")}`,
      () => api.POST("/api/v1/niches/discover", { headers: headers(), body }),
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
