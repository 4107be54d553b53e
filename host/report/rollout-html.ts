// A rollout as one self-contained HTML page: the outcome, the table of
// stages and, per stage, a plot over time of its devices (updated,
// confirmed, rolled back, crashed) as inline SVG. No script, no CDN: the
// page opens from a CI artifact as it is.

import type { RolloutReport } from "../fleet/rollout.js";
import type { SeriesPoint } from "../fleet/rollout-health.js";
import { describePlan } from "../fleet/rollout-plan.js";
import { formatDuration } from "../time/duration.js";
import { outcomeText } from "./rollout-text.js";

const LINES: readonly { key: keyof Omit<SeriesPoint, "tUs">; label: string; colour: string }[] = [
  { key: "updated", label: "updated", colour: "#3b6fb6" },
  { key: "confirmed", label: "confirmed", colour: "#2e8b57" },
  { key: "rolledBack", label: "rolled back", colour: "#d98c1f" },
  { key: "crashed", label: "crashed", colour: "#c0392b" },
];

const W = 460;
const H = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 34 };

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** One stage's plot: its devices' counts from the stage's start to the rollout's end. */
export function stagePlot(points: readonly SeriesPoint[], devices: number, title: string): string {
  const t0 = points[0]?.tUs ?? 0;
  const t1 = points.at(-1)?.tUs ?? t0 + 1;
  const top = Math.max(1, devices);
  const x = (t: number): number => PAD.left + ((t - t0) / Math.max(1, t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (n: number): number => H - PAD.bottom - (n / top) * (H - PAD.top - PAD.bottom);
  const paths = LINES.map(({ key, colour }) => {
    const d = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.tUs).toFixed(1)},${y(p[key]).toFixed(1)}`).join(" ");
    return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`;
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const t = t0 + f * (t1 - t0);
    const at = x(t).toFixed(1);
    const label = esc(formatDuration(t - t0));
    return (
      `<line x1="${at}" y1="${H - PAD.bottom}" x2="${at}" y2="${H - PAD.bottom + 4}" stroke="#555"/>` +
      `<text x="${at}" y="${H - PAD.bottom + 16}" text-anchor="middle">+${label}</text>`
    );
  });
  const yTicks = [0, 0.5, 1].map((f) => {
    const n = Math.round(f * top);
    return `<text x="${PAD.left - 6}" y="${(y(n) + 4).toFixed(1)}" text-anchor="end">${n}</text>`;
  });
  return [
    `<figure><figcaption>${esc(title)}</figcaption>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-size="11">`,
    `<rect x="${PAD.left}" y="${PAD.top}" width="${W - PAD.left - PAD.right}" ` +
      `height="${H - PAD.top - PAD.bottom}" fill="#fafafa" stroke="#ccc"/>`,
    ...ticks,
    ...yTicks,
    ...paths,
    `</svg></figure>`,
  ].join("\n");
}

export function rolloutHtml(r: RolloutReport): string {
  const legend = LINES.map((l) => `<span><i style="background:${l.colour}"></i>${l.label}</span>`).join(" ");
  const rows = r.stages.map((s) => {
    const why = Object.entries(s.rollbackWhy)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
    return (
      `<tr${s.fired === null ? "" : ' class="fired"'}><td>${s.stage + 1} (${s.percent} %)</td>` +
      `<td>${esc(formatDuration(s.endUs))}</td><td>${s.offered}</td><td>${s.updated}</td><td>${s.confirmed}</td>` +
      `<td>${s.rolledBack}${why === "" ? "" : ` (${esc(why)})`}</td><td>${s.crashed}</td><td>${s.bootLoops}</td>` +
      `<td>${s.neverCameBack}</td><td>${s.unread}</td><td>${esc(s.fired ?? "")}</td></tr>`
    );
  });
  const plots = r.stages.map((s, k) =>
    stagePlot(
      r.series[k] ?? [],
      s.devices,
      `Stage ${k + 1}: ${s.devices} devices (to ${s.percent} % of the fleet), from ${formatDuration(s.startUs)}`,
    ),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Rollout ${esc(r.from.name)} ${esc(r.from.version)} → ${esc(r.to.version)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
h1 { font-size: 20px; margin: 0 0 4px; } p { margin: 4px 0; }
.halted { color: #c0392b; font-weight: 600; } .completed { color: #2e8b57; font-weight: 600; }
table { border-collapse: collapse; margin: 12px 0; }
td, th { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
th { background: #f2f2f2; } tr.fired td { background: #fdecea; }
.plots { display: flex; flex-wrap: wrap; gap: 12px; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: 2px; }
.legend span { margin-right: 14px; } .legend i { display: inline-block; width: 14px; height: 3px; margin: 0 4px 3px 0; }
</style></head><body>
<h1>Rollout: ${esc(r.from.name)} ${esc(r.from.version)} → ${esc(r.to.version)}</h1>
<p class="${r.outcome === "halted" ? "halted" : "completed"}">${esc(outcomeText(r))}</p>
<p>${esc(describePlan(r.plan))}; board ${esc(r.profile)}, seed ${r.plan.seed}.</p>
<table><tr><th>stage</th><th>ends at</th><th>offered</th><th>updated</th><th>confirmed</th><th>rolled back (why)</th>
<th>crashed</th><th>boot loops</th><th>never came back</th><th>settings unread</th><th>abort rule</th></tr>
${rows.join("\n")}
</table>
<p class="legend">${legend}</p>
<div class="plots">
${plots.join("\n")}
</div>
</body></html>
`;
}
