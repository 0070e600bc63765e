// The response page (/r/{token}). A score link from an email opens the page with the score waiting in a
// form: submitting it here records the answer, because only a person's browser runs this (a mail
// scanner that fetches the link records nothing). Without scripts, the form's button does the same.
(function () {
  'use strict';
  var pending = document.querySelector('form[data-autosubmit]');
  if (pending) {
    pending.submit();
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
