// Bar charts as inline SVG: a few lines each, read at a glance, no library.
import { esc } from "./dom.js";

/** Horizontal stacked bars, one per row: [{label, parts:[{value, color, name}]}]. */
export function hbars(rows, { width = 560, barHeight = 18, gap = 8, labelWidth = 150 } = {}) {
  const max = Math.max(1, ...rows.map((r) => r.parts.reduce((s, p) => s + p.value, 0)));
  const inner = width - labelWidth - 40;
  const height = rows.length * (barHeight + gap) + gap;
  const bars = rows
    .map((r, i) => {
      const y = gap + i * (barHeight + gap);
      let x = labelWidth;
      const segs = r.parts
        .filter((p) => p.value > 0)
        .map((p) => {
          const w = (p.value / max) * inner;
          const seg = `<rect x="${x}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${p.color}"><title>${esc(r.label)} ${esc(p.name)}：${p.value}</title></rect>`;
          x += w;
          return seg;
        })
        .join("");
      const total = r.parts.reduce((s, p) => s + p.value, 0);
      return `<text x="${labelWidth - 6}" y="${y + barHeight - 4}" text-anchor="end" class="axis">${esc(r.label)}</text>${segs}<text x="${x + 4}" y="${y + barHeight - 4}" class="axis">${total}</text>`;
    })
    .join("");
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img">${bars}</svg>`;
}

/** Vertical stacked bars over categories (weeks): series [{name, color, values[]}]. */
export function vbars(categories, series, { width = 560, height = 220, pad = 28 } = {}) {
  const totals = categories.map((_, i) => series.reduce((s, x) => s + x.values[i], 0));
  const max = Math.max(1, ...totals);
  const slot = (width - pad * 2) / categories.length;
  const barW = slot * 0.6;
  const plotH = height - pad * 2;
  let out = `<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" class="gridline"/>`;
  categories.forEach((cat, i) => {
    const x = pad + i * slot + (slot - barW) / 2;
    let y = height - pad;
    for (const s of series) {
      const v = s.values[i];
      if (!v) continue;
      const h = (v / max) * plotH;
      y -= h;
      out += `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"><title>${esc(cat)} ${esc(s.name)}：${v}</title></rect>`;
    }
    out += `<text x="${(x + barW / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" class="axis">${totals[i] || ""}</text>`;
    out += `<text x="${(x + barW / 2).toFixed(1)}" y="${height - pad + 16}" text-anchor="middle" class="axis">${esc(cat)}</text>`;
  });
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img">${out}</svg>`;
}

/** One bar filled to a share (0…1), with the percentage written on it. */
export function shareBar(share, { width = 560, height = 26, good = 0.9 } = {}) {
  const w = Math.max(0, Math.min(1, share ?? 0)) * width;
  const color = share === null ? "#bbb" : share >= good ? "#2e7d32" : share >= 0.6 ? "#f9a825" : "#c62828";
  const text = share === null ? "暂无数据" : `${Math.round(share * 100)}%`;
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img"><rect x="0" y="0" width="${width}" height="${height}" fill="#eee"/><rect x="0" y="0" width="${w.toFixed(1)}" height="${height}" fill="${color}"/><text x="8" y="${height - 8}" class="${w > 60 ? "bar-label" : "bar-label dark"}">${text}</text></svg>`;
}

/** Colours for the risk types, in their fixed order. */
export const PALETTE = [
  "#c62828",
  "#6a1b9a",
  "#1565c0",
  "#00838f",
  "#2e7d32",
  "#9e9d24",
  "#ef6c00",
  "#4e342e",
  "#ad1457",
  "#283593",
  "#00695c",
  "#558b2f",
  "#f9a825",
  "#5d4037",
  "#757575",
];
