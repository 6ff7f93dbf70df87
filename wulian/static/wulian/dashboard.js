// The dashboard's charts: options come as JSON from the URL in this script tag's data-charts-url
// (no inline script: the Content-Security-Policy forbids it).
(function () {
  const url = document.currentScript && document.currentScript.dataset.chartsUrl;
  if (!url) return;
  fetch(url, {credentials: "same-origin"}).then(r => r.json()).then(opts => {
    for (const [name, option] of Object.entries(opts)) {
      const el = document.getElementById("chart-" + name);
      if (el) { const c = echarts.init(el); c.setOption(option); window.addEventListener("resize", () => c.resize()); }
    }
  });
})();
