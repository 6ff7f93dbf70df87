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

// Behaviour that used to be inline handlers (a CSP without inline scripts forbids them):
// data-autosubmit on a select submits its form on change; data-select-on-click selects an
// input's text; data-action-from-select posts a form to the URL its select holds.
(function () {
  document.addEventListener("change", function (event) {
    const el = event.target;
    if (el.matches && el.matches("[data-autosubmit]") && el.form) el.form.submit();
  });
  document.addEventListener("click", function (event) {
    const el = event.target;
    if (el.matches && el.matches("[data-select-on-click]")) el.select();
  });
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form.matches("[data-action-from-select]")) return;
    const select = form.querySelector("select");
    if (select) form.action = select.value;
  }, true);
})();
