// Before the app starts: if its code cannot be loaded (a first visit with no
// network, nothing cached yet), say so in both languages with a retry,
// instead of leaving a blank page. The app removes #boot once it runs.
(function () {
  'use strict';
  var started = false;
  function fail() {
    if (started) return;
    var boot = document.getElementById('boot');
    var failed = document.getElementById('boot-failed');
    if (boot) boot.hidden = true;
    if (failed) failed.hidden = false;
  }
  addEventListener('TrunkApplicationStarted', function () { started = true; });
  // A module or the WASM that fails to load surfaces as an error or an
  // unhandled rejection before the app has started.
  addEventListener('error', function (event) {
    if (!started && (event.target !== window || /import|fetch|WebAssembly|module/i.test(String(event.message)))) fail();
  }, true);
  addEventListener('unhandledrejection', function () { if (!started) fail(); });
  setTimeout(fail, 20000);
  document.addEventListener('DOMContentLoaded', function () {
    var retry = document.getElementById('boot-retry');
    if (retry) retry.addEventListener('click', function () { location.reload(); });
  });
})();
