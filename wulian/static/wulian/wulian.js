// Confirm dialogs: any form or link with data-confirm asks first, in a Bootstrap modal.
(function () {
  let pending = null;
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form.dataset.confirm || form.dataset.confirmed) return;
    event.preventDefault();
    pending = form;
    document.getElementById("wl-confirm-text").textContent = form.dataset.confirm;
    bootstrap.Modal.getOrCreateInstance(document.getElementById("wl-confirm")).show();
  }, true);
  document.addEventListener("click", function (event) {
    if (event.target.id !== "wl-confirm-ok" || !pending) return;
    pending.dataset.confirmed = "1";
    bootstrap.Modal.getOrCreateInstance(document.getElementById("wl-confirm")).hide();
    if (pending.requestSubmit) pending.requestSubmit(); else pending.submit();
    pending = null;
  });
})();

// 随手拍: a button with data-locate fills the form's lat / long from the phone's position.
(function () {
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-locate]");
    if (!button || !navigator.geolocation) return;
    event.preventDefault();
    const form = button.closest("form");
    const status = form.querySelector("[data-locate-status]");
    navigator.geolocation.getCurrentPosition(function (position) {
      form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(6);
      form.querySelector("[name=long]").value = position.coords.longitude.toFixed(6);
      if (status) status.textContent = button.dataset.located || "OK";
    }, function () {
      if (status) status.textContent = button.dataset.failed || "";
    }, {enableHighAccuracy: true, timeout: 10000});
  });
})();

// Behaviours that used to be inline handlers (the Content-Security-Policy allows no inline
// script): declared by data attributes.
//   data-submit-on-change   a select that submits its form when changed
//   data-select-on-click    an input whose text is selected when clicked (a link to copy)
//   data-action-from-select a form posted to the URL chosen in its select
//   data-back               a link that goes back in history (its href is the fallback)
(function () {
  document.addEventListener("change", function (event) {
    const el = event.target;
    if (el.matches && el.matches("[data-submit-on-change], [data-autosubmit]") && el.form) el.form.submit();
  });
  document.addEventListener("click", function (event) {
    const el = event.target;
    if (!el.closest) return;
    if (el.matches("[data-select-on-click]")) el.select();
    const back = el.closest("a[data-back]");
    if (back && window.history.length > 1) { event.preventDefault(); window.history.back(); }
  });
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form.matches("[data-action-from-select]")) return;
    const select = form.querySelector("select");
    if (select) form.action = select.value;
  }, true);
})();
