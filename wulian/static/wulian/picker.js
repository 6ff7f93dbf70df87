// Search-as-you-type pickers (wulian/web/pickers.py): organisations, people and areas.
// No inline script: everything is bound here from data attributes.
(function () {
  "use strict";
  const DELAY = 150;

  function get(url, params) {
    const u = new URL(url, window.location.origin);
    Object.keys(params).forEach(function (k) { u.searchParams.set(k, params[k]); });
    return fetch(u, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : {results: []}; })
      .then(function (data) { return data.results || []; });
  }

  function chip(value, label, onRemove) {
    const span = document.createElement("span");
    span.className = "badge text-bg-light border wl-chip";
    span.dataset.value = value;
    span.textContent = label + " ";
    const x = document.createElement("button");
    x.type = "button";
    x.className = "btn-close btn-close-sm";
    x.setAttribute("aria-label", "×");
    x.addEventListener("click", onRemove);
    span.appendChild(x);
    return span;
  }

  // The search box and its result list; onPick(row) is called with the clicked row.
  function bindSearch(box, onPick) {
    const input = box.querySelector(".wl-picker-input");
    const list = box.querySelector(".wl-picker-results");
    let timer = null, seq = 0;
    function clear() { list.replaceChildren(); }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2 && !/^\d+$/.test(q)) { clear(); return; }
      timer = setTimeout(function () {
        const mine = ++seq;
        get(box.dataset.pickerUrl, {q: q}).then(function (rows) {
          if (mine !== seq) return;
          clear();
          rows.forEach(function (row) {
            const item = document.createElement("button");
            item.type = "button";
            item.className = "list-group-item list-group-item-action py-1 wl-picker-option";
            item.setAttribute("role", "option");
            item.dataset.value = row.id;
            item.textContent = row.label;
            if (row.hint) {
              const hint = document.createElement("small");
              hint.className = "text-muted ms-2";
              hint.textContent = row.hint;
              item.appendChild(hint);
            }
            item.addEventListener("click", function () { onPick(row); input.value = ""; clear(); input.focus(); });
            list.appendChild(item);
          });
          if (!rows.length) {
            const none = document.createElement("div");
            none.className = "list-group-item text-muted small py-1";
            none.textContent = "—";
            list.appendChild(none);
          }
        });
      }, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {  // Enter picks the first result instead of submitting the form
        const first = list.querySelector(".wl-picker-option");
        if (first) { event.preventDefault(); first.click(); }
      } else if (event.key === "Escape") { clear(); }
    });
    document.addEventListener("click", function (event) { if (!box.contains(event.target)) clear(); });
  }

  function initModelPicker(box) {
    const select = box.querySelector("select");
    const chosen = box.querySelector(".wl-picker-chosen");
    const multiple = !!box.dataset.multiple;
    function remove(value) {
      Array.from(select.options).forEach(function (o) { if (o.value === String(value)) o.remove(); });
      chosen.querySelectorAll(".wl-chip").forEach(function (c) { if (c.dataset.value === String(value)) c.remove(); });
      if (!multiple && !select.options.length) select.appendChild(new Option("", "", true, true));
    }
    chosen.querySelectorAll(".wl-chip").forEach(function (c) {
      c.querySelector(".btn-close").addEventListener("click", function () { remove(c.dataset.value); });
    });
    bindSearch(box, function (row) {
      const value = String(row.id);
      if (Array.from(select.options).some(function (o) { return o.value === value && o.selected; })) return;
      if (!multiple) { select.replaceChildren(); chosen.replaceChildren(); }
      select.appendChild(new Option(row.label, value, true, true));
      chosen.appendChild(chip(value, row.label, function () { remove(value); }));
      select.dispatchEvent(new Event("change", {bubbles: true}));
    });
  }

  function initAreaPicker(root) {
    const hidden = root.querySelector(".wl-area-value");
    const label = root.querySelector(".wl-area-label");
    const cascade = root.querySelector(".wl-area-cascade");
    const url = root.dataset.pickerUrl;
    const emptyLabel = cascade.dataset.emptyLabel || "—";
    function set(code, text) {
      hidden.value = code || "";
      label.replaceChildren();
      if (code) label.appendChild(chip(code, text, function () { set("", ""); }));
      hidden.dispatchEvent(new Event("change", {bubbles: true}));
    }
    function level(params, depth) {
      get(url, params).then(function (rows) {
        while (cascade.children.length > depth) cascade.lastChild.remove();
        if (!rows.length) return;
        const sel = document.createElement("select");
        sel.className = "form-select form-select-sm wl-area-level";
        sel.appendChild(new Option(emptyLabel, ""));
        rows.forEach(function (row) { sel.appendChild(new Option(row.label, row.id)); });
        sel.addEventListener("change", function () {
          while (cascade.children.length > depth + 1) cascade.lastChild.remove();
          if (!sel.value) return;
          set(sel.value, sel.options[sel.selectedIndex].text + "（" + sel.value + "）");
          if (root.dataset.deepest && rows.some(function (r) { return r.id === sel.value && r.level === root.dataset.deepest; })) return;
          level({parent: sel.value}, depth + 1);
        });
        cascade.appendChild(sel);
      });
    }
    label.querySelectorAll(".wl-chip .btn-close").forEach(function (b) { b.addEventListener("click", function () { set("", ""); }); });
    level({}, 0);
    bindSearch(root.querySelector(".wl-picker"), function (row) { set(row.id, row.label + "（" + row.id + "）"); });
  }

  function init(scope) {
    scope.querySelectorAll(".wl-area-picker:not([data-bound])").forEach(function (el) { el.dataset.bound = "1"; initAreaPicker(el); });
    scope.querySelectorAll(".wl-picker:not([data-bound])").forEach(function (el) {
      el.dataset.bound = "1";
      if (!el.closest(".wl-area-picker")) initModelPicker(el);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
