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
