/**
 * The insights page's one script, served at /static/insights.js: each chart is drawn by uPlot
 * from the table of numbers under it, so the page says the same with or without JavaScript.
 */
export const insightsScript = `"use strict";
(() => {
  const colors = ["#1f5fbf", "#1d7f4e", "#a4400c"];
  for (const table of document.querySelectorAll("table[data-chart]")) {
    const target = document.getElementById(table.dataset.chart);
    if (!target || typeof uPlot === "undefined") continue;
    const percent = table.dataset.unit === "percent";
    const labels = [...table.tHead.rows[0].cells].slice(1).map((c) => c.textContent);
    const rows = [...table.tBodies[0].rows];
    const xs = rows.map((r) => Date.parse(r.cells[0].dataset.week + "T12:00:00Z") / 1000);
    const ys = labels.map((_, j) =>
      rows.map((r) => {
        const v = r.cells[j + 1].dataset.value;
        return v === "" ? null : Number(v) * (percent ? 100 : 1);
      }),
    );
    const shown = (v) => (v == null ? "–" : percent ? Math.round(v) + "%" : String(v));
    new uPlot(
      {
        width: Math.max(target.clientWidth, 280),
        height: 220,
        series: [{}, ...labels.map((label, j) => ({ label, stroke: colors[j % colors.length], width: 2, value: (u, v) => shown(v) }))],
        axes: [{}, { values: (u, vals) => vals.map(shown) }],
        scales: percent ? { y: { range: [0, 100] } } : {},
      },
      [xs, ...ys],
      target,
    );
  }
})();
`;
