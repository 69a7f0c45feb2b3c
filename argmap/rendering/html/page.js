// The interactive page of an argmap map: pan and zoom, search, a selected claim's line
// of reasoning and details, the outline tree, and the reader's place across reloads.
// Map text is only ever given to textContent and setAttribute: never parsed as HTML,
// never put into a CSS selector (ids are compared as strings).
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('argmap-data').textContent);
  const view = document.getElementById('view');
  const svgs = Array.from(view.querySelectorAll('.picture > svg'));
  const tree = document.querySelector('#outline [role="tree"]');
  const items = Array.from(tree.querySelectorAll('[role="treeitem"]'));
  const search = document.getElementById('search');
  const count = document.getElementById('count');
  const panel = document.getElementById('panel');
  const claims = new Map(data.claims.map((c) => [c.id, c]));

  // ---- The map's ids to elements, and the relations as a graph ----
  const nodes = new Map(); // claim id -> its <g> in each picture
  const edges = new Map(); // relation index -> the elements that draw it
  for (const svg of svgs) {
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    for (const g of svg.querySelectorAll('g.node[data-id]')) {
      const id = g.getAttribute('data-id');
      if (!claims.has(id)) continue;
      if (!nodes.has(id)) nodes.set(id, []);
      nodes.get(id).push(g);
      g.setAttribute('tabindex', '0'); // the hidden picture's claims are skipped by Tab
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', claims.get(id).text);
    }
    for (const e of svg.querySelectorAll('[data-relation]')) {
      const index = Number(e.getAttribute('data-relation'));
      if (!edges.has(index)) edges.set(index, []);
      edges.get(index).push(e);
    }
  }
  const firstItem = new Map(); // claim id -> its first (full) entry in the outline
  for (const item of items) {
    const id = item.getAttribute('data-id');
    if (!firstItem.has(id)) firstItem.set(id, item);
  }
  const byTarget = new Map(); // claim id -> relations that bear on it
  const bySource = new Map(); // claim id -> relations it is a source of
  const undercuts = new Map(); // relation index -> the undercuts of its inference
  const push = (map, key, value) => {
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(value);
  };
  data.relations.forEach((r, i) => {
    r.sources.forEach((s) => push(bySource, s, i));
    if (r.target !== undefined) push(byTarget, r.target, i);
    else if (r.relation !== null) push(undercuts, r.relation, i);
  });

  // ---- The view: pan and zoom, redrawn as vectors so it is sharp at any zoom ----
  // While the reader drags or zooms, the drawn picture only moves and scales (a CSS
  // transform the compositor applies: every frame is cheap). Once the gesture rests the
  // vectors are redrawn: a pan moves a group around the picture's content (cheap), a
  // zoom changes the viewBox's size (the browser lays out all the text again, which on
  // a large map takes a good part of a second: so only when the zoom changed).
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const base = svgs[0].viewBox.baseVal;
  const home = { x: base.x, y: base.y, w: base.width, h: base.height };
  const pans = svgs.map((svg) => {
    const group = document.createElementNS(SVG_NS, 'g');
    group.setAttribute('class', 'argmap-pan');
    for (const child of Array.from(svg.childNodes)) {
      if (child.nodeName !== 'style' && child.nodeName !== 'title') group.append(child);
    }
    svg.append(group);
    return group;
  });
  let box = { ...home }; // what the reader asked to see
  let drawn = { ...home }; // what the pictures show as vectors
  let frame = 0;
  let settle = 0;
  const MIN_WIDTH = home.w / 60; // zoomed in: a claim fills the screen, no further
  const MAX_WIDTH = home.w * 4;
  const REST = 200; // ms without a gesture before the vectors are redrawn

  // SVG units per CSS pixel, and where ``b`` starts on the screen (the picture keeps
  // its proportions, centred: preserveAspectRatio's default, xMidYMid meet).
  function metricsOf(b) {
    const r = view.getBoundingClientRect();
    const scale = Math.max(b.w / r.width, b.h / r.height) || 1;
    return {
      r,
      scale,
      left: b.x - (r.width * scale - b.w) / 2,
      top: b.y - (r.height * scale - b.h) / 2,
    };
  }
  function metrics() {
    return metricsOf(box);
  }
  function move() {
    frame = 0;
    const was = metricsOf(drawn);
    const now = metricsOf(box);
    const k = was.scale / now.scale;
    const x = (was.left - now.left) / now.scale;
    const y = (was.top - now.top) / now.scale;
    for (const svg of svgs) svg.style.transform = `translate(${x}px, ${y}px) scale(${k})`;
  }
  function flush() {
    if (frame) cancelAnimationFrame(frame);
    clearTimeout(settle);
    frame = settle = 0;
    const zoomed = box.w !== drawn.w || box.h !== drawn.h;
    drawn = { ...box };
    const size = `${home.x} ${home.y} ${box.w} ${box.h}`;
    const pan = `translate(${home.x - box.x} ${home.y - box.y})`;
    svgs.forEach((svg, i) => {
      if (zoomed) svg.setAttribute('viewBox', size);
      pans[i].setAttribute('transform', pan);
      svg.style.transform = '';
    });
    view.removeAttribute('data-moving');
  }
  function schedule() {
    // Until the redraw, the view says it is moving (scripts and tests wait for it).
    view.setAttribute('data-moving', '');
    if (!frame) frame = requestAnimationFrame(move);
    clearTimeout(settle);
    settle = setTimeout(flush, REST);
    remember();
  }
  function toPicture(cx, cy) {
    const m = metrics();
    return { x: m.left + (cx - m.r.left) * m.scale, y: m.top + (cy - m.r.top) * m.scale };
  }
  function zoomAt(factor, cx, cy) {
    const f = Math.min(Math.max(factor, MIN_WIDTH / box.w), MAX_WIDTH / box.w);
    const p = toPicture(cx, cy);
    box = { x: p.x - (p.x - box.x) * f, y: p.y - (p.y - box.y) * f, w: box.w * f, h: box.h * f };
    schedule();
  }
  function zoomCentre(factor) {
    const r = view.getBoundingClientRect();
    zoomAt(factor, r.left + r.width / 2, r.top + r.height / 2);
  }
  function panBy(dx, dy) {
    const s = metrics().scale;
    box = { ...box, x: box.x - dx * s, y: box.y - dy * s };
    schedule();
  }
  function fit() {
    box = { ...home };
    schedule();
  }
  // The claim's box on the screen, in the picture shown (the other one is hidden).
  function shownNode(id) {
    return (nodes.get(id) || []).find((g) => g.getBoundingClientRect().width > 0);
  }
  // Brings a claim into view: centred if it is off screen or too small to read.
  function reveal(id, always) {
    flush();
    const g = shownNode(id);
    if (!g) return;
    const c = g.getBoundingClientRect();
    const r = view.getBoundingClientRect();
    const inside = c.left >= r.left && c.right <= r.right && c.top >= r.top && c.bottom <= r.bottom;
    if (c.width < 120) {
      zoomAt(Math.max(c.width / 240, MIN_WIDTH / box.w), c.left + c.width / 2, c.top + c.height / 2);
    } else if (inside && !always) {
      return;
    }
    flush();
    const d = g.getBoundingClientRect();
    panBy(r.left + r.width / 2 - (d.left + d.width / 2), r.top + r.height / 2 - (d.top + d.height / 2));
  }

  // Drag with a mouse, pen or one finger; pinch with two.
  const pointers = new Map();
  let moved = false;
  let pinch = 0;
  view.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    moved = false;
    pinch = 0;
  });
  view.addEventListener('pointermove', (event) => {
    const last = pointers.get(event.pointerId);
    if (!last) return;
    const dx = event.clientX - last.x;
    const dy = event.clientY - last.y;
    if (!moved && Math.hypot(dx, dy) < 4 && pointers.size === 1) return;
    if (!moved) {
      moved = true;
      view.classList.add('dragging');
      view.setPointerCapture(event.pointerId); // only now: a click still reaches a claim
    }
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.size === 1) {
      panBy(dx, dy);
    } else if (pointers.size === 2) {
      const [a, b] = Array.from(pointers.values());
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      if (pinch) zoomAt(pinch / distance, (a.x + b.x) / 2, (a.y + b.y) / 2);
      pinch = distance;
      panBy(dx / 2, dy / 2);
    }
  });
  const release = (event) => {
    pointers.delete(event.pointerId);
    pinch = 0;
    if (!pointers.size) view.classList.remove('dragging');
  };
  view.addEventListener('pointerup', release);
  view.addEventListener('pointercancel', release);
  view.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? view.clientHeight : 1;
      const speed = event.ctrlKey ? 0.01 : 0.0015; // ctrlKey: a touchpad's pinch
      zoomAt(Math.exp(event.deltaY * unit * speed), event.clientX, event.clientY);
    },
    { passive: false },
  );
  document.getElementById('zoom-in').addEventListener('click', () => zoomCentre(1 / 1.25));
  document.getElementById('zoom-out').addEventListener('click', () => zoomCentre(1.25));
  document.getElementById('fit').addEventListener('click', fit);

  // ---- Selection: the claim, the reasons under it and what it bears on ----
  let selected = null;
  let lit = [];

  function concluded(index) {
    let r = data.relations[index];
    for (let guard = 0; r && r.target === undefined && guard < data.relations.length; guard++) {
      r = data.relations[r.relation];
    }
    return r ? r.target : undefined;
  }
  // The claims and relations above and below ``id``, transitively.
  function line(id) {
    const seenClaims = new Set([id]);
    const seenRelations = new Set();
    const up = [id];
    const upRelation = (i) => {
      if (seenRelations.has(i)) return;
      seenRelations.add(i);
      for (const s of data.relations[i].sources) {
        if (!seenClaims.has(s)) { seenClaims.add(s); up.push(s); }
      }
      for (const u of undercuts.get(i) || []) upRelation(u);
    };
    while (up.length) for (const i of byTarget.get(up.pop()) || []) upRelation(i);
    const down = [id];
    const downSeen = new Set([id]);
    while (down.length) {
      for (const i of bySource.get(down.pop()) || []) {
        seenRelations.add(i);
        const t = concluded(i);
        if (t !== undefined && !downSeen.has(t)) {
          downSeen.add(t);
          seenClaims.add(t);
          down.push(t);
        }
      }
    }
    return { claims: seenClaims, relations: seenRelations };
  }

  function select(id, options) {
    const how = options || {};
    for (const e of lit) e.classList.remove('lit', 'selected');
    lit = [];
    selected = claims.has(id) ? id : null;
    for (const svg of svgs) svg.classList.toggle('lighting', selected !== null);
    for (const item of items) {
      item.setAttribute('aria-selected', 'false');
      item.classList.remove('dimmed');
    }
    if (selected === null) {
      panel.hidden = true;
      remember();
      return;
    }
    const reach = line(selected);
    for (const c of reach.claims) for (const g of nodes.get(c) || []) lit.push(g);
    for (const i of reach.relations) for (const e of edges.get(i) || []) lit.push(e);
    for (const e of lit) e.classList.add('lit');
    for (const g of nodes.get(selected) || []) g.classList.add('selected');
    for (const item of items) {
      if (!reach.claims.has(item.getAttribute('data-id'))) item.classList.add('dimmed');
    }
    const item = how.item || firstItem.get(selected);
    if (item) {
      item.setAttribute('aria-selected', 'true');
      expandTo(item);
      rove(item);
      item.firstElementChild.scrollIntoView({ block: 'nearest' });
    }
    if (how.pan) reveal(selected, false);
    show(claims.get(selected));
    remember();
  }

  // The side panel: the claim's text and details, all as text.
  const KINDS = { in: 'in (accepted)', out: 'out (rejected)', undec: 'undecided' };
  function show(claim) {
    document.getElementById('panel-text').textContent = claim.text;
    const list = document.getElementById('panel-details');
    list.replaceChildren();
    const field = (name, value) => {
      const dt = document.createElement('dt');
      dt.textContent = name;
      const dd = document.createElement('dd');
      if (value instanceof Node) dd.append(value);
      else dd.textContent = value;
      list.append(dt, dd);
    };
    field('Kind', claim.kind);
    if (claim.actor) field('Actor', claim.actor);
    if (claim.quote) {
      const quote = document.createElement('blockquote');
      quote.className = 'quote';
      quote.textContent = claim.quote;
      field('Quote', quote);
    }
    if (claim.tags) field('Tags', claim.tags.join(', '));
    if (claim.status) field('Status', KINDS[claim.status] || claim.status);
    if (claim.strength !== undefined) field('Strength', claim.strength.toFixed(2));
    field('Id', claim.id);
    const source = data.source;
    if (source.title || source.author || source.url) {
      const where = document.createElement('span');
      where.textContent = [source.title, source.author].filter(Boolean).join(', ');
      // Only a web address becomes a link: never javascript: or any other scheme.
      if (source.url && /^https?:\/\//i.test(source.url)) {
        const a = document.createElement('a');
        a.setAttribute('href', source.url);
        a.setAttribute('rel', 'noopener noreferrer');
        a.textContent = source.url;
        if (where.textContent) where.append(' ');
        where.append(a);
      } else if (source.url) {
        where.append((where.textContent ? ' ' : '') + source.url);
      }
      field('Source', where);
    }
    panel.hidden = false;
  }

  view.addEventListener('click', (event) => {
    if (moved) return; // the end of a drag
    const g = event.target.closest && event.target.closest('g.node[data-id]');
    select(g && claims.has(g.getAttribute('data-id')) ? g.getAttribute('data-id') : null);
  });
  view.addEventListener('keydown', (event) => {
    const g = event.target.closest && event.target.closest('g.node[data-id]');
    if (g && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      select(g.getAttribute('data-id'));
      return;
    }
    const step = 60;
    const keys = {
      ArrowLeft: () => panBy(step, 0),
      ArrowRight: () => panBy(-step, 0),
      ArrowUp: () => panBy(0, step),
      ArrowDown: () => panBy(0, -step),
      '+': () => zoomCentre(1 / 1.25),
      '=': () => zoomCentre(1 / 1.25),
      '-': () => zoomCentre(1.25),
      0: fit,
    };
    if (keys[event.key] && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      keys[event.key]();
    }
  });
  view.addEventListener('focusin', (event) => {
    const g = event.target.closest && event.target.closest('g.node[data-id]');
    if (g && event.target.matches(':focus-visible')) reveal(g.getAttribute('data-id'), false);
  });
  document.getElementById('close').addEventListener('click', () => select(null));

  // ---- The outline: a WAI-ARIA tree with a roving tabindex ----
  function rove(item) {
    for (const other of items) other.setAttribute('tabindex', other === item ? '0' : '-1');
  }
  function parentItem(item) {
    const group = item.parentElement;
    return group && group !== tree ? group.closest('[role="treeitem"]') : null;
  }
  function expandTo(item) {
    for (let p = parentItem(item); p; p = parentItem(p)) p.setAttribute('aria-expanded', 'true');
  }
  function visibleItems() {
    return items.filter((item) => item.offsetParent !== null);
  }
  function go(item) {
    if (!item) return;
    rove(item);
    item.focus();
    select(item.getAttribute('data-id'), { item, pan: true });
  }
  tree.addEventListener('keydown', (event) => {
    const item = event.target.closest('[role="treeitem"]');
    if (!item || event.altKey || event.ctrlKey || event.metaKey) return;
    const shown = () => visibleItems();
    const expanded = item.getAttribute('aria-expanded');
    const actions = {
      ArrowDown: () => { const v = shown(); go(v[v.indexOf(item) + 1]); },
      ArrowUp: () => { const v = shown(); go(v[v.indexOf(item) - 1]); },
      ArrowRight: () => {
        if (expanded === 'false') item.setAttribute('aria-expanded', 'true');
        else if (expanded === 'true') go(item.querySelector('[role="treeitem"]'));
      },
      ArrowLeft: () => {
        if (expanded === 'true') item.setAttribute('aria-expanded', 'false');
        else go(parentItem(item));
      },
      Home: () => go(shown()[0]),
      End: () => { const v = shown(); go(v[v.length - 1]); },
      Enter: () => go(item),
      ' ': () => go(item),
    };
    if (actions[event.key]) {
      event.preventDefault();
      actions[event.key]();
    }
  });
  tree.addEventListener('click', (event) => {
    const row = event.target.closest('.row');
    if (!row) return;
    const item = row.parentElement;
    const box = row.getBoundingClientRect();
    if (item.hasAttribute('aria-expanded') && event.clientX - box.left < 18) {
      const open = item.getAttribute('aria-expanded') === 'true';
      item.setAttribute('aria-expanded', open ? 'false' : 'true');
      return;
    }
    go(item);
  });

  // ---- Search: every claim whose id, text, quote, tags or actor mention the words ----
  const order = Array.from(firstItem.keys());
  for (const c of data.claims) if (!firstItem.has(c.id)) order.push(c.id);
  let matches = [];
  let current = -1;
  const previousButton = document.getElementById('previous');
  const nextButton = document.getElementById('next');

  function haystack(c) {
    return [c.id, c.text, c.quote || '', (c.tags || []).join(' '), c.actor || '']
      .join('\n')
      .toLocaleLowerCase();
  }
  const texts = new Map(data.claims.map((c) => [c.id, haystack(c)]));

  function mark(id, name, on) {
    for (const g of nodes.get(id) || []) g.classList.toggle(name, on);
    const item = firstItem.get(id);
    if (item) item.classList.toggle(name, on);
  }
  function find(pan) {
    for (const id of matches) { mark(id, 'match', false); mark(id, 'current', false); }
    const query = search.value.trim().toLocaleLowerCase();
    matches = query ? order.filter((id) => texts.get(id).includes(query)) : [];
    for (const id of matches) mark(id, 'match', true);
    current = -1;
    step(matches.length ? 1 : 0, pan);
  }
  function step(by, pan) {
    if (current >= 0) mark(matches[current], 'current', false);
    previousButton.disabled = nextButton.disabled = matches.length === 0;
    if (!matches.length) {
      current = -1;
      count.textContent = search.value.trim() ? 'no match' : '';
      remember();
      return;
    }
    current = (current + by + matches.length) % matches.length;
    if (current < 0) current = 0;
    mark(matches[current], 'current', true);
    count.textContent = `${current + 1} of ${matches.length}`;
    const item = firstItem.get(matches[current]);
    if (item) {
      expandTo(item);
      item.firstElementChild.scrollIntoView({ block: 'nearest' });
    }
    if (pan) reveal(matches[current], true);
    remember();
  }
  search.addEventListener('input', () => find(true));
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1, true);
    } else if (event.key === 'Escape' && search.value) {
      event.preventDefault();
      event.stopPropagation();
      search.value = '';
      find(false);
    }
  });
  previousButton.addEventListener('click', () => step(-1, true));
  nextButton.addEventListener('click', () => step(1, true));

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) select(null);
    // '/' goes to the search, as on many sites, unless the reader is typing.
    if (event.key === '/' && !event.ctrlKey && !event.metaKey && event.target !== search) {
      event.preventDefault();
      search.focus();
      search.select();
    }
  });

  // ---- The reader's place, kept across reloads (argmap watch reloads the page) ----
  const KEY = `argmap-view:${location.pathname}`;
  let saving = 0;
  function remember() {
    if (saving) return;
    saving = setTimeout(() => {
      saving = 0;
      try {
        sessionStorage.setItem(
          KEY,
          JSON.stringify({ box: [box.x, box.y, box.w, box.h], selected, query: search.value }),
        );
      } catch (error) {
        // No storage (a sandboxed frame): the place is simply not kept.
      }
    }, 200);
  }
  function restore() {
    let place = null;
    try {
      place = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    } catch (error) {
      return;
    }
    if (!place || typeof place !== 'object') return;
    const b = place.box;
    if (Array.isArray(b) && b.length === 4 && b.every(Number.isFinite) && b[2] > 0 && b[3] > 0) {
      box = { x: b[0], y: b[1], w: b[2], h: b[3] };
      flush();
    }
    if (typeof place.query === 'string' && place.query) {
      search.value = place.query;
      find(false);
    }
    if (typeof place.selected === 'string' && claims.has(place.selected)) select(place.selected);
  }

  // Print the whole picture, then come back to where the reader was.
  let beforePrint = null;
  window.addEventListener('beforeprint', () => {
    beforePrint = box;
    box = { ...home };
    flush();
  });
  window.addEventListener('afterprint', () => {
    if (beforePrint) box = beforePrint;
    flush();
  });

  restore();
  document.documentElement.classList.add('ready');
})();
