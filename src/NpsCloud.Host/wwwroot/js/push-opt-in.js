// The inbox's "Notify me on this phone": subscribes this browser to pushes (VAPID, the install's public key)
// and tells the server, or removes both. Without push support (an iPhone outside the home-screen app) it
// says so instead of offering a button that cannot work.
(function () {
  var block = document.querySelector('[data-testid="push-opt-in"]');
  if (!block) return;
  var enable = block.querySelector('[data-push="enable"]');
  var disable = block.querySelector('[data-push="disable"]');
  var status = block.querySelector('[data-push="status"]');
  var token = block.querySelector('input[name="__RequestVerificationToken"]').value;
  block.hidden = false;

  function say(key) { status.textContent = key ? block.getAttribute('data-text-' + key) : ''; }
  function show(subscribed) { enable.hidden = subscribed; disable.hidden = !subscribed; say(subscribed ? 'enabled' : null); }

  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window) || !block.dataset.publicKey) {
    enable.hidden = true;
    say('unsupported');
    return;
  }

  function key(base64url) {
    var base64 = (base64url + '==='.slice((base64url.length + 3) % 4)).replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(base64), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
      body: JSON.stringify(body)
    }).then(function (answer) { if (!answer.ok) throw new Error(String(answer.status)); });
  }

  navigator.serviceWorker.ready.then(function (registration) {
    return registration.pushManager.getSubscription();
  }).then(function (subscription) { show(!!subscription); });

  enable.addEventListener('click', function () {
    enable.disabled = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') { say('denied'); return null; }
      return navigator.serviceWorker.ready.then(function (registration) {
        return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(block.dataset.publicKey) });
      }).then(function (subscription) {
        var json = subscription.toJSON();
        return post('/app/push-subscriptions', { endpoint: json.endpoint, keys: json.keys }).then(function () { show(true); });
      });
    }).catch(function () { say('failed'); }).then(function () { enable.disabled = false; });
  });

  disable.addEventListener('click', function () {
    disable.disabled = true;
    navigator.serviceWorker.ready.then(function (registration) {
      return registration.pushManager.getSubscription();
    }).then(function (subscription) {
      if (!subscription) return show(false);
      return post('/app/push-subscriptions/remove', { endpoint: subscription.endpoint })
        .then(function () { return subscription.unsubscribe(); })
        .then(function () { show(false); });
    }).catch(function () { say('failed'); }).then(function () { disable.disabled = false; });
  });
})();
