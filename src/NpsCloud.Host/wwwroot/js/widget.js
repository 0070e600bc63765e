/* NpsCloud web widget (ADR 0031). Plain JavaScript, no framework, no eval, no inline markup or style
 * strings: elements are built with the DOM and styled through CSSOM (element.style.x), which a host page's
 * strict style-src 'self' allows. State (snooze) lives in the host page's localStorage and nowhere else. */
(function (config) {
  'use strict';
  var w = window, d = document;
  var queued = (w.npsCloud && w.npsCloud.q) || [];
  var visitor = {};
  var api = function (command, data) {
    if (command === 'identify' && data && typeof data === 'object') {
      visitor = { email: data.email, name: data.name, properties: data.properties };
    }
  };
  w.npsCloud = api;
  for (var i = 0; i < queued.length; i++) api.apply(null, queued[i]);

  if (!config || !config.live) return;
  // Only on the sites the company allowed (the server refuses answers from any other too).
  if (config.origins.indexOf(location.origin) < 0) return;

  var KEY = 'npscloud:' + config.id;
  var DAY = 864e5;
  var lang = (d.documentElement.lang || '').slice(0, 2).toLowerCase();
  if (!config.texts[lang]) lang = config.locale;
  var texts = config.texts[lang];
  var ui = {
    en: { close: 'Close', low: 'Not at all likely', high: 'Extremely likely', send: 'Send', thanks: 'Thank you for your answer!', error: 'Sorry, your answer could not be sent. Please try again.', scale: 'Score from 0 to 10' },
    tr: { close: 'Kapat', low: 'Hiç olası değil', high: 'Kesinlikle', send: 'Gönder', thanks: 'Yanıtınız için teşekkürler!', error: 'Yanıtınız gönderilemedi. Lütfen tekrar deneyin.', scale: '0 ile 10 arasında puan' }
  }[lang] || {};

  function store(read, value) {
    try {
      if (read) return JSON.parse(w.localStorage.getItem(KEY) || '{}');
      w.localStorage.setItem(KEY, JSON.stringify(value));
    } catch (e) { return {}; }
  }

  function snooze(days) {
    if (days > 0) store(false, { until: Date.now() + days * DAY });
  }

  function pathMatches(path) {
    if (!config.paths.length) return true;
    for (var i = 0; i < config.paths.length; i++) {
      var p = config.paths[i];
      if (p.indexOf('*') < 0) {
        if (path.indexOf(p) === 0) return true;
      } else {
        var parts = p.split('*'), at = 0, ok = path.indexOf(parts[0]) === 0;
        at = parts[0].length;
        for (var j = 1; ok && j < parts.length; j++) {
          var last = j === parts.length - 1;
          var found = last ? (parts[j] === '' ? path.length : path.lastIndexOf(parts[j])) : path.indexOf(parts[j], at);
          if (found < at || (last && found + parts[j].length !== path.length)) ok = false;
          at = found + parts[j].length;
        }
        if (ok) return true;
      }
    }
    return false;
  }

  if ((store(true).until || 0) > Date.now()) return;
  if (!pathMatches(location.pathname)) return;
  if (Math.random() * 100 >= config.sampling) return;

  function el(tag, attrs, styles, text) {
    var e = d.createElement(tag);
    for (var a in attrs) e.setAttribute(a, attrs[a]);
    for (var s in styles) e.style[s] = styles[s];
    if (text != null) e.textContent = text;
    return e;
  }

  // Keyboard focus stays visible whatever the host page's own styles do.
  function focusRing(e) {
    e.addEventListener('focus', function () { e.style.outline = '3px solid ' + config.color; e.style.outlineOffset = '2px'; });
    e.addEventListener('blur', function () { e.style.outline = 'none'; });
    return e;
  }

  function button(attrs, styles, text) {
    var b = el('button', attrs, styles, text);
    b.type = 'button';
    return focusRing(b);
  }

  function post(path, body) {
    return fetch(config.answers + path, {
      method: 'POST', mode: 'cors', credentials: 'omit',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) throw new Error('status ' + r.status);
      return r.status === 204 ? {} : r.json();
    });
  }

  var inline = config.display === 'inline';
  var host = inline ? d.querySelector(config.selector) : d.body;
  if (!host) return;

  var previous = null, handle = null, answered = false;
  var font = { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', fontSize: '16px', lineHeight: '1.4', color: '#111827' };
  var dialog = el('div', { role: inline ? 'region' : 'dialog', 'aria-labelledby': 'npscloud-question', 'data-npscloud': 'dialog', tabindex: '-1' }, {
    boxSizing: 'border-box', background: '#fff', border: '1px solid #d1d5db', borderRadius: '12px', padding: '16px',
    boxShadow: '0 10px 30px rgba(0,0,0,.18)', maxWidth: '420px', width: inline ? '100%' : 'calc(100vw - 24px)', textAlign: 'left'
  });
  for (var f in font) dialog.style[f] = font[f];
  if (!inline) {
    dialog.setAttribute('aria-modal', 'false');
    dialog.style.position = 'fixed'; dialog.style.right = '12px'; dialog.style.bottom = '12px'; dialog.style.zIndex = '2147483000';
    dialog.style.maxHeight = 'calc(100vh - 24px)'; dialog.style.overflowY = 'auto';
  }

  var head = el('div', {}, { display: 'flex', alignItems: 'flex-start', gap: '8px' });
  var question = el('p', { id: 'npscloud-question' }, { margin: '0', fontWeight: '600', flex: '1' }, texts.question);
  var close = button({ 'aria-label': ui.close, 'data-npscloud': 'close' }, {
    minWidth: '44px', minHeight: '44px', border: '0', background: 'transparent', fontSize: '24px', lineHeight: '1', cursor: 'pointer', color: '#374151', borderRadius: '8px'
  }, '\u00d7');
  head.appendChild(question);
  head.appendChild(close);
  dialog.appendChild(head);

  var body = el('div', {}, { marginTop: '12px' });
  dialog.appendChild(body);

  function scores() {
    var group = el('div', { role: 'group', 'aria-label': ui.scale }, { display: 'flex', flexWrap: 'wrap', gap: '4px' });
    for (var n = 0; n <= 10; n++) {
      var b = button({ 'data-npscloud-score': String(n), 'aria-label': n + (n === 0 ? ' \u2013 ' + ui.low : n === 10 ? ' \u2013 ' + ui.high : '') }, {
        minWidth: '44px', minHeight: '44px', flex: '1 0 44px', border: '1px solid #9ca3af', borderRadius: '8px', background: '#fff',
        color: '#111827', fontSize: '16px', cursor: 'pointer', padding: '0'
      }, String(n));
      b.addEventListener('click', choose);
      group.appendChild(b);
    }
    body.appendChild(group);
    var ends = el('div', { 'aria-hidden': 'true' }, { display: 'flex', justifyContent: 'space-between', fontSize: '13px', color: '#4b5563', marginTop: '4px' });
    ends.appendChild(el('span', {}, {}, ui.low));
    ends.appendChild(el('span', {}, {}, ui.high));
    body.appendChild(ends);
  }

  var status = el('p', { role: 'status', 'aria-live': 'polite' }, { margin: '8px 0 0', fontSize: '14px', color: '#b91c1c' });

  function choose(event) {
    var score = Number(event.currentTarget.getAttribute('data-npscloud-score'));
    var buttons = body.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
    status.textContent = '';
    post('', { score: score, locale: lang, email: visitor.email, name: visitor.name, properties: visitor.properties }).then(function (answer) {
      handle = answer.handle;
      answered = true;
      snooze(config.snoozeAnswered);
      follow(texts.followUps[answer.category]);
    }, function () {
      for (var i = 0; i < buttons.length; i++) buttons[i].disabled = false;
      status.textContent = ui.error;
    });
  }

  function follow(text) {
    body.textContent = '';
    var label = el('label', { for: 'npscloud-comment' }, { display: 'block', fontWeight: '600', marginBottom: '6px' }, text);
    var area = focusRing(el('textarea', { id: 'npscloud-comment', 'data-npscloud': 'comment', rows: '3', maxlength: '5000' }, {
      boxSizing: 'border-box', width: '100%', minHeight: '88px', padding: '8px', border: '1px solid #9ca3af', borderRadius: '8px', fontSize: '16px', fontFamily: 'inherit', resize: 'vertical'
    }));
    var send = button({ 'data-npscloud': 'submit' }, {
      marginTop: '8px', minHeight: '44px', minWidth: '44px', padding: '0 20px', border: '0', borderRadius: '8px',
      background: config.color, color: '#fff', fontSize: '16px', fontWeight: '600', cursor: 'pointer'
    }, ui.send);
    send.addEventListener('click', function () {
      send.disabled = true;
      status.textContent = '';
      post('/comment', { handle: handle, comment: area.value }).then(thanks, function () {
        send.disabled = false;
        status.textContent = ui.error;
      });
    });
    body.appendChild(label);
    body.appendChild(area);
    body.appendChild(send);
    body.appendChild(status);
    area.focus();
  }

  function thanks() {
    body.textContent = '';
    var done = el('p', { 'data-npscloud': 'thanks', tabindex: '-1' }, { margin: '0' }, ui.thanks);
    body.appendChild(done);
    done.focus();
  }

  function dismiss() {
    if (!answered) snooze(config.snoozeDismissed);
    dialog.parentNode && dialog.parentNode.removeChild(dialog);
    d.removeEventListener('keydown', onKey);
    if (previous && previous.focus) previous.focus();
  }

  function onKey(event) {
    if ((event.key === 'Escape' || event.key === 'Esc') && dialog.contains(d.activeElement)) dismiss();
  }

  close.addEventListener('click', dismiss);

  function show() {
    scores();
    body.appendChild(status);
    previous = d.activeElement;
    host.appendChild(dialog);
    d.addEventListener('keydown', onKey);
    if (!inline) dialog.focus();
  }

  setTimeout(show, Math.max(0, config.delay) * 1000);
})(/*npscloud:config*/null);
