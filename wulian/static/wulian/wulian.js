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
