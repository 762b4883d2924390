// SIGMMA viewer: a section map coloured by microenvironment with its tile grid; a click on a tile shows the tile's
// cells, NEAR and LEARNED edges and H&E crop. Plain JavaScript over the REST API, nothing to build.
'use strict';

const MAP_WIDTH = 800; // map part of the image; the legend adds to it
const CLUSTER_PROPERTY = {expression: 'clusterExpression', micro: 'clusterMicro', meso: 'clusterMeso', macro: 'clusterMacro',
  'niche-micro': 'clusterNicheMicro', 'niche-meso': 'clusterNicheMeso', 'niche-macro': 'clusterNicheMacro'};
// the categorical colours of the map renderer, for labels (clusters take theirs from the map layout)
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22',
  '#17becf', '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2', '#c7c7c7', '#dbdb8d', '#9edae5'];

const $ = id => document.getElementById(id);
const state = {section: null, layout: null, tiles: [], tile: null, subgraph: null, load: 0};

function status(text) {
  $('status').textContent = text || '';
}

async function getJson(path) {
  const r = await fetch(path);
  const body = await r.json();
  if (!r.ok) {
    throw new Error(body.error || (r.status + ' ' + path));
  }
  return body;
}

/** Every item of a paged list, in pages of the server's default size. */
async function all(path) {
  const items = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let offset = 0; ; ) {
    const page = await getJson(path + sep + 'offset=' + offset);
    items.push(...page.items);
    if (!page.hasMore) {
      return items;
    }
    offset += page.items.length;
  }
}

async function loadSections() {
  const sections = await all('/api/sections');
  const select = $('section');
  select.replaceChildren();
  for (const s of sections) {
    const o = new Option(s.id + (s.status === 'READY' ? '' : ' (' + s.status + ')'), s.id);
    o.disabled = s.status !== 'READY';
    select.add(o);
  }
  const wanted = new URLSearchParams(location.search).get('section');
  const ready = sections.filter(s => s.status === 'READY').map(s => s.id);
  select.value = ready.includes(wanted) ? wanted : (ready[0] || '');
  if (!select.value) {
    status('no READY section in this database');
    return;
  }
  await loadSection();
}

async function loadSection() {
  const id = $('section').value;
  const scale = $('scale').value;
  const load = ++state.load; // a later choice wins over an earlier one still loading
  state.section = id;
  state.layout = null;
  state.tile = null;
  clearTile();
  const enc = encodeURIComponent(id);
  const query = '?scale=' + scale + '&width=' + MAP_WIDTH;
  const grid = $('tile-grid');
  grid.dataset.tiles = '';
  let tiles;
  let layout;
  try {
    tiles = await all('/api/sections/' + enc + '/tiles');
    layout = await getJson('/api/sections/' + enc + '/map' + query);
  } catch (e) {
    if (load !== state.load) {
      return;
    }
    $('map').removeAttribute('src');
    grid.width = grid.height = 0;
    status(e.message);
    return;
  }
  if (load !== state.load) {
    return;
  }
  state.tiles = tiles;
  state.layout = layout;
  status('');
  const img = $('map');
  await new Promise((resolve, reject) => {
    img.onload = resolve;
    img.onerror = () => reject(new Error('the map image did not load'));
    img.src = '/api/sections/' + enc + '/map.png' + query;
  }).catch(e => status(e.message));
  if (load !== state.load) {
    return;
  }
  grid.width = state.layout.width;
  grid.height = state.layout.height;
  drawGrid();
  grid.dataset.tiles = String(state.tiles.length);
}

/** Micrometres to map-image pixels. */
function toMap(x, y) {
  const l = state.layout;
  return [l.left + (x - l.minX) * l.pxPerUm, l.top + (y - l.minY) * l.pxPerUm];
}

function drawGrid() {
  const g = $('tile-grid').getContext('2d');
  g.clearRect(0, 0, g.canvas.width, g.canvas.height);
  const l = state.layout;
  for (const t of state.tiles) {
    const [px, py] = toMap(t.x0, t.y0);
    const size = t.sizeUm * l.pxPerUm;
    const selected = state.tile && state.tile.id === t.id;
    g.strokeStyle = selected ? '#000' : 'rgba(0, 0, 0, 0.25)';
    g.lineWidth = selected ? 3 : 1;
    g.strokeRect(px, py, size, size);
  }
}

function tileAt(event) {
  const canvas = $('tile-grid');
  const k = canvas.width / canvas.clientWidth;
  const l = state.layout;
  const x = l.minX + (event.offsetX * k - l.left) / l.pxPerUm;
  const y = l.minY + (event.offsetY * k - l.top) / l.pxPerUm;
  return state.tiles.find(t => x >= t.x0 && x < t.x0 + t.sizeUm && y >= t.y0 && y < t.y0 + t.sizeUm);
}

function clearTile() {
  $('tile-title').textContent = 'Click a tile on the map';
  for (const id of ['cell-count', 'near-count', 'learned-count', 'tile-split']) {
    $(id).textContent = '-';
  }
  const c = $('tile-canvas');
  c.getContext('2d').clearRect(0, 0, c.width, c.height);
  delete $('tile-panel').dataset.loaded;
  $('he-crop').hidden = true;
  $('he-caption').textContent = 'H&E';
  $('cell-legend').replaceChildren();
}

