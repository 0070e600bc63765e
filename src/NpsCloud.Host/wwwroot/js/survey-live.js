// A survey's page (/app/surveys/{id}): while invitations are queued, the queued / sent / failed / answered
// counters follow the wave going out, polling the page's Counts handler every few seconds, and stop as soon
// as nothing is queued. No framework; the page works without it (the counters are then as of the load).
(function () {
  'use strict';
  var stats = document.querySelector('[data-live-counts]');
  if (!stats || Number(stats.dataset.queued) <= 0) return;
  var url = stats.dataset.liveCounts;
  var every = 2000;
  var failures = 0;

  function show(counts) {
    Object.keys(counts).forEach(function (name) {
      var cell = stats.querySelector('[data-count="' + name + '"]');
      if (cell) cell.textContent = String(counts[name]);
    });
  }

  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (counts) {
        failures = 0;
        show(counts);
        if (counts.queued > 0) setTimeout(poll, every);
      })
      .catch(function () {
        failures += 1;
        if (failures < 5) setTimeout(poll, every * 2);
      });
  }

  setTimeout(poll, every);
})();
