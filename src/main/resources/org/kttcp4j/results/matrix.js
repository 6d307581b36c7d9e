/*
 * kttcp4j report of a plan: the N x N matrix (senders by receivers) PlanReport put into #kttcp4j-data, drawn
 * before report.js adds the per-pair charts below it. A heatmap of Gbit/s (the receiver's figure; CPU s/GB of
 * each end on hover and in the second table), failed pairs marked with their reason.
 * No string templates and no at-signs in this file: Maven filters src/main/resources.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kttcp4j-data').textContent);
  var m = data.matrix;
  var main = document.getElementById('main');

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return e;
  }
  function fixed(v, d) { return v === null || v === undefined ? '-' : Number(v).toFixed(d); }
  var cells = {};
  m.cells.forEach(function (c) { cells[c.sender + '\u0000' + c.receiver] = c; });
  var ok = m.cells.filter(function (c) { return c.gbits !== null && c.gbits !== undefined; });
  var max = ok.reduce(function (a, c) { return Math.max(a, c.gbits); }, 0);
  var min = ok.reduce(function (a, c) { return Math.min(a, c.gbits); }, max);

  // white (the slowest pair) to blue (the fastest), so that a slow NIC or link stands out in its row and column
  function heat(v) {
    var t = max > min ? (v - min) / (max - min) : 1;
    var r = Math.round(255 - t * (255 - 78));
    var g = Math.round(255 - t * (255 - 121));
    var b = Math.round(255 - t * (255 - 167));
    return 'rgb(' + r + ',' + g + ',' + b + ')';
  }
  function hover(c) {
    var lines = [c.sender + ' \u2192 ' + c.receiver + ' (round ' + c.round + ')'];
    if (c.gbits !== null && c.gbits !== undefined) {
      lines.push(fixed(c.gbits, 2) + ' Gbit/s; CPU s/GB sender ' + fixed(c.cpuSender, 3) + ', receiver ' + fixed(c.cpuReceiver, 3));
    }
    if (c.reason) { lines.push(c.status.toUpperCase() + ': ' + c.reason); }
    if (c.note) { lines.push(c.note); }
    return lines.join('\n');
  }
  function grid(title, intro, value) {
    var head = el('tr', {}, [el('th', {text: 'sender \u2193 receiver \u2192'})].concat(m.hosts.map(function (h) {
      return el('th', {text: h});
    })));
    var rows = m.hosts.map(function (s) {
      return el('tr', {}, [el('th', {text: s})].concat(m.hosts.map(function (r) {
        var c = cells[s + '\u0000' + r];
        if (s === r) { return el('td', {'class': 'diag', text: '\u2014'}); }
        if (!c) { return el('td', {'class': 'diag', text: 'not in the plan'}); }
        return value(c);
      })));
    });
    var t = el('table', {'class': 'matrix'}, [el('thead', {}, [head]), el('tbody', {}, rows)]);
    main.appendChild(el('section', {}, [el('h2', {text: title}), el('p', {'class': 'intro', text: intro}),
      el('div', {'class': 'card wide'}, [t])]));
    return t;
  }
  function cellAttrs(c, cls) {
    return {'class': 'cell ' + c.status + (cls ? ' ' + cls : ''), 'data-sender': c.sender, 'data-receiver': c.receiver,
      'data-status': c.status, title: hover(c)};
  }

  var failed = m.cells.filter(function (c) { return c.status !== 'ok'; });
  grid('Matrix: Gbit/s, sender to receiver',
    m.hosts.length + ' hosts, ' + m.cells.length + ' pairs in ' + m.rounds + ' rounds (no host in two runs at once); '
      + (failed.length ? failed.length + ' not ok, marked with the reason. ' : 'every pair ok. ')
      + 'Hover a cell for both ends\u2019 CPU s/GB.',
    function (c) {
      var a = cellAttrs(c, 'num');
      if (c.status === 'ok' || (c.gbits !== null && c.gbits !== undefined)) { a.style = 'background:' + heat(c.gbits); }
      var kids = [c.gbits !== null && c.gbits !== undefined ? fixed(c.gbits, 2) : ''];
      if (c.status !== 'ok') { kids.push(el('div', {'class': 'reason', text: c.status.toUpperCase() + ': ' + c.reason})); }
      return el('td', a, kids);
    });
  grid('CPU seconds per GB: sender / receiver', 'Each end\u2019s own process (the sender\u2019s --output and the receiver\u2019s).',
    function (c) {
      return el('td', {'class': 'num ' + c.status, title: hover(c)},
        [c.status === 'failed' ? c.status.toUpperCase() : fixed(c.cpuSender, 3) + ' / ' + fixed(c.cpuReceiver, 3)]);
    });

  var keys = ['address', 'interface', 'driver', 'speed_mbit', 'mtu', 'kernel', 'os', 'note', 'down'];
  var rows = m.hosts.map(function (h) {
    var f = m.facts[h] || {};
    return el('tr', {}, [el('th', {text: h})].concat(keys.map(function (k) {
      return el('td', {'class': k === 'down' && f[k] ? 'error' : '', text: f[k] === undefined || f[k] === '' ? '-' : String(f[k])});
    })));
  });
  main.appendChild(el('section', {}, [el('h2', {text: 'Hosts'}),
    el('p', {'class': 'intro', text: 'What each host said of the interface its peers reach it on (Ansible\u2019s facts).'}),
    el('div', {'class': 'card wide'}, [el('table', {}, [el('thead', {}, [el('tr', {}, [el('th', {text: 'host'})]
      .concat(keys.map(function (k) { return el('th', {text: k}); })))]), el('tbody', {}, rows)])])]));
  var opts = Object.keys(m.options).map(function (k) { return k + ' ' + m.options[k]; }).join(', ');
  if (opts) { main.appendChild(el('p', {'class': 'note', text: 'Options of every pair: ' + opts + '.'})); }
}());
