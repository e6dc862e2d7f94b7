/**
 * `--format html`: one self-contained page (inline CSS and script, no URL loaded) with four columns,
 * mutations → resources → queries → screens. Clicking a mutation lights its path: the resources it
 * writes, the queries showing them (green when it revalidates them, red when it leaves them stale), the
 * screens using those queries, and a panel with its revalidations (keys, scopes), publishes and gaps.
 *
 * The map goes in as JSON inside a `<script type="application/json">` with `<`, `>`, `&` and the line
 * separators escaped, so no name can close the element; the script builds the page with `textContent`
 * only, never HTML from data.
 */
import type { RealtimeMap } from './realtime-map.js';

export function renderHtml(map: RealtimeMap, title = 'Realtime map'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>${escapeHtml(title)}</h1>
  <p id="summary"></p>
  <p class="hint">Click a mutation to see what it writes, the queries that show it, and the screens that use them.</p>
</header>
<main>
  <div id="board">
    <svg id="wires" aria-hidden="true"><defs><path id="wire"/></defs><g id="wire-layer"></g></svg>
    <section><h2>Mutations</h2><div id="mutations" class="column"></div></section>
    <section><h2>Resources</h2><div id="resources" class="column"></div></section>
    <section><h2>Queries</h2><div id="queries" class="column"></div></section>
    <section><h2>Screens</h2><div id="screens" class="column"></div></section>
  </div>
  <aside id="details"><p class="empty">No mutation selected.</p></aside>
</main>
<script type="application/json" id="map-data">${jsonForScript(map)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** JSON that cannot end its `<script>` element or start a comment, and parses to the same value. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
:root { --ink:#1f2328; --muted:#656d76; --line:#d0d7de; --bg:#f6f8fa; --card:#fff; --accent:#0969da; --ok:#1a7f37; --okbg:#dafbe1; --bad:#cf222e; --badbg:#ffebe9; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 18px 28px 8px; }
h1 { margin: 0 0 4px; font-size: 20px; }
#summary { margin: 0; color: var(--muted); }
#summary .bad { color: var(--bad); font-weight: 600; }
.hint { margin: 4px 0 0; color: var(--muted); font-size: 13px; }
main { display: flex; gap: 20px; padding: 8px 28px 28px; align-items: flex-start; }
#board { position: relative; flex: 1; display: grid; grid-template-columns: repeat(4, minmax(150px, 1fr)); gap: 56px; }
#wires { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; overflow: visible; z-index: 0; }
section { position: relative; z-index: 1; min-width: 0; }
h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 8px 0 10px; }
.column { display: flex; flex-direction: column; gap: 8px; }
.item { display: block; width: 100%; text-align: left; font: inherit; color: inherit; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 7px 10px; overflow-wrap: anywhere; transition: opacity .15s, border-color .15s, box-shadow .15s; }
button.item { cursor: pointer; }
button.item:hover { border-color: var(--accent); }
button.item:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.item .name { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
.item .meta { display: block; color: var(--muted); font-size: 12px; margin-top: 2px; }
.badge { display: inline-block; font-size: 11px; font-weight: 600; border-radius: 10px; padding: 0 7px; margin-left: 6px; vertical-align: 1px; }
.badge.gap { background: var(--badbg); color: var(--bad); }
.badge.live { background: var(--okbg); color: var(--ok); }
body.selecting .item { opacity: .32; }
body.selecting .item.on { opacity: 1; }
.item.selected { border-color: var(--accent); box-shadow: 0 0 0 2px rgba(9,105,218,.25); }
.item.on.fresh { border-color: var(--ok); background: var(--okbg); }
.item.on.stale { border-color: var(--bad); background: var(--badbg); }
#wires path { fill: none; stroke: #8c959f; stroke-width: 1.6; }
#wires path.fresh { stroke: var(--ok); stroke-width: 2; }
#wires path.stale { stroke: var(--bad); stroke-width: 2.6; stroke-dasharray: 6 4; }
aside { width: 340px; flex: none; position: sticky; top: 12px; background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
aside h3 { margin: 0 0 6px; font: 600 15px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
aside h4 { margin: 14px 0 4px; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
aside ul { margin: 0; padding-left: 16px; }
aside li { margin: 3px 0; overflow-wrap: anywhere; }
aside code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg); border-radius: 4px; padding: 0 3px; }
aside .at { display: block; color: var(--muted); font-size: 12px; word-break: break-all; }
aside .gap { color: var(--bad); }
aside .ok { color: var(--ok); }
.empty { color: var(--muted); margin: 0; }
`;

/** Plain browser script (no modules, no network): reads the JSON and builds the page with textContent. */
const SCRIPT = `
(function () {
  'use strict';
  var map = JSON.parse(document.getElementById('map-data').textContent);
  var cards = { m: new Map(), r: new Map(), q: new Map(), s: new Map() };
  var selected = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function card(kind, name, tag, meta, badge) {
    var node = el(tag, 'item');
    node.dataset.kind = kind;
    node.dataset.name = name;
    node.appendChild(el('span', 'name', name));
    if (badge) node.appendChild(el('span', 'badge ' + badge[0], badge[1]));
    if (meta) node.appendChild(el('span', 'meta', meta));
    cards[kind].set(name, node);
    return node;
  }
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  var live = map.queries.filter(function (q) { return q.live; }).length;
  var summary = document.getElementById('summary');
  summary.appendChild(document.createTextNode(plural(map.mutations.length, 'mutation', 'mutations') + ', ' + plural(map.queries.length, 'query', 'queries') + ' (' + live + ' live), '));
  summary.appendChild(el('span', map.gapCount ? 'bad' : '', map.gapCount ? plural(map.gapCount, 'gap', 'gaps') : 'no gaps'));

  var resources = new Set();
  map.mutations.forEach(function (m) { m.writes.forEach(function (w) { resources.add(w.resource); }); });
  map.queries.forEach(function (q) { q.shows.forEach(function (r) { resources.add(r); }); });
  var screens = new Set();
  map.queries.forEach(function (q) { q.screens.forEach(function (s) { screens.add(s); }); });

  var mutations = document.getElementById('mutations');
  map.mutations.forEach(function (m) {
    var writes = Array.from(new Set(m.writes.map(function (w) { return w.resource; })));
    var node = card('m', m.key, 'button', writes.length ? 'writes ' + writes.join(', ') : 'writes nothing known', m.gaps.length ? ['gap', plural(m.gaps.length, 'gap', 'gaps')] : null);
    node.type = 'button';
    node.addEventListener('click', function () { select(selected === m ? null : m); });
    mutations.appendChild(node);
  });
  var resourceColumn = document.getElementById('resources');
  Array.from(resources).sort().forEach(function (r) { resourceColumn.appendChild(card('r', r, 'div')); });
  var queryColumn = document.getElementById('queries');
  map.queries.forEach(function (q) {
    queryColumn.appendChild(card('q', q.key, 'div', q.shows.length ? 'shows ' + q.shows.join(', ') : null, q.live ? ['live', 'live'] : null));
  });
  var screenColumn = document.getElementById('screens');
  Array.from(screens).sort().forEach(function (s) { screenColumn.appendChild(card('s', s, 'div')); });
  if (!screens.size) screenColumn.appendChild(el('p', 'empty', 'No client file calls a query hook.'));

  /** The selected mutation's path, as [fromKind, fromName, toKind, toName, state] wires. */
  function pathOf(m) {
    var wires = [];
    var written = new Set(m.writes.map(function (w) { return w.resource; }));
    written.forEach(function (r) { wires.push(['m', m.key, 'r', r, '']); });
    var queries = new Map();
    m.affects.forEach(function (a) {
      var state = a.gap ? 'stale' : a.revalidated ? 'fresh' : '';
      queries.set(a.query, state);
      a.resources.forEach(function (r) { wires.push(['r', r, 'q', a.query, state]); });
    });
    m.revalidates.forEach(function (v) {
      v.refetches.forEach(function (q) { if (!queries.has(q)) { queries.set(q, 'fresh'); wires.push(['m', m.key, 'q', q, 'fresh']); } });
    });
    m.gaps.forEach(function (g) { g.queries.forEach(function (q) { queries.set(q, 'stale'); }); });
    map.queries.forEach(function (q) {
      if (queries.has(q.key)) q.screens.forEach(function (s) { wires.push(['q', q.key, 's', s, queries.get(q.key)]); });
    });
    return { wires: wires, queries: queries };
  }

  function select(m) {
    selected = m;
    document.body.classList.toggle('selecting', !!m);
    Object.keys(cards).forEach(function (kind) {
      cards[kind].forEach(function (node) { node.classList.remove('on', 'selected', 'fresh', 'stale'); });
    });
    if (!m) { draw([]); details(null); return; }
    var path = pathOf(m);
    // A card on a stale path is stale, whatever else reaches it (a screen showing one stale query).
    var mark = function (kind, name, state) {
      var node = cards[kind].get(name);
      if (!node) return;
      node.classList.add('on');
      if (state === 'stale') node.classList.remove('fresh');
      if (state && !node.classList.contains('stale')) node.classList.add(state);
    };
    mark('m', m.key, '');
    cards.m.get(m.key).classList.add('selected');
    path.wires.forEach(function (w) { mark(w[0], w[1], ''); mark(w[2], w[3], w[2] === 'r' ? '' : w[4]); });
    path.queries.forEach(function (state, q) { mark('q', q, state); });
    draw(path.wires);
    details(m);
  }

  function draw(wires) {
    var svg = document.getElementById('wires');
    var layer = document.getElementById('wire-layer');
    while (layer.firstChild) layer.removeChild(layer.firstChild);
    var box = svg.getBoundingClientRect();
    // Cloned from the page's own <path>: an SVG element without spelling out its namespace.
    var template = document.getElementById('wire');
    wires.forEach(function (w) {
      var from = cards[w[0]].get(w[1]), to = cards[w[2]].get(w[3]);
      if (!from || !to) return;
      var a = from.getBoundingClientRect(), b = to.getBoundingClientRect();
      var x1 = a.right - box.left, y1 = a.top + a.height / 2 - box.top, x2 = b.left - box.left, y2 = b.top + b.height / 2 - box.top;
      var bend = Math.max(30, (x2 - x1) / 2);
      var path = template.cloneNode(false);
      path.removeAttribute('id');
      path.setAttribute('d', 'M' + x1 + ',' + y1 + ' C' + (x1 + bend) + ',' + y1 + ' ' + (x2 - bend) + ',' + y2 + ' ' + x2 + ',' + y2);
      if (w[4]) path.setAttribute('class', w[4]);
      layer.appendChild(path);
    });
  }

  function section(parent, title, items, render) {
    parent.appendChild(el('h4', '', title));
    if (!items.length) { parent.appendChild(el('p', 'empty', 'none')); return; }
    var list = el('ul');
    items.forEach(function (item) { var li = el('li'); render(li, item); list.appendChild(li); });
    parent.appendChild(list);
  }
  function code(parent, text) { parent.appendChild(el('code', '', text)); }
  function at(parent, where) { parent.appendChild(el('span', 'at', where)); }

  function details(m) {
    var panel = document.getElementById('details');
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    if (!m) { panel.appendChild(el('p', 'empty', 'No mutation selected.')); return; }
    panel.appendChild(el('h3', '', m.key));
    panel.appendChild(el('div', 'at', m.at + (m.complete ? '' : ' (partly read: calls not followed)')));
    section(panel, 'Writes', m.writes, function (li, w) { code(li, w.resource + '.' + w.operation); at(li, w.at); });
    section(panel, 'Queries showing it', m.affects, function (li, a) {
      li.className = a.gap ? 'gap' : a.revalidated ? 'ok' : '';
      li.appendChild(document.createTextNode((a.gap ? '\\u2716 ' : a.revalidated ? '\\u2713 ' : '\\u00b7 ')));
      code(li, a.query);
      li.appendChild(document.createTextNode(' ' + (a.gap ? 'left stale' : a.revalidated ? 'revalidated' : 'not revalidated by name (a publish or a key that is not a literal may update it)') + (a.reason === 'sibling' ? ' (sibling of a query it revalidates)' : '')));
    });
    section(panel, 'Revalidates', m.revalidates, function (li, v) {
      code(li, v.key);
      li.appendChild(document.createTextNode(v.scopes === undefined ? ' no scopes: every client' : ' scopes '));
      if (v.scopes !== undefined) code(li, v.scopes);
      if (!v.refetches.length) li.appendChild(el('span', 'gap', ' refetches no query'));
      at(li, v.at);
    });
    if (m.publishes.length) section(panel, 'Publishes', m.publishes, function (li, p) { code(li, p.channel || '(channel not literal)'); at(li, p.at); });
    section(panel, 'Gaps', m.gaps, function (li, g) { li.className = 'gap'; li.appendChild(document.createTextNode(g.message)); at(li, g.at); });
    if (m.screens.length) section(panel, 'Called from', m.screens, function (li, s) { code(li, s); });
  }

  window.addEventListener('resize', function () { if (selected) draw(pathOf(selected).wires); });
})();
`;
