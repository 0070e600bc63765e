// The response import page: sends the file as the request body and shows a progress bar. The server
// reads and stores rows while the file arrives, so the upload's progress is the import's progress.
(function () {
  'use strict';
  var form = document.getElementById('import-form');
  if (!form || !window.XMLHttpRequest) return;
  var texts = document.getElementById('import-texts').dataset;
  var block = document.getElementById('import-progress');
  var bar = document.getElementById('import-bar');
  var status = document.getElementById('import-status');
  var resultSection = document.getElementById('import-result');

  function format(template, values) {
    return template.replace(/\{(\d+)\}/g, function (_, i) { return values[Number(i)]; });
  }

  function show(result) {
    resultSection.replaceChildren();
    var heading = document.createElement('h2');
    heading.textContent = format(texts.result, [result.imported, result.rejected]);
    resultSection.appendChild(heading);
    if (result.errors.length > 0) {
      var table = document.createElement('table');
      table.className = 'table';
      var head = table.createTHead().insertRow();
      [texts.line, texts.field, texts.problem].forEach(function (title) {
        var th = document.createElement('th');
        th.textContent = title;
        head.appendChild(th);
      });
      var body = table.createTBody();
      result.errors.forEach(function (error) {
        var row = body.insertRow();
        var fieldNames = JSON.parse(texts.fieldNames || '{}');
        [error.line, fieldNames[error.field] || error.field, error.message].forEach(function (value) { row.insertCell().textContent = value; });
      });
      resultSection.appendChild(table);
    }
    resultSection.hidden = false;
  }

  form.addEventListener('submit', function (event) {
    var file = form.querySelector('input[type="file"]').files[0];
    if (!file) return;
    event.preventDefault();
    var type = /\.(jsonl|ndjson)$/i.test(file.name) ? 'application/x-ndjson' : 'text/csv';
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.dataset.uploadUrl);
    xhr.setRequestHeader('Content-Type', type);
    xhr.setRequestHeader('RequestVerificationToken', form.querySelector('input[name="__RequestVerificationToken"]').value);
    xhr.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable) return;
      bar.value = Math.round(100 * e.loaded / e.total);
      status.textContent = texts.uploading + ' ' + bar.value + '%';
    });
    xhr.upload.addEventListener('load', function () {
      bar.removeAttribute('value');
      status.textContent = texts.finishing;
    });
    xhr.addEventListener('load', function () {
      form.querySelector('button').disabled = false;
      var answer = {};
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = { error: xhr.statusText }; }
      if (xhr.status === 200) {
        bar.value = 100;
        status.textContent = format(texts.result, [answer.imported, answer.rejected]);
        show(answer);
      } else {
        status.textContent = answer.error || xhr.statusText;
      }
    });
    xhr.addEventListener('error', function () {
      form.querySelector('button').disabled = false;
      status.textContent = xhr.statusText || 'Network error';
    });
    form.querySelector('button').disabled = true;
    bar.value = 0;
    status.textContent = texts.uploading;
    block.hidden = false;
    resultSection.hidden = true;
    xhr.send(file);
  });
})();
