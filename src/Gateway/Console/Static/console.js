// Keeps the devices page live from /devices/stream (server-sent events). Without script the page still shows the
// values as of loading; the browser reconnects on its own after a network gap. When the session ends (logout in
// another tab, expiry, password reset) the server sends session-ended and the page goes to the login page.
(function () {
  'use strict';
  var source = document.body.getAttribute('data-stream');
  if (!source || !window.EventSource) {
    return;
  }

  function field(scope, name) {
    return scope.querySelector('[data-field="' + name + '"]');
  }

  function rowOf(attribute, id) {
    var rows = document.querySelectorAll('[' + attribute + ']');
    for (var index = 0; index < rows.length; index++) {
      if (rows[index].getAttribute(attribute) === id) {
        return rows[index];
      }
    }
    return null;
  }

  var events = new EventSource(source);
  events.addEventListener('points', function (message) {
    JSON.parse(message.data).forEach(function (point) {
      var row = rowOf('data-point', point.id);
      if (!row) {
        return;
      }
      field(row, 'value').textContent = point.value;
      // A point without a value shows "–" alone, not "– °C".
      field(row, 'unit').hidden = point.value === '–';
      var quality = field(row, 'quality');
      quality.textContent = point.quality;
      quality.className = 'q-' + point.qualityClass;
      field(row, 'time').textContent = point.time;
    });
  });
  events.addEventListener('devices', function (message) {
    JSON.parse(message.data).forEach(function (device) {
      var section = rowOf('data-device', device.id);
      if (!section) {
        return;
      }
      var badge = field(section, 'online');
      badge.textContent = device.online;
      badge.className = 'badge ' + device.onlineClass;
      field(section, 'last-seen').textContent = device.lastSeen;
      var reason = field(section, 'reason');
      reason.textContent = device.reason;
      reason.hidden = device.reason === '';
    });
  });
  events.addEventListener('session-ended', function (message) {
    events.close();
    window.location.assign(JSON.parse(message.data).login);
  });
  events.onerror = function () {
    // A reconnect refused (no session any more) closes the source for good; a reload shows the login page.
    if (events.readyState === EventSource.CLOSED) {
      window.location.reload();
    }
  };
})();

// Runs the MQTT watch of the diagnostics page from /diagnostics/mqtt-watch (server-sent events). The stream is
// closed on its end or failure event, because EventSource would otherwise reconnect and start a new watch.
(function () {
  'use strict';
  var form = document.getElementById('mqtt-watch-form');
  if (!form || !window.EventSource) {
    return;
  }

  var status = document.getElementById('watch-status');
  var rows = document.querySelector('#watch-messages tbody');
  var button = document.getElementById('watch');
  var events = null;

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
  }

  function finish(message, isError) {
    status.textContent = JSON.parse(message.data).text;
    status.className = isError ? 'banner error' : 'banner';
    events.close();
    button.disabled = false;
  }

  form.addEventListener('submit', function (submit) {
    submit.preventDefault();
    if (events) {
      events.close();
    }
    rows.textContent = '';
    status.textContent = '';
    button.disabled = true;
    var query = new URLSearchParams(new FormData(form)).toString();
    events = new EventSource(form.getAttribute('action') + '?' + query);
    events.addEventListener('started', function (message) {
      status.textContent = JSON.parse(message.data).text;
      status.className = 'banner';
    });
    events.addEventListener('message', function (message) {
      var data = JSON.parse(message.data);
      var row = document.createElement('tr');
      cell(row, data.topic);
      cell(row, data.retained ? '✓' : '');
      cell(row, data.cut ? data.payload + ' … (' + data.bytes + ' B)' : data.payload);
      rows.appendChild(row);
    });
    events.addEventListener('end', function (message) { finish(message, false); });
    events.addEventListener('failed', function (message) { finish(message, true); });
    events.addEventListener('session-ended', function (message) {
      events.close();
      window.location.assign(JSON.parse(message.data).login);
    });
    events.onerror = function () {
      if (events.readyState !== EventSource.CLOSED) {
        events.close();
        button.disabled = false;
      }
    };
  });
})();
