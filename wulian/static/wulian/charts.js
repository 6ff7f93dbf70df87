// Dashboard charts: the element with data-charts-url names the JSON of ECharts options (built in
// wulian/figures/charts.py); each option goes to the element #chart-<name>. No inline script.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    const holder = document.querySelector("[data-charts-url]");
    if (!holder || typeof echarts === "undefined") return;
    fetch(holder.dataset.chartsUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (opts) {
      Object.keys(opts).forEach(function (name) {
        const el = document.getElementById("chart-" + name);
        if (!el) return;
        const chart = echarts.init(el);
        chart.setOption(opts[name]);
        window.addEventListener("resize", function () { chart.resize(); });
      });
    });
  });
})();
