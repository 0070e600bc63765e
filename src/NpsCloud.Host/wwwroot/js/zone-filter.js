// The time-zone select is long (every IANA zone): a search box with data-zone-filter="<select id>"
// narrows its options to those whose name contains every typed word ("ist", "new york", "+03").
// The chosen zone always stays, so filtering never changes the form's value. Without scripts the box
// stays hidden and the select works alone.
(function () {
  document.querySelectorAll('[data-zone-filter]').forEach(function (box) {
    const select = document.getElementById(box.getAttribute('data-zone-filter'));
    if (!select) return;
    const all = Array.from(select.options).map(function (o) { return { value: o.value, label: o.textContent }; });
    const fold = function (s) { return s.toLocaleLowerCase(document.documentElement.lang || undefined).replace(/_/g, ' '); };
    box.hidden = false;
    box.addEventListener('input', function () {
      const words = fold(box.value).split(/\s+/).filter(Boolean);
      const current = select.value;
      select.replaceChildren();
      all.forEach(function (zone) {
        const name = fold(zone.label + ' ' + zone.value);
        if (zone.value !== current && !words.every(function (w) { return name.indexOf(w) >= 0; })) return;
        const option = new Option(zone.label, zone.value, false, zone.value === current);
        select.add(option);
      });
    });
  });
})();
