// @ts-check
// Tiny DOM helpers. Text always goes through textContent: product titles and API messages are data, never markup.

/** @typedef {Node | string | number | null | undefined | false} Leaf */
/** @typedef {Leaf | readonly (Leaf | readonly Leaf[])[]} Child a node, text, nothing, or a list of them */
/** @typedef {Record<string, string | number | boolean | null | undefined>} Attrs */

/**
 * h("td", { class: "num" }, "12") — attributes (`class`, `data-*`, aria-*, anything setAttribute takes) and children
 * (strings, numbers, nodes; null/false skipped).
 * @param {string} tag
 * @param {Attrs | null} attrs
 * @param {...Child} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

/**
 * @param {Element} el
 * @param {readonly Child[]} children
 */
function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false || child === "") continue;
    if (child instanceof window.Node) el.appendChild(child);
    else if (typeof child === "object") append(el, child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * The element with this id, of the type the caller names (the page's markup is fixed, so a miss is a bug).
 * @template {HTMLElement} [E=HTMLElement]
 * @param {string} id
 * @returns {E}
 */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return /** @type {E} */ (el);
}

/**
 * @param {string} id
 * @param {string} text
 */
export function setText(id, text) {
  byId(id).textContent = text;
}

/**
 * Replaces an element's children.
 * @param {Element} el
 * @param {...Child} children
 */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** @param {string} text */
export function muted(text) {
  return h("p", { class: "muted small" }, text);
}

/**
 * @template R
 * @typedef {{ label: string, num?: boolean, cls?: string, cell: (row: R) => Child }} Column
 */

/**
 * A scrollable, labelled table.
 * @template R
 * @param {string} caption
 * @param {Column<R>[]} columns
 * @param {R[]} rows
 * @param {{ stack?: boolean, showCaption?: boolean, rowAttrs?: (row: R) => Attrs }} [options]
 */
export function table(caption, columns, rows, options = {}) {
  const head = h(
    "tr",
    { role: "row" },
    columns.map((c) => h("th", { scope: "col", role: "columnheader", class: c.num ? "num" : null }, c.label)),
  );
  const body = rows.map((row) =>
    h(
      "tr",
      { role: "row", ...(options.rowAttrs ? options.rowAttrs(row) : {}) },
      columns.map((c) => {
        const cls = [c.num ? "num" : "", c.cls ?? ""].join(" ").trim() || null;
        return h("td", { role: "cell", class: cls, "data-label": c.label }, c.cell(row));
      }),
    ),
  );
  const captionEl = h("caption", { class: options.showCaption ? null : "sr-only" }, caption);
  // Explicit roles: on a phone, `stack` tables are restyled as one card per row, which must not cost their semantics.
  const tableEl = h(
    "table",
    { role: "table", "aria-label": caption },
    captionEl,
    h("thead", { role: "rowgroup" }, head),
    h("tbody", { role: "rowgroup" }, body),
  );
  return h(
    "div",
    { class: options.stack ? "table-wrap stack" : "table-wrap", role: "region", "aria-label": caption, tabindex: "0" },
    tableEl,
  );
}

/**
 * @param {string} text
 * @param {string} [tone]
 */
export function badge(text, tone) {
  return h("span", { class: "badge", "data-tone": tone || null }, text);
}
