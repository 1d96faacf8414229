// Keeps the devices page live from /devices/stream (server-sent events). Without script the page still shows the
// values as of loading; the browser reconnects on its own after a network gap.
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
    });
  });
})();
