// Live progress for the jobs pages, as progressive enhancement: without this script the pages are
// complete and a Refresh link reloads them. Every element with data-run-id and data-run-active is
// polled through the read API (GET api/v1/runs/{id}, .../logs?after=n, the cookie suffices for reads);
// status, progress, attempts, node and status line are updated in place and new log lines appended.
// An element with data-run-reload reloads the page once its run is final, so links and forms appear.
(function () {
  'use strict';
  var intervalMs = 2000;
  var finalStatuses = ['Succeeded', 'Failed', 'Cancelled'];

  function setText(root, field, text) {
    var el = root.querySelector('[data-run-field="' + field + '"]');
    if (el && el.textContent !== text) { el.textContent = text; }
    return el;
  }

  function showRun(root, run) {
    var percent = Math.round(Math.max(0, Math.min(1, run.progress)) * 100);
    var bar = root.querySelector('progress[data-run-field="progress"]');
    if (bar) { bar.value = percent; bar.textContent = percent + ' %'; }
    setText(root, 'percent', percent + ' %');
    setText(root, 'statusLine', run.statusLine || '');
    setText(root, 'attempts', run.attempts + ' / ' + run.maxAttempts);
    setText(root, 'node', run.nodeName || '—');
    // On the run page the badge sits in the heading, outside the progress card.
    var badge = root.querySelector('[data-run-field="status"]') ||
      (root.hasAttribute('data-run-reload') ? document.querySelector('[data-run-field="status"]') : null);
    if (badge && badge.textContent !== run.status) { badge.textContent = run.status; }
  }

  function appendLogs(root, lines) {
    var body = document.querySelector('tbody[data-run-log]');
    if (!body || lines.length === 0) { return; }
    var empty = document.querySelector('[data-run-log-empty]');
    if (empty) { empty.remove(); }
    lines.forEach(function (line) {
      var tr = document.createElement('tr');
      [String(line.sequence), new Date(line.at).toISOString().replace('T', ' ').slice(0, 19) + ' UTC', String(line.attempt), line.message]
        .forEach(function (text, i) {
          var td = document.createElement('td');
          td.textContent = text;
          if (i === 3) { td.className = 'log-message'; }
          tr.appendChild(td);
        });
      body.appendChild(tr);
      root.setAttribute('data-log-after', String(line.sequence));
    });
  }

  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error(url + ' answered ' + r.status); } return r.json(); });
  }

  function poll(root) {
    var id = root.getAttribute('data-run-id');
    var base = document.baseURI.replace(/\/?$/, '/');
    var wantsLogs = root.hasAttribute('data-log-after');
    getJson(base + 'api/v1/runs/' + encodeURIComponent(id)).then(function (run) {
      showRun(root, run);
      var logs = wantsLogs
        ? getJson(base + 'api/v1/runs/' + encodeURIComponent(id) + '/logs?after=' + encodeURIComponent(root.getAttribute('data-log-after') || '0'))
            .then(function (lines) { appendLogs(root, lines); })
        : Promise.resolve();
      return logs.then(function () {
        if (finalStatuses.indexOf(run.status) >= 0) {
          root.removeAttribute('data-run-active');
          if (root.hasAttribute('data-run-reload')) { window.location.reload(); }
          return;
        }
        window.setTimeout(function () { poll(root); }, intervalMs);
      });
    }).catch(function () {
      // A failed poll (signed out, network) leaves the page as it is; the Refresh link still works.
    });
  }

  function start() {
    document.querySelectorAll('[data-run-id][data-run-active]').forEach(function (root) {
      window.setTimeout(function () { poll(root); }, intervalMs);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
