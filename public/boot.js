// Before the app starts. The entry page holds either a loading message or,
// written at build time by the app's own components (pages/), the page
// itself pre-rendered (#boot with data-prerendered): readable at once, and
// taken over by the app when it has drawn its own. This script, the only
// one before the app:
// - shows the pre-rendered page at the reader's remembered text size;
// - marks an address with a query (a filtered or searched library), whose
//   pre-rendered list would be the wrong one (style/main.css hides it);
//   filtered by one value, in a library larger than one screen (marked by
//   the pages tool), preloads that value's first screen, which the app then
//   draws the library from (docs/corpus.md);
// - chooses among the page's variants (data-variant) the one the address
//   and the reader ask for: an essay alone or side by side, the not-found
//   page in the reader's language (the stylesheet shows it; the others are
//   removed once the page is parsed, so ids are unique again);
// - if the app's code cannot be loaded (a first visit with no network,
//   nothing cached yet), says so in both languages with a retry, instead of
//   leaving a blank page; a pre-rendered text stays readable below.
(function () {
  'use strict';
  var root = document.documentElement;
  // Scripts run: the pre-rendered search field will be the app's (without
  // scripts, style/main.css hides it: it could not search).
  root.classList.add('js');
  try {
    var size = Number(localStorage.getItem('essais.textSize'));
    if (size >= 1 && size <= 5 && Math.floor(size) === size) root.classList.add('text-size-' + size);
  } catch (e) { /* no storage: the default size */ }
  if (location.search.length > 1) root.classList.add('boot-with-query');
  var screens = document.querySelector('meta[name="essais:first-screens"]');
  var one = /^\?(category|tag|both)=([a-z0-9-]+)$/.exec(location.search);
  if (screens && one) {
    // As the app fetches it (relative to <base>, CORS mode): its fetch takes this response.
    var link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = screens.content + one[1] + '-' + one[2] + '.json';
    document.head.appendChild(link);
  }
  if (/[?&]view=side-by-side(&|$)/.test(location.search)) root.classList.add('boot-side-by-side');
  // The reader's language as the app reads it (src/language.rs): the
  // remembered choice, else the browser's first French or English.
  var preferred = (function () {
    try {
      var remembered = localStorage.getItem('essais.lang');
      if (remembered === 'fr' || remembered === 'en') return remembered;
    } catch (e) { /* no storage */ }
    var languages = navigator.languages || [navigator.language || ''];
    for (var i = 0; i < languages.length; i++) {
      var primary = String(languages[i]).split(/[-_]/)[0].toLowerCase();
      if (primary === 'fr' || primary === 'en') return primary;
    }
    return 'en';
  })();
  root.classList.add('boot-' + preferred);

  var started = false;
  function fail() {
    if (started) return;
    var boot = document.getElementById('boot');
    var failed = document.getElementById('boot-failed');
    if (boot && !boot.hasAttribute('data-prerendered')) boot.hidden = true;
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
    var boot = document.getElementById('boot');
    if (boot) {
      var variants = boot.querySelectorAll(':scope > .boot-variant');
      for (var v = 0; v < variants.length; v++) {
        if (getComputedStyle(variants[v]).display === 'none') variants[v].remove();
      }
      if (boot.getAttribute('data-prerendered') === 'not-found') root.lang = preferred;
    }
    var retry = document.getElementById('boot-retry');
    if (retry) retry.addEventListener('click', function () { location.reload(); });
  });
})();
