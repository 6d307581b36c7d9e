/*
 * kttcp4j report: draws the figures HtmlReport put into #kttcp4j-data with Chart.js (inlined above).
 * No string templates and no at-signs in this file: Maven filters src/main/resources.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kttcp4j-data').textContent);
  var PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7',
    '#9c755f', '#bab0ac'];
  var main = document.getElementById('main');
  var chartCount = 0;

  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#3e4c59';
  Chart.defaults.borderColor = '#e4e7eb';
  Chart.defaults.plugins.legend.labels.boxWidth = 12;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }
  function color(i) { return PALETTE[i % PALETTE.length]; }
  function alpha(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + ((n >> 16) & 255) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
  }
  function fixed(v, d) { return v === null || v === undefined ? '-' : Number(v).toFixed(d); }
  function median(a) {
    var s = a.slice().sort(function (x, y) { return x - y; });
    var n = s.length;
    return n === 0 ? null : (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2);
  }
  function values(runs, field) {
    return runs.map(function (r) { return r[field]; }).filter(function (v) { return v !== null && v !== undefined; });
  }
  function size(bytes) {
    var units = ['B', 'KiB', 'MiB', 'GiB'];
    var u = 0;
    while (u < units.length - 1 && bytes >= 1024 && bytes % 1024 === 0) { bytes /= 1024; u++; }
    return bytes + ' ' + units[u];
  }
  // A legend entry per label: several datasets may share one (a median segment per category).
  function firstOfLabel(item, legend) {
    var first = legend.datasets.map(function (d) { return d.label; }).indexOf(item.text);
    return first === item.datasetIndex;
  }
  function shortName(name) { var i = name.lastIndexOf('/'); return i < 0 ? name : name.slice(i + 1); }

  function section(title, intro) {
    var grid = el('div', {'class': 'grid'});
    main.appendChild(el('section', {}, [el('h2', {text: title}), intro ? el('p', {'class': 'intro', text: intro}) : null, grid]));
    return grid;
  }
  function card(grid, title, wide) {
    var c = el('div', {'class': wide ? 'card wide' : 'card'}, [el('h3', {text: title})]);
    grid.appendChild(c);
    return c;
  }
  function chart(grid, title, config, wide) {
    var canvas = el('canvas', {id: 'chart-' + (++chartCount), 'data-title': title, role: 'img', 'aria-label': title});
    card(grid, title, wide).appendChild(el('div', {'class': 'chart'}, [canvas]));
    config.options = config.options || {};
    config.options.plugins = config.options.plugins || {};
    return new Chart(canvas, config);
  }
  function axis(title, extra) {
    var a = {title: {display: true, text: title}, beginAtZero: true};
    Object.keys(extra || {}).forEach(function (k) { a[k] = extra[k]; });
    return a;
  }
  function table(headers, rows) {
    var thead = el('thead', {}, [el('tr', {}, headers.map(function (h) { return el('th', {text: h}); }))]);
    var tbody = el('tbody', {}, rows.map(function (r) {
      return el('tr', {}, r.map(function (c) {
        if (c && c.nodeType) { return el('td', {}, [c]); }
        if (c && typeof c === 'object') { return el('td', {'class': c.cls || '', text: c.text}); }
        return el('td', {text: c === null || c === undefined ? '-' : String(c)});
      }));
    }));
    return el('table', {}, [thead, tbody]);
  }

  var results = data.results;
  var many = results.length > 1;
  document.getElementById('subtitle').textContent = results.map(function (r) { return shortName(r.name); }).join('  ·  ')
    + (many && !data.matrix ? '  (the first is the baseline)' : '');
  document.getElementById('footer').textContent = 'Written by ' + data.generator + ' on ' + data.generated
    + ' with Chart.js ' + data.chartjs + ' (inlined: this page fetches nothing).';

  // Each result's name in the charts: its file name, and the tool when the files mix tools.
  // The same file name twice (the same file, or two directories' run.json) gets a number: "run.json (2)".
  results.forEach(function (r, i) {
    r.color = color(i);
    r.short = shortName(r.name);
    var same = results.slice(0, i).filter(function (o) { return shortName(o.name) === r.short; }).length;
    if (same > 0) { r.short += ' (' + (same + 1) + ')'; }
  });

  /* What was run */
  (function () {
    var grid = section('What was run', 'One column per result file: the settings of its first run, and its runs.');
    var keys = [];
    results.forEach(function (r) { Object.keys(r.settings).forEach(function (k) { if (keys.indexOf(k) < 0) { keys.push(k); } }); });
    var rows = keys.map(function (k) {
      return [{cls: 'key', text: k}].concat(results.map(function (r) { return r.settings[k] || '-'; }));
    });
    rows.push([{cls: 'key', text: 'runs'}].concat(results.map(function (r) {
      return r.groups.map(function (g) { return g.runs.length + ' × ' + g.label; }).join('; ');
    })));
    rows.push([{cls: 'key', text: 'stopped early'}].concat(results.map(function (r) {
      var p = [];
      r.groups.forEach(function (g) { g.runs.forEach(function (x) { if (x.problem) { p.push(x.problem); } }); });
      return p.length ? {cls: 'worse', text: p.join('; ')} : 'no';
    })));
    // The sending end's retransmits over each run (TCP_INFO), when any file has them: '-' where a file has none.
    if (results.some(function (r) { return r.groups.some(function (g) { return values(g.runs, 'retransmits').length > 0; }); })) {
      rows.push([{cls: 'key', text: 'retransmits (sender, whole run)'}].concat(results.map(function (r) {
        var v = [];
        r.groups.forEach(function (g) { v = v.concat(values(g.runs, 'retransmits')); });
        if (!v.length) { return '-'; }
        return v.length === 1 ? String(v[0]) : 'median ' + median(v) + ' of ' + v.length + ' runs ('
          + v.slice(0, 10).join(', ') + (v.length > 10 ? ', \u2026' : '') + ')';
      })));
    }
    card(grid, 'Settings', true).appendChild(table([''].concat(results.map(function (r) { return r.short; })), rows));
  })();

  /* Throughput and CPU: the medians of each result, side by side */
  var categories = [];
  results.forEach(function (r) { r.groups.forEach(function (g) { if (categories.indexOf(g.setup) < 0) { categories.push(g.setup); } }); });
  var oneEach = results.every(function (r) { return r.groups.length === 1; });
  function summaryDatasets(field) {
    var sets = [];
    results.forEach(function (r, i) {
      var withs = [];
      r.groups.forEach(function (g) { if (withs.indexOf(g['with']) < 0) { withs.push(g['with']); } });
      withs.forEach(function (w, j) {
        var col = withs.length > 1 ? color(i + j * results.length) : r.color;
        sets.push({
          label: oneEach ? r.short + ' (' + w + ')' : r.short + (withs.length > 1 ? ' · ' + w : ''),
          backgroundColor: alpha(col, 0.85), borderColor: col, borderWidth: 1, borderRadius: 3,
          data: (oneEach ? ['all'] : categories).map(function (cat) {
            var g = r.groups.filter(function (x) { return x['with'] === w && (oneEach || x.setup === cat); })[0];
            if (!g) { return null; }
            return median(values(g.runs, field));
          })
        });
      });
    });
    return sets;
  }
  // Whose CPU each result's CPU figures count (both ends, or one end's process): said in each CPU chart.
  function coversOf(r) {
    var c = [];
    r.groups.forEach(function (g) { g.runs.forEach(function (x) { if (x.cpuCovers && c.indexOf(x.cpuCovers) < 0) { c.push(x.cpuCovers); } }); });
    return c.length ? c.join(', ') : 'no CPU figure';
  }
  var cpuOf = 'CPU of: ' + results.map(function (r) { return r.short + ' ' + coversOf(r); }).join('; ');
  (function () {
    var grid = section(many ? 'Side by side' : 'Throughput and CPU',
      'Medians of each result' + (oneEach ? '' : ', per setting') + '. Gbit/s is what the receiver got (or what was sent when '
      + 'the file has no receiver); CPU s/GB is CPU seconds per 10^9 bytes moved, of the processes each chart names '
      + '(both ends: kttcp4j loopback, and iperf3\u2019s client file, which adds the server\u2019s CPU; one end: kttcp4j '
      + 'send or recv, iperf3\u2019s server file).');
    var labels = oneEach ? [''] : categories;
    chart(grid, 'Throughput (Gbit/s, higher is better)', {
      type: 'bar', data: {labels: labels, datasets: summaryDatasets('gbits')},
      options: {skipNull: true, scales: {y: axis('Gbit/s')}, plugins: {legend: {position: 'bottom'}}}
    });
    chart(grid, 'CPU per GB (CPU s/GB, lower is better)', {
      type: 'bar', data: {labels: labels, datasets: summaryDatasets('cpu')},
      options: {skipNull: true, scales: {y: axis('CPU seconds per GB')},
        plugins: {subtitle: {display: true, text: cpuOf}, legend: {position: 'bottom'}}}
    });
    var names = [];
    var user = [];
    var sys = [];
    results.forEach(function (r) {
      r.groups.forEach(function (g) {
        var covers = values(g.runs, 'cpuCovers')[0] || 'no CPU figure';
        names.push(r.groups.length > 1 ? [r.short, g.setup, covers] : [r.short, covers]);
        user.push(median(values(g.runs, 'cpuUser')));
        sys.push(median(values(g.runs, 'cpuSystem')));
      });
    });
    chart(grid, 'CPU utilisation (% of one CPU over the run, of the processes named under each bar)', {
      type: 'bar',
      data: {labels: names, datasets: [
        {label: 'user', data: user, backgroundColor: alpha('#4e79a7', 0.85), borderRadius: 2},
        {label: 'system', data: sys, backgroundColor: alpha('#e15759', 0.8), borderRadius: 2}]},
      options: {scales: {x: {stacked: true}, y: axis('% CPU', {stacked: true})},
        plugins: {subtitle: {display: true, text: cpuOf}, legend: {position: 'bottom'}}}
    }, true);
  })();

  /* Baseline against the others */
  if (data.comparisons) {
    var grid = section('Baseline against new', 'The first file against each other one, as `kttcp4j compare` matches '
      + 'them (engine, kernel, socket buffer, streams, direction), with 5% as the allowed change; p is the '
      + 'Mann-Whitney U test\u2019s two-sided p-value when both sides have enough repeats.');
    var pairs = [];
    data.comparisons.forEach(function (c) {
      var p = pairs.filter(function (x) { return x.base === c.base && x['new'] === c['new']; })[0];
      if (!p) { p = {base: c.base, 'new': c['new'], list: []}; pairs.push(p); }
      p.list.push(c);
    });
    pairs.forEach(function (p) {
      var box = card(grid, shortName(p.base) + ' \u2192 ' + shortName(p['new']), false);
      if (p.list[0].error) {
        box.appendChild(el('p', {'class': 'error', text: 'Not comparable: ' + p.list[0].error}));
        return;
      }
      var notes = [];
      p.list.forEach(function (c) {
        if (c.error) {
          box.appendChild(el('p', {'class': 'error', text: c.metric + ': not comparable: ' + c.error}));
          return;
        }
        box.appendChild(table([c.metric + (c.higherIsBetter ? ' (higher is better)' : ' (lower is better)'),
          'baseline', 'new', 'change', 'p', 'verdict'], c.rows.map(function (r) {
          var cls = r.worse ? 'worse' : r.verdict === 'better' ? 'better' : r.verdict === 'ok' ? '' : 'noise';
          return [r.label, {cls: 'num', text: r.base + (r.baseRuns > 1 ? ' (' + r.baseRuns + ')' : '')},
            {cls: 'num', text: r['new'] + (r.newRuns > 1 ? ' (' + r.newRuns + ')' : '')},
            {cls: 'num', text: (r.change >= 0 ? '+' : '') + fixed(r.change, 1) + '%'},
            {cls: 'num', text: r.p === null ? '-' : fixed(r.p, 3)}, {cls: cls, text: r.verdict}];
        })));
        c.notes.forEach(function (n) { if (notes.indexOf(n) < 0) { notes.push(n); } });
      });
      notes.forEach(function (n) { box.appendChild(el('p', {'class': 'note', text: 'Note: ' + n})); });
    });
  }

  /* Throughput over time */
  // Each interval as what it is, an average over its span: a step from its start to its end (stepped 'after':
  // Chart.js draws each segment at the value of the point it ends on).
  function steps(run, v) {
    var pts = v.length ? [{x: run.t0, y: v[0]}] : [];
    v.forEach(function (y, j) { pts.push({x: run.t[j], y: y}); });
    return pts;
  }
  (function () {
    var withIntervals = results.filter(function (r) {
      return r.groups.some(function (g) { return g.runs.some(function (x) { return x.t.length > 0; }); });
    });
    var grid = section('Throughput over time', withIntervals.length ? 'Per interval, from the results\u2019 intervals: '
      + 'each stream and their sum.' : 'None of the results has intervals: run with --interval (iperf3 writes them by default).');
    withIntervals.forEach(function (r) {
      var sets = [];
      var runs = [];
      r.groups.forEach(function (g) { g.runs.forEach(function (x, i) { if (x.t.length) { runs.push({g: g, run: x, i: i}); } }); });
      if (runs.length === 1) {
        var x = runs[0].run;
        x.streams.forEach(function (s, i) {
          sets.push({label: 'stream ' + (i + 1), data: steps(x, s), borderColor: color(i + 1),
            backgroundColor: color(i + 1), borderWidth: 1.5, pointRadius: 0, stepped: 'after'});
        });
        sets.push({label: 'sum', data: steps(x, x.sum), borderColor: '#1f2d3d', backgroundColor: '#1f2d3d',
          borderWidth: 2.5, pointRadius: 0, stepped: 'after'});
      } else {
        runs.slice(0, 10).forEach(function (e, k) {
          sets.push({label: (r.groups.length > 1 ? e.g.setup + ', ' : '') + 'run ' + (e.i + 1) + ' sum',
            data: steps(e.run, e.run.sum), borderColor: color(k), backgroundColor: color(k), borderWidth: 1.8,
            pointRadius: 0, stepped: 'after'});
        });
      }
      chart(grid, r.short + (runs.length > 10 ? ' (first 10 of ' + runs.length + ' runs)' : ''), {
        type: 'line', data: {datasets: sets},
        options: {parsing: false, scales: {x: axis('seconds', {type: 'linear'}), y: axis('Gbit/s')},
          plugins: {legend: {position: 'bottom'}}}
      });
    });
  })();

  /* What the wire did: the sending end's TCP_INFO per interval */
  (function () {
    var lines = [];
    var without = [];       // no TCP_INFO at all
    var noIntervals = [];   // TCP_INFO (a retransmit total) but no intervals to draw it over
    results.forEach(function (r, i) {
      var runs = [];
      var wire = false;
      r.groups.forEach(function (g) {
        g.runs.forEach(function (x, k) {
          if (x.retr) { wire = true; }
          if (x.retr && x.t.length) { runs.push({g: g, run: x, i: k}); }
        });
      });
      if (!runs.length) { (wire ? noIntervals : without).push(r.short); }
      runs.slice(0, 10).forEach(function (e) {
        lines.push({label: r.short + (runs.length > 1 ? ' \u00b7 ' + (r.groups.length > 1 ? e.g.setup + ', ' : '')
          + 'run ' + (e.i + 1) : ''), run: e.run, r: r, many: runs.length > 1});
      });
    });
    var totals = results.some(function (r) {
      return r.groups.some(function (g) { return values(g.runs, 'retransmits').length > 0; });
    });
    if (!lines.length) {
      section('What the wire did', totals
        ? 'The inputs carry no TCP_INFO per interval, so there is nothing to draw over time: run with --interval '
          + '(the retransmit totals are in the settings table above).'
        : 'No charts of retransmits, congestion window or RTT: the inputs carry no TCP_INFO: receivers\u2019 files, '
          + 'or engines/OSes without it (the nio engine; a kernel that lacks the fields).');
      return;
    }
    var grid = section('What the wire did', 'The sending end\u2019s TCP_INFO per interval, under iperf3\u2019s names: '
      + 'retransmits during each interval; snd_cwnd and the smoothed rtt as the kernel had them at each interval\u2019s '
      + 'end. One line per result' + (lines.some(function (l) { return l.many; }) ? ' and run' : '')
      + (without.length ? '; without TCP_INFO (receivers\u2019 files, engines/OSes without it), so not drawn: '
        + without.join(', ') : '')
      + (noIntervals.length ? '; with TCP_INFO but no intervals (run with --interval), so not drawn: '
        + noIntervals.join(', ') : '') + '.');
    var multi = lines.some(function (l) { return l.many; });
    function datasets(field, scale, stepped) {
      return lines.filter(function (l) { return l.run[field].some(function (v) { return v !== null; }); }).map(function (l, k) {
        var col = multi ? color(k) : l.r.color;
        var v = l.run[field].map(function (y) { return y === null ? null : y / scale; });
        var pts = stepped ? steps(l.run, v) : v.map(function (y, j) { return {x: l.run.t[j], y: y}; });
        return {label: l.label, data: pts, borderColor: col, backgroundColor: col, borderWidth: 1.8,
          pointRadius: stepped ? 0 : v.length > 2 ? 2 : 4, stepped: stepped ? 'after' : false};  // a lone point shows
      });
    }
    function line(title, sets, unit, wide) {
      if (!sets.length) { return; }
      chart(grid, title, {
        type: 'line', data: {datasets: sets},
        options: {parsing: false, scales: {x: axis('seconds', {type: 'linear'}), y: axis(unit)},
          plugins: {legend: {position: 'bottom'}}}
      }, wide);
    }
    line('Retransmits per interval (segments, the sum over the streams)', datasets('retr', 1, true), 'segments', true);
    line('Congestion window (KiB, the mean over the streams)', datasets('cwnd', 1024, false), 'KiB');
    line('RTT (\u00b5s, the mean over the streams)', datasets('rtt', 1, false), '\u00b5s');
  })();

  /* The socket-buffer sweep */
  (function () {
    var sweeps = [];
    results.forEach(function (r, i) {
      var lines = {};
      r.groups.forEach(function (g) {
        if (g.sockbuf <= 0) { return; }
        var id = g['with'] + (g.parallel > 1 ? ', ' + g.parallel + ' streams' : '') + (g.reverse ? ', reverse' : '');
        (lines[id] = lines[id] || []).push(g);
      });
      Object.keys(lines).forEach(function (id) {
        if (lines[id].length > 1) { sweeps.push({r: r, i: i, id: id, groups: lines[id]}); }
      });
    });
    if (!sweeps.length) { return; }
    var grid = section('Socket-buffer sweep', 'Gbit/s against the socket buffer asked for (log scale): the median as '
      + 'a line, each run as a dot.');
    var ticks = [];
    var sets = [];
    sweeps.forEach(function (s, k) {
      var col = color(k);
      var name = (many ? s.r.short + ' · ' : '') + s.id;
      var pts = s.groups.slice().sort(function (a, b) { return a.sockbuf - b.sockbuf; });
      pts.forEach(function (g) { if (ticks.indexOf(g.sockbuf) < 0) { ticks.push(g.sockbuf); } });
      sets.push({type: 'line', label: name, borderColor: col, backgroundColor: col, borderWidth: 2, pointRadius: 4,
        data: pts.map(function (g) { return {x: g.sockbuf, y: median(values(g.runs, 'gbits'))}; })});
      var dots = [];
      pts.forEach(function (g) { values(g.runs, 'gbits').forEach(function (v) { dots.push({x: g.sockbuf, y: v}); }); });
      if (dots.length > pts.length) {
        sets.push({type: 'scatter', label: name + ' (runs)', data: dots, backgroundColor: alpha(col, 0.35),
          borderColor: alpha(col, 0.6), pointRadius: 3});
      }
    });
    ticks.sort(function (a, b) { return a - b; });
    chart(grid, 'Gbit/s against socket buffer', {
      type: 'line', data: {datasets: sets},
      options: {parsing: false, scales: {
        x: {type: 'logarithmic', title: {display: true, text: 'socket buffer asked for'},
          min: ticks[0] / 1.4, max: ticks[ticks.length - 1] * 1.4,
          afterBuildTicks: function (ax) { ax.ticks = ticks.map(function (v) { return {value: v}; }); },
          ticks: {callback: function (v) { return size(v); }}},
        y: axis('Gbit/s')}, plugins: {legend: {position: 'bottom'}}}
    }, true);
  })();

  /* The distribution of repeats */
  (function () {
    var cats = [];
    results.forEach(function (r) {
      r.groups.forEach(function (g) { if (g.runs.length > 1) { cats.push({r: r, g: g}); } });
    });
    if (!cats.length) { return; }
    var grid = section('Distribution of repeats', 'Each run as a dot (spread sideways so that equal values stay '
      + 'visible), the median as a bar: what a significance test sees.');
    function strip(field, title, unit) {
      var sets = [];
      results.forEach(function (r) {
        var dots = [];
        cats.forEach(function (c, k) {
          if (c.r !== r) { return; }
          var v = values(c.g.runs, field);
          var width = Math.min(v.length, 7);
          v.forEach(function (y, j) { dots.push({x: k + ((j % 7) - (width - 1) / 2) * 0.07, y: y}); });
          var m = median(v);
          if (m !== null) {
            sets.push({type: 'line', label: r.short + ' median', data: [{x: k - 0.3, y: m}, {x: k + 0.3, y: m}],
              borderColor: r.color, backgroundColor: r.color, borderWidth: 3, pointRadius: 0});
          }
        });
        if (dots.length) {
          sets.push({label: r.short + ' runs', data: dots, backgroundColor: alpha(r.color, 0.5), borderColor: r.color,
            pointRadius: 4.5});
        }
      });
      chart(grid, title, {
        type: 'scatter', data: {datasets: sets},
        options: {parsing: false, scales: {
          x: {type: 'linear', min: -0.5, max: cats.length - 0.5, grid: {display: false},
            afterBuildTicks: function (ax) { ax.ticks = cats.map(function (c, k) { return {value: k}; }); },
            ticks: {callback: function (v) {
              var c = cats[v];
              return c ? (many ? [c.r.short, c.g.setup] : c.g.setup) : '';
            }}},
          y: axis(unit, {beginAtZero: false, grace: '10%'})},
          plugins: {legend: {position: 'bottom', labels: {filter: firstOfLabel}}}}
      });
    }
    strip('gbits', 'Gbit/s of each repeat', 'Gbit/s');
    strip('cpu', 'CPU s/GB of each repeat', 'CPU s/GB');
  })();
})();
