// The big screen: figures and charts from the URL in data-url of #screen, refreshed every minute.
(function () {
  const screen = document.getElementById("screen");
  const DATA_URL = screen.dataset.url;
  const charts = {};
  function fit() { const s = Math.min(innerWidth / 1920, innerHeight / 1080); screen.style.transform = `scale(${s})`; }
  function render(data) {
    const panels = ["panel-a", "panel-b", "panel-c", "panel-d"];
    data.sections.forEach(([title, items], i) => {
      const p = document.getElementById(panels[i]); if (!p) return;
      p.querySelector("h3").textContent = title;
      const stats = p.querySelector(".stats");
      stats.replaceChildren(...items.map(([label, value]) => {
        const stat = document.createElement("div"); stat.className = "stat";
        const b = document.createElement("b"); b.textContent = Number(value).toLocaleString();
        const span = document.createElement("span"); span.textContent = label;
        stat.append(b, span); return stat;
      }));
    });
    for (const [name, opt] of Object.entries(data.charts)) {
      const el = document.getElementById("chart-" + name); if (!el) continue;
      charts[name] = charts[name] || echarts.init(el, "dark", {renderer: "canvas"});
      opt.backgroundColor = "transparent"; charts[name].setOption(opt, true);
    }
  }
  function load() { fetch(DATA_URL).then(r => r.ok ? r.json() : null).then(d => d && render(d)); }
  function tick() { document.getElementById("clock").textContent = new Date().toLocaleString("zh-CN"); }
  fit(); addEventListener("resize", fit); load(); setInterval(load, 60000); tick(); setInterval(tick, 1000);
})();
