// The HTML report's stylesheet and script, inlined into every report: the page loads nothing from
// anywhere (no network calls, ever: README "Privacy"). Plain CSS and plain ES2017; no libraries.

export const REPORT_CSS = `
:root {
  --fg: #1f2933; --muted: #616e7c; --line: #d9dee4; --bg: #f5f7fa; --card: #fff;
  --error: #c0392b; --error-bg: #fdecea; --warning: #b7791f; --warning-bg: #fff6df;
  --info: #2b6cb0; --info-bg: #e8f1fb; --accent: #1f5f8b; --good: #2f855a; --fair: #b7791f; --poor: #c0392b;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg); line-height: 1.5;
  font: 14px/1.5 "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
    "WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
header.top { background: #1f3a56; color: #fff; padding: 20px 0 18px; }
.wrap { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header.top h1 { margin: 0 0 4px; font-size: 22px; font-weight: 600; letter-spacing: .02em; }
header.top .meta { color: #c9d6e3; font-size: 13px; }
header.top .meta span + span::before { content: "·"; margin: 0 8px; color: #7d93a8; }
main { padding: 20px 0 40px; }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 18px 20px; margin: 0 0 18px; }
section.card > h2 { margin: 0 0 4px; font-size: 17px; font-weight: 600; }
section.card > p.sub { margin: 0 0 12px; color: var(--muted); font-size: 13px; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 12px; margin: 8px 0 16px; }
.figure { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; background: #fbfcfd; }
.figure .n { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
.figure .k { color: var(--muted); font-size: 13px; }
.figure.error { border-left: 4px solid var(--error); } .figure.error .n { color: var(--error); }
.figure.warning { border-left: 4px solid var(--warning); } .figure.warning .n { color: var(--warning); }
.figure.info { border-left: 4px solid var(--info); } .figure.info .n { color: var(--info); }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef2f6; font-weight: 600; white-space: nowrap; }
.table-box th { position: sticky; top: 0; z-index: 1; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: var(--muted); font-size: 13px; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; white-space: nowrap; }
.badge.error { background: var(--error-bg); color: var(--error); }
.badge.warning { background: var(--warning-bg); color: var(--warning); }
.badge.info { background: var(--info-bg); color: var(--info); }
code, .code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
.legend { display: flex; gap: 16px; flex-wrap: wrap; color: var(--muted); font-size: 12px; margin: 4px 0 8px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.legend i.error { background: var(--error); } .legend i.warning { background: var(--warning); } .legend i.info { background: var(--info); }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 12px; }
svg.chart text { fill: var(--fg); }
svg.chart text.sublabel { fill: var(--muted); font-size: 11px; }
svg.chart text.value { font-variant-numeric: tabular-nums; font-weight: 600; }
svg.chart text.value .note { fill: var(--muted); font-weight: 400; }
svg.chart rect.hit { fill: transparent; }
svg.chart rect.track { fill: #eef2f6; }
svg.chart rect.seg.error { fill: var(--error); }
svg.chart rect.seg.warning { fill: #d69e2e; }
svg.chart rect.seg.info { fill: #4a90d9; }
svg.chart g.action { cursor: pointer; }
svg.chart g.action:hover rect.hit, svg.chart g.action:focus rect.hit { fill: #eef5fb; }
svg.chart g.action:focus { outline: none; }
svg.chart g.action text.label { fill: var(--accent); text-decoration: underline; text-decoration-color: #9fb7cc; }
svg.chart g.selected rect.hit { fill: #e3eef8; }
.crumbs { margin: 0 0 8px; font-size: 13px; }
.crumbs button { border: 0; background: none; color: var(--accent); cursor: pointer; padding: 0; font: inherit; text-decoration: underline; }
.crumbs .sep { color: var(--muted); margin: 0 6px; }
.crumbs .here { font-weight: 600; }
.area-panel[hidden] { display: none; }
.more { color: var(--muted); font-size: 12px; margin: 4px 0 0; }
.meter { vertical-align: middle; }
.meter .track { fill: #eef2f6; } .meter .fill.good { fill: var(--good); } .meter .fill.fair { fill: var(--fair); } .meter .fill.poor { fill: var(--poor); }
.pct { font-variant-numeric: tabular-nums; display: inline-block; min-width: 48px; }
.filters { display: flex; gap: 10px; flex-wrap: wrap; align-items: center; margin: 6px 0 10px; }
.filters input[type=search] { flex: 1 1 280px; padding: 7px 10px; border: 1px solid #b8c2cc; border-radius: 6px; font: inherit; }
.filters select { padding: 6px 8px; border: 1px solid #b8c2cc; border-radius: 6px; font: inherit; background: #fff; max-width: 220px; }
.filters .count { color: var(--muted); font-size: 13px; margin-left: auto; }
.table-box { max-height: 70vh; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
.table-box table { border: 0; }
#findings-table td.msg { min-width: 260px; }
#findings-table td.msg .hint { color: var(--muted); font-size: 12px; }
#findings-table td.msg .rel { color: var(--muted); font-size: 12px; overflow-wrap: anywhere; margin-top: 2px; }
#findings-table td.val { overflow-wrap: anywhere; min-width: 11em; }
#findings-table td.val .exp { color: var(--muted); }
#findings-table td.code .fp { color: var(--muted); font-size: 11px; }
#findings-table tr.error td:first-child { box-shadow: inset 3px 0 0 var(--error); }
#findings-table tr.warning td:first-child { box-shadow: inset 3px 0 0 var(--warning); }
#findings-table tr.info td:first-child { box-shadow: inset 3px 0 0 var(--info); }
button.show-more { margin: 10px 0 0; padding: 6px 14px; border: 1px solid #b8c2cc; background: #fff; border-radius: 6px; cursor: pointer; font: inherit; }
button.show-more[hidden] { display: none; }
.empty { color: var(--muted); padding: 14px 8px; }
footer { color: var(--muted); font-size: 12px; padding: 0 0 30px; }
@media print {
  body { background: #fff; } header.top { background: #fff; color: #000; } header.top .meta { color: #333; }
  .filters, button.show-more { display: none; } .table-box { max-height: none; overflow: visible; border: 0; }
  section.card { break-inside: avoid; border: 0; padding: 0; }
}
`

