// @ts-check
// An inline SVG sparkline of the available balance over a time window (x = time, y = 0 … capacity).
import { fmtInt } from "./format.js";

const SVG = "http://www.w3.org/2000/svg";
const W = 600;
const H = 72;
const PAD = 3;

/**
 * @param {string} tag
 * @param {Record<string, string | number>} attrs
 */
function svg(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  return el;
}

/**
 * @param {{ at: number, available: number }[]} points oldest first
 * @param {{ from: number, to: number, capacity: number | null }} frame
 * @returns {Element} an <svg role="img"> with a text alternative and a line of figures, or a placeholder while there
 *   is too little data
 */
export function sparkline(points, frame) {
  const inWindow = points.filter((p) => p.at >= frame.from && p.at <= frame.to);
  const first = inWindow[0];
  const final = inWindow[inWindow.length - 1];
  if (first === undefined || final === undefined || inWindow.length < 2) {
    const empty = document.createElement("div");
    empty.className = "spark-empty muted small";
    empty.textContent =
      first === undefined
        ? "No samples in the last hour yet."
        : `One sample so far: ${fmtInt(first.available)} tokens.`;
    return empty;
  }
  const values = inWindow.map((p) => p.available);
  const top = Math.max(frame.capacity ?? 0, ...values, 1);
  /** @param {number} t */
  const x = (t) => PAD + ((t - frame.from) / Math.max(1, frame.to - frame.from)) * (W - 2 * PAD);
  /** @param {number} v */
  const y = (v) => H - PAD - (Math.max(0, v) / top) * (H - 2 * PAD);
  // A step line: the balance holds between samples and moves at them.
  let d = `M${x(first.at).toFixed(1)},${y(first.available).toFixed(1)}`;
  for (const point of inWindow.slice(1)) d += ` H${x(point.at).toFixed(1)} V${y(point.available).toFixed(1)}`;
  const lastX = x(final.at);
  const area = `${d} V${H - PAD} H${x(first.at).toFixed(1)} Z`;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const last = final.available;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none", role: "img" });
  root.setAttribute(
    "aria-label",
    `Available tokens over the last hour: ${inWindow.length} samples, lowest ${fmtInt(min)}, highest ${fmtInt(max)}, latest ${fmtInt(last)}.`,
  );
  if (frame.capacity)
    root.appendChild(
      svg("line", {
        x1: 0,
        x2: W,
        y1: y(frame.capacity),
        y2: y(frame.capacity),
        stroke: "#cbd5e1",
        "stroke-dasharray": "4 4",
        "stroke-width": 1,
        "vector-effect": "non-scaling-stroke",
      }),
    );
  root.appendChild(svg("path", { d: area, fill: "rgb(34 197 94 / 14%)", stroke: "none" }));
  root.appendChild(
    svg("path", {
      d,
      fill: "none",
      stroke: "#16a34a",
      "stroke-width": 2,
      "vector-effect": "non-scaling-stroke",
      "stroke-linejoin": "round",
    }),
  );
  root.appendChild(svg("circle", { cx: lastX, cy: y(last), r: 3.5, fill: "#15803d" }));
  const figures = document.createElement("p");
  figures.className = "spark-figures small muted";
  figures.setAttribute("aria-hidden", "true"); // the svg's label says the same
  figures.textContent = `low ${fmtInt(min)} · high ${fmtInt(max)} · now ${fmtInt(last)}`;
  const box = document.createElement("div");
  box.append(root, figures);
  return box;
}
