// Ayni: progressive enhancement only; every page works without this file.
// Warns before leaving a sheet form with unsaved changes.
(function () {
  var form = document.querySelector('form[data-unsaved-warning]');
  if (!form) return;
  var dirty = false;
  form.addEventListener('input', function () { dirty = true; });
  form.addEventListener('submit', function () { dirty = false; });
  window.addEventListener('beforeunload', function (e) {
    if (dirty) { e.preventDefault(); e.returnValue = ''; }
  });
})();
// Live updates of a forum space: when the server says the space changed, fetch this same
// page and swap in its live region (the page without JavaScript shows the same on reload).
(function () {
  var region = document.querySelector('[data-live]');
  if (!region || !window.EventSource || !window.fetch || !window.DOMParser) return;
  var status = document.getElementById('live-status');
  var timer = null;
  function refresh() {
    timer = null;
    // never pull the page from under someone using a button or field in the live region
    var active = document.activeElement;
    if (active && active !== document.body && region.contains(active)) {
      timer = setTimeout(refresh, 3000);
      return;
    }
    // vivo=1: a refresh, not a person reading the page again (participation counts reads)
    var url = location.pathname + (location.search ? location.search + '&' : '?') + 'vivo=1';
    fetch(url, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById(region.id);
        if (fresh) region.innerHTML = fresh.innerHTML;
        if (status) status.textContent = status.getAttribute('data-updated');
      })
      .catch(function () {});
  }
  var source = new EventSource(region.getAttribute('data-live'));
  source.addEventListener('update', function () {
    if (!timer) timer = setTimeout(refresh, 400);
  });
})();
