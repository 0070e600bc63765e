// The response page (/r/{token}). A score link from an email opens the page with that score preselected; it is
// recorded only on a person's signal, never by the page itself: link-scanning mail gateways render pages and run
// their scripts. What this script saw goes with the form (AutomatedClients on the server judges it): how long
// after the page began loading it was sent, whether a trusted pointer, touch or key event came first, and whether
// the page was visible and focused. Without scripts, the button sends the score alone.
(function () {
  'use strict';
  var pending = document.querySelector('form[data-pending]');
  if (pending) {
    // No person reads the page and taps sooner than this (AutomatedClients.HumanMilliseconds); an earlier tap is held.
    var humanMs = 1500;
    // The page staying in front this long after a real tap or key press sends the chosen score too.
    var attentiveMs = 3000;
    var fields = pending.elements;
    var interacted = false;
    var sending = false;
    fields.client.value = 'js';
    ['pointerdown', 'touchstart', 'keydown'].forEach(function (type) {
      document.addEventListener(type, function (event) {
        if (event.isTrusted) interacted = true;
      }, true);
    });
    var attentive = function () {
      return document.visibilityState === 'visible' && document.hasFocus();
    };
    var send = function () {
      fields.elapsed.value = String(Math.ceil(performance.now()));
      fields.input.value = interacted ? '1' : '0';
      fields.visible.value = attentive() ? '1' : '0';
      pending.submit();
    };
    var sendOnce = function () {
      if (sending) return;
      sending = true;
      pending.setAttribute('aria-busy', 'true');
      var wait = humanMs - performance.now();
      if (wait > 0) window.setTimeout(send, wait + 20); else send();
    };
    pending.addEventListener('submit', function (event) {
      event.preventDefault();
      sendOnce();
    });
    var note = document.getElementById('pending-note');
    pending.querySelectorAll('input[name="score"]').forEach(function (input) {
      input.addEventListener('change', function () {
        note.textContent = note.dataset.template.replace('{0}', input.value);
      });
    });
    var watch = window.setInterval(function () {
      if (interacted && attentive() && performance.now() >= attentiveMs) {
        window.clearInterval(watch);
        sendOnce();
      }
    }, 250);
    return;
  }

  // The open question follows the score chosen: what a promoter is asked differs from a detractor.
  var followUp = document.getElementById('follow-up');
  if (!followUp) return;
  document.querySelectorAll('input[name="score"]').forEach(function (input) {
    input.addEventListener('change', function () {
      var score = Number(input.value);
      followUp.textContent = followUp.dataset[score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'];
    });
  });
})();
