// Copy buttons for secrets shown once (the first API key): a button with data-copy-target copies the
// text of the element with that id. The button stays hidden without scripts or a clipboard; the key
// can still be selected by hand.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll('[data-copy-target]').forEach(function (button) {
    const target = document.getElementById(button.getAttribute('data-copy-target'));
    if (!target) return;
    const status = button.parentElement.querySelector('[data-copy-status]');
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        if (status) status.textContent = button.getAttribute('data-copied');
      });
    });
  });
})();
