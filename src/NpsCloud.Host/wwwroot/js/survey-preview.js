// The survey editor's live preview: when the wording or branding changes, reload both preview frames
// (Turkish and English) with the form's current values. Without scripts the frames show the saved survey.
(function () {
  const form = document.getElementById('survey-form');
  if (!form) return;
  const frames = document.querySelectorAll('.preview iframe[data-locale]');
  const kind = form.querySelector('[name="Form.Kind"]');
  const scheduleFields = form.querySelector('[data-relationship-only]');
  let timer;

  function value(name) {
    const field = form.querySelector('[name="Form.' + name + '"]');
    return field ? field.value : '';
  }

  function refresh() {
    const query = new URLSearchParams({
      Question: value('Question'),
      SurveyLocale: value('Locale'),
      BrandColor: value('BrandColor'),
      LogoUrl: value('LogoUrl'),
    });
    frames.forEach(function (frame) {
      frame.src = form.dataset.preview + '?Locale=' + frame.dataset.locale + '&' + query.toString();
    });
  }

  function showSchedule() {
    if (kind && scheduleFields) scheduleFields.hidden = kind.value !== 'relationship';
  }

  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  if (kind) kind.addEventListener('change', showSchedule);
  showSchedule();
})();
