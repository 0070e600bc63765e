// Registers the service worker (offline page, cached shell). Without support the site works as before.
(function () {
  if (!('serviceWorker' in navigator)) return;
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      // The cached offline page follows the reader's language: ask for it again after a switch.
      var lang = document.documentElement.lang;
      var key = 'nps-offline-lang';
      try {
        if (localStorage.getItem(key) !== lang && registration.active) {
          registration.active.postMessage({ type: 'refresh-offline' });
          localStorage.setItem(key, lang);
        }
      } catch (e) { /* storage refused (private mode): the offline page keeps its first language */ }
    }).catch(function () { /* the site works without it */ });
  });
})();
