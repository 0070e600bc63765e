// Destructive actions ask first: a form (or its submit button) with data-confirm="question" opens the
// layout's <dialog> with Cancel and the action's own name (data-confirm-action, else the button's text).
// Cancel, Escape or a tap outside keeps everything; the action submits the form with the same button.
// Without scripts, or without <dialog>, the form submits as before (the server still checks everything).
(function () {
  const dialog = document.getElementById('confirm-dialog');
  if (!dialog || typeof dialog.showModal !== 'function') return;
  const text = document.getElementById('confirm-dialog-text');
  const ok = dialog.querySelector('[value="confirm"]');
  let pending = null;

  document.addEventListener('submit', function (event) {
    const form = event.target;
    const submitter = event.submitter || null;
    const question = (submitter && submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
    if (!question) return;
    if (form.__confirmed) { form.__confirmed = false; return; }
    event.preventDefault();
    pending = { form: form, submitter: submitter };
    text.textContent = question;
    ok.textContent = (submitter && submitter.getAttribute('data-confirm-action')) || form.getAttribute('data-confirm-action')
      || (submitter && submitter.textContent.trim()) || '';
    dialog.returnValue = '';
    dialog.showModal();
  }, true);

  // A tap on the backdrop (outside the dialog's box) cancels, as Escape does.
  dialog.addEventListener('click', function (event) {
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) dialog.close('cancel');
  });

  dialog.addEventListener('close', function () {
    const chosen = pending;
    pending = null;
    if (!chosen || dialog.returnValue !== 'confirm') {
      if (chosen && chosen.submitter) chosen.submitter.focus();
      return;
    }
    chosen.form.__confirmed = true;
    if (chosen.form.requestSubmit) chosen.form.requestSubmit(chosen.submitter || undefined);
    else chosen.form.submit();
  });
})();
