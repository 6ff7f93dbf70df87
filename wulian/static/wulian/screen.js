// The big screen (1920×1080, scaled to the window): figures and charts from data-url, refreshed
// every minute. No inline script.
(function () {
  "use strict";
  const screen = document.getElementById("screen");
  const url = screen.dataset.url;
  const charts = {};
  function fit() { const s = Math.min(innerWidth / 1920, innerHeight / 1080); screen.style.transform = "scale(" + s + ")"; }
  function render(data) {
    const panels = ["panel-a", "panel-b", "panel-c", "panel-d"];
    data.sections.forEach(function (section, i) {
      const p = document.getElementById(panels[i]);
      if (!p) return;
      p.querySelector("h3").textContent = section[0];
      const stats = p.querySelector(".stats");
      stats.replaceChildren();
      section[1].forEach(function (item) {
        const cell = document.createElement("div");
        cell.className = "stat";
        const b = document.createElement("b");
        b.textContent = Number(item[1]).toLocaleString();
        const span = document.createElement("span");
        span.textContent = item[0];
        cell.append(b, span);
        stats.appendChild(cell);
      });
    });
    Object.keys(data.charts).forEach(function (name) {
      const el = document.getElementById("chart-" + name);
      if (!el) return;
      const opt = data.charts[name];
      charts[name] = charts[name] || echarts.init(el, "dark", {renderer: "canvas"});
      opt.backgroundColor = "transparent";
      charts[name].setOption(opt, true);
    });
  }
  function load() { fetch(url).then(function (r) { return r.ok ? r.json() : null; }).then(function (d) { if (d) render(d); }); }
  function tick() { document.getElementById("clock").textContent = new Date().toLocaleString(document.documentElement.lang || "zh-CN"); }
  fit(); addEventListener("resize", fit); load(); setInterval(load, 60000); tick(); setInterval(tick, 1000);
})();