export const REPORT_JS = `
(function () {
  'use strict';
  var source = document.getElementById('liushou-data');
  if (!source) return;
  var data = JSON.parse(source.textContent || '{}');
  var L = data.labels || {};
  var PAGE = 500;

  function fmt(n) { return Number(n).toLocaleString('en-US'); }
  function template(s, values) {
    return String(s).replace(/\\{(\\w+)\\}/g, function (_, k) { return values[k] === undefined ? '' : String(values[k]); });
  }

  // ---- drill-down: county -> town -> village ------------------------------------------------
  var area = document.getElementById('by-area');
  if (area) {
    var crumbs = area.querySelector('.crumbs');
    var panels = area.querySelectorAll('.area-panel');
    var byPath = {};
    for (var i = 0; i < panels.length; i++) byPath[panels[i].getAttribute('data-path')] = panels[i];
    var sep = data.pathSeparator || ' / ';
    var showArea = function (path) {
      if (!byPath.hasOwnProperty(path)) return;
      for (var p in byPath) if (byPath.hasOwnProperty(p)) byPath[p].hidden = p !== path;
      if (!crumbs) return;
      crumbs.textContent = '';
      var parts = path === '' ? [] : path.split(sep);
      var add = function (label, target, here) {
        if (crumbs.childNodes.length > 0) {
          var s = document.createElement('span'); s.className = 'sep'; s.textContent = '›'; crumbs.appendChild(s);
        }
        if (here) {
          var b = document.createElement('span'); b.className = 'here'; b.textContent = label; crumbs.appendChild(b);
        } else {
          var btn = document.createElement('button'); btn.type = 'button'; btn.textContent = label;
          btn.setAttribute('data-path', target);
          btn.addEventListener('click', function () { showArea(target); });
          crumbs.appendChild(btn);
        }
      };
      add(L.allAreas || 'All', '', parts.length === 0);
      for (var j = 0; j < parts.length; j++) {
        var target = parts.slice(0, j + 1).join(sep);
        add(parts[j], target, j === parts.length - 1);
      }
    };
    var openBar = function (g) {
      var unit = g.getAttribute('data-unit');
      if (unit !== null && byPath.hasOwnProperty(unit)) showArea(unit);
    };
    area.addEventListener('click', function (e) {
      var g = e.target && e.target.closest ? e.target.closest('g.bar.action') : null;
      if (g) openBar(g);
    });
    area.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      var g = e.target && e.target.closest ? e.target.closest('g.bar.action') : null;
      if (g) { e.preventDefault(); openBar(g); }
    });
    showArea('');
  }

  // ---- findings table: filter and search -----------------------------------------------------
  var rows = data.findings || [];
  var tbody = document.querySelector('#findings-table tbody');
  var search = document.getElementById('filter');
  var fSeverity = document.getElementById('f-severity');
  var fCode = document.getElementById('f-code');
  var fDataset = document.getElementById('f-dataset');
  var countEl = document.getElementById('f-count');
  var more = document.getElementById('show-more');
  if (!tbody) return;
  var hay = rows.map(function (r) { return r.join('\\u0001').toLowerCase(); });
  var limit = PAGE;
  var matching = [];

  function cell(tr, text, cls) {
    var td = document.createElement('td');
    if (cls) td.className = cls;
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  function render() {
    tbody.textContent = '';
    var shown = Math.min(limit, matching.length);
    var frag = document.createDocumentFragment();
    for (var i = 0; i < shown; i++) {
      var r = rows[matching[i]];
      // [dataset, file, row, severity, code, field, column, value, expected, message, hint, related, name, town, village, fingerprint, state]
      var tr = document.createElement('tr');
      tr.className = r[3];
      tr.setAttribute('data-code', r[4]);
      tr.setAttribute('data-severity', r[3]);
      var sev = cell(tr, '');
      var badge = document.createElement('span');
      badge.className = 'badge ' + r[3];
      badge.textContent = (L.badge && L.badge[r[3]]) || r[3];
      sev.appendChild(badge);
      // The finding id under its code, the expected value under the value, the related rows under
      // the message: eight columns fit a 1280-pixel window (eleven were clipped on the right).
      var code = cell(tr, r[4], 'code');
      var fp = document.createElement('div');
      fp.className = 'fp';
      fp.textContent = r[15] + (r[16] ? ' · ' + ((L.state && L.state[r[16]]) || r[16]) : '');
      code.appendChild(fp);
      cell(tr, r[0], 'ds').title = r[1];
      cell(tr, fmt(r[2]), 'num');
      cell(tr, [r[12], r[14] || r[13]].filter(Boolean).join(' · '), 'who');
      cell(tr, r[6] && r[6] !== r[5] ? r[5] + ' (' + r[6] + ')' : r[5]);
      var val = cell(tr, r[7], 'val code');
      if (r[8]) {
        var exp = document.createElement('div');
        exp.className = 'exp';
        exp.textContent = (L.expected || 'expected: ') + r[8];
        val.appendChild(exp);
      }
      var msg = cell(tr, r[9], 'msg');
      if (r[10]) {
        var hint = document.createElement('div');
        hint.className = 'hint';
        hint.textContent = '→ ' + r[10];
        msg.appendChild(hint);
      }
      if (r[11]) {
        var rel = document.createElement('div');
        rel.className = 'rel';
        rel.textContent = (L.related || 'related: ') + r[11];
        msg.appendChild(rel);
      }
      frag.appendChild(tr);
    }
    tbody.appendChild(frag);
    if (matching.length === 0) {
      var tr0 = document.createElement('tr');
      var td0 = document.createElement('td');
      td0.colSpan = 8; td0.className = 'empty'; td0.textContent = L.noMatch || 'No matching findings.';
      tr0.appendChild(td0); tbody.appendChild(tr0);
    }
    if (countEl) countEl.textContent = template(L.showing || '{shown} of {matching} ({total} listed)', {shown: fmt(shown), matching: fmt(matching.length), total: fmt(rows.length)});
    if (more) more.hidden = shown >= matching.length;
  }

  function apply() {
    var words = (search && search.value ? search.value : '').toLowerCase().split(/\\s+/).filter(Boolean);
    var sv = fSeverity ? fSeverity.value : '';
    var cv = fCode ? fCode.value : '';
    var dv = fDataset ? fDataset.value : '';
    matching = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (sv && r[3] !== sv) continue;
      if (cv && r[4] !== cv) continue;
      if (dv && r[0] !== dv) continue;
      var h = hay[i], ok = true;
      for (var w = 0; w < words.length; w++) if (h.indexOf(words[w]) < 0) { ok = false; break; }
      if (ok) matching.push(i);
    }
    limit = PAGE;
    render();
  }

  [search, fSeverity, fCode, fDataset].forEach(function (el) {
    if (!el) return;
    el.addEventListener('input', apply);
    el.addEventListener('change', apply);
  });
  if (more) more.addEventListener('click', function () { limit += PAGE; render(); });

  // A bar of the code chart filters the table to its code.
  var codes = document.getElementById('by-code');
  if (codes && fCode) {
    var pick = function (g) {
      var code = g.getAttribute('data-code');
      if (!code || !g.classList.contains('action')) return;
      fCode.value = code;
      apply();
      var target = document.getElementById('findings');
      if (target && target.scrollIntoView) target.scrollIntoView();
    };
    codes.addEventListener('click', function (e) {
      var g = e.target && e.target.closest ? e.target.closest('g.bar') : null;
      if (g) pick(g);
    });
    codes.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      var g = e.target && e.target.closest ? e.target.closest('g.bar') : null;
      if (g) { e.preventDefault(); pick(g); }
    });
  }
  apply();
})();
`
