// Copy buttons: <button data-copy-target="id" data-copied="Copied">; the status line says it was copied.
(function () {
  'use strict';
  document.querySelectorAll('[data-copy-target]').forEach(function (button) {
    button.addEventListener('click', function () {
      var source = document.getElementById(button.getAttribute('data-copy-target'));
      if (!source) return;
      var text = source.textContent;
      var status = button.parentNode.querySelector('[data-copy-status]');
      var done = function () { if (status) status.textContent = button.getAttribute('data-copied'); };
      var fallback = function () {
        select(source);
        try { if (document.execCommand('copy')) done(); } catch (e) { /* the text stays selected for Ctrl+C */ }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
  });

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
})();