async function selectTile(tile) {
  state.tile = tile;
  drawGrid();
  clearTile();
  $('tile-title').textContent = 'Tile ' + tile.id + ' (row ' + tile.row + ', col ' + tile.col + ')';
  const enc = encodeURIComponent(tile.id);
  const he = $('he-crop');
  const image = new Promise(resolve => {
    he.onload = () => { he.hidden = false; $('he-caption').textContent = 'H&E crop, ' + he.naturalWidth + ' px'; resolve(); };
    he.onerror = () => { he.hidden = true; $('he-caption').textContent = 'no H&E image for this section'; resolve(); };
    he.src = '/api/tiles/' + enc + '/he.png';
  });
  let sub;
  try {
    sub = await getJson('/api/tiles/' + enc + '/subgraph?scale=' + $('edge-scale').value);
  } catch (e) {
    status(e.message);
    return;
  }
  if (state.tile !== tile) {
    return; // another tile was clicked meanwhile
  }
  await image;
  state.subgraph = sub;
  $('cell-count').textContent = sub.cells.length;
  $('near-count').textContent = sub.near.length;
  $('learned-count').textContent = sub.learned.length;
  $('tile-split').textContent = tile.split;
  drawTile();
  $('tile-panel').dataset.loaded = tile.id;
}

/** Colour of each cell and the legend: by the map's cluster scale, or by cell-type label. */
function cellColours(cells) {
  const legend = new Map();
  let colourOf;
  if ($('colour-by').value === 'label') {
    const labels = [...new Set(cells.map(c => c.cellType || 'unlabelled'))].sort();
    labels.forEach((label, i) => legend.set(label, PALETTE[i % PALETTE.length]));
    colourOf = c => legend.get(c.cellType || 'unlabelled');
  } else {
    const property = CLUSTER_PROPERTY[state.layout ? state.layout.scale : 'expression'];
    const known = new Map((state.layout ? state.layout.clusters : []).map(k => [k.id, k.colour]));
    const none = state.layout ? state.layout.unclusteredColour : '#dddddd';
    colourOf = c => known.get(c[property]) || none;
    for (const c of cells) {
      const k = c[property];
      legend.set(k == null ? 'no cluster' : 'cluster ' + k, colourOf(c));
    }
  }
  return {colourOf, legend};
}

function drawTile() {
  const tile = state.tile;
  const sub = state.subgraph;
  const canvas = $('tile-canvas');
  const g = canvas.getContext('2d');
  const k = canvas.width / tile.sizeUm;
  const at = c => [(c.x - tile.x0) * k, (c.y - tile.y0) * k];
  g.clearRect(0, 0, canvas.width, canvas.height);
  const he = $('he-crop');
  if (!he.hidden && he.naturalWidth > 0) {
    g.globalAlpha = 0.55;
    g.drawImage(he, 0, 0, canvas.width, canvas.height);
    g.globalAlpha = 1;
  }
  const byId = new Map(sub.cells.map(c => [c.cellId, c]));
  g.strokeStyle = 'rgba(90, 90, 90, 0.7)';
  g.lineWidth = 1;
  for (const e of sub.near) {
    line(g, at(byId.get(e.source)), at(byId.get(e.target)));
  }
  g.lineWidth = 2;
  for (const e of sub.learned) {
    if (byId.has(e.source) && byId.has(e.target)) {
      g.strokeStyle = 'rgba(214, 39, 40, ' + Math.max(0.2, e.probability) + ')';
      line(g, at(byId.get(e.source)), at(byId.get(e.target)));
    }
  }
  const {colourOf, legend} = cellColours(sub.cells);
  for (const c of sub.cells) {
    const [x, y] = at(c);
    g.fillStyle = colourOf(c);
    g.beginPath();
    g.arc(x, y, 4, 0, 2 * Math.PI);
    g.fill();
    g.strokeStyle = '#333';
    g.lineWidth = 0.5;
    g.stroke();
  }
  const list = $('cell-legend');
  list.replaceChildren();
  for (const [name, colour] of [...legend.entries()].sort()) {
    const li = document.createElement('li');
    li.textContent = name;
    li.style.setProperty('--c', colour);
    list.append(li);
  }
  canvas.dataset.cells = String(sub.cells.length);
}

function line(g, [x1, y1], [x2, y2]) {
  g.beginPath();
  g.moveTo(x1, y1);
  g.lineTo(x2, y2);
  g.stroke();
}

$('section').addEventListener('change', loadSection);
$('scale').addEventListener('change', async () => {
  const tile = state.tile;
  await loadSection();
  if (tile && state.layout) {
    await selectTile(tile);
  }
});
$('edge-scale').addEventListener('change', () => state.tile && selectTile(state.tile));
$('colour-by').addEventListener('change', () => state.subgraph && state.tile && drawTile());
$('tile-grid').addEventListener('click', event => {
  const tile = state.layout && tileAt(event);
  if (tile) {
    selectTile(tile);
  }
});
loadSections().catch(e => status(e.message));
