'use strict';
// The draw-and-predict page: no library, nothing fetched but this server's own API.
(function () {
  const pad = document.getElementById('pad');
  const ctx = pad.getContext('2d');
  const seen = document.getElementById('seen');
  const modelSelect = document.getElementById('model');
  const answer = document.getElementById('answer');
  const bars = document.getElementById('bars');
  const error = document.getElementById('error');
  let drawing = false;
  let inked = false;
  let last = null;

  function clearPad() {
    ctx.clearRect(0, 0, pad.width, pad.height);
    inked = false;
    answer.textContent = '\u2013';
    bars.replaceChildren();
    error.textContent = '';
  }

  function point(e) {
    const r = pad.getBoundingClientRect();
    return { x: (e.clientX - r.left) * pad.width / r.width, y: (e.clientY - r.top) * pad.height / r.height };
  }

  pad.addEventListener('pointerdown', (e) => {
    drawing = true;
    last = point(e);
    pad.setPointerCapture(e.pointerId);
    stroke(last, last);
  });
  pad.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    const p = point(e);
    stroke(last, p);
    last = p;
  });
  function finish() {
    if (!drawing) return;
    drawing = false;
    if (inked) predictDrawing();
  }
  pad.addEventListener('pointerup', finish);
  pad.addEventListener('pointercancel', finish);

  function stroke(from, to) {
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 18;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    inked = true;
  }

  function selectedModel() {
    return modelSelect.value ? '?model=' + encodeURIComponent(modelSelect.value) : '';
  }

  async function post(body, type) {
    error.textContent = '';
    const res = await fetch('/api/predict' + selectedModel(), {
      method: 'POST', headers: { 'Content-Type': type }, body: body
    });
    const json = await res.json();
    if (!res.ok) {
      error.textContent = json.error + (json.field ? ' (' + json.field + ')' : '');
      return;
    }
    show(json);
  }

  function predictDrawing() {
    pad.toBlob((blob) => post(blob, 'image/png'), 'image/png');
  }

  function show(result) {
    answer.textContent = result.label;
    answer.dataset.label = result.label;
    bars.replaceChildren();
    result.probabilities.forEach((p, i) => {
      const li = document.createElement('li');
      if (i === result['class']) li.className = 'best';
      const label = document.createElement('span');
      label.className = 'label';
      label.textContent = result.labels[i];
      const bar = document.createElement('span');
      bar.className = 'bar';
      bar.style.width = Math.max(1, Math.round(p * 180)) + 'px';
      const value = document.createElement('span');
      value.textContent = (100 * p).toFixed(1) + ' %';
      li.append(label, bar, value);
      bars.append(li);
    });
    if (result.input) paint(seen, result.input.map((v) => Math.round(255 * v)));
  }

  function paint(canvas, pixels) {
    const small = document.createElement('canvas');
    small.width = 28;
    small.height = 28;
    const sctx = small.getContext('2d');
    const img = sctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = pixels[i];
      img.data[4 * i + 3] = 255;
    }
    sctx.putImageData(img, 0, 0);
    const c = canvas.getContext('2d');
    c.imageSmoothingEnabled = false;
    c.drawImage(small, 0, 0, canvas.width, canvas.height);
  }

  async function loadSamples() {
    const res = await fetch('/api/sample_images?count=25');
    const json = await res.json();
    const grid = document.getElementById('samples');
    grid.replaceChildren();
    json.images.forEach((image) => {
      const c = document.createElement('canvas');
      c.width = 28;
      c.height = 28;
      c.tabIndex = 0;
      c.title = 'test image ' + image.index + ' (a ' + image.digit + ')';
      c.dataset.digit = image.digit;
      paint(c, image.pixels);
      const pick = () => {
        clearPad();
        paint(seen, image.pixels);
        post(JSON.stringify({ pixels: image.pixels.map((v) => v / 255) }), 'application/json');
      };
      c.addEventListener('click', pick);
      c.addEventListener('keydown', (e) => { if (e.key === 'Enter') pick(); });
      grid.append(c);
    });
  }

  async function loadModels(select) {
    const res = await fetch('/api/models');
    const json = await res.json();
    const keep = select || modelSelect.value;
    modelSelect.replaceChildren();
    json.models.forEach((m) => {
      const o = document.createElement('option');
      o.value = m.id;
      o.textContent = m.id;
      o.dataset.description = m.description;
      o.dataset.layers = m.input + ' \u2192 ' + m.layers.join(' \u2192 ');
      modelSelect.append(o);
    });
    if (keep && json.models.some((m) => m.id === keep)) modelSelect.value = keep;
    describeModel();
  }

  function describeModel() {
    const o = modelSelect.selectedOptions[0];
    document.getElementById('model-info').textContent = o ? o.dataset.description : 'no model loaded';
    document.getElementById('model-layers').textContent = o ? o.dataset.layers : '';
  }

  document.getElementById('clear').addEventListener('click', clearPad);
  document.getElementById('more').addEventListener('click', loadSamples);
  modelSelect.addEventListener('change', () => {
    describeModel();
    if (inked) predictDrawing();
  });
  loadModels();
  loadSamples();
  TrainingPanel(loadModels);
})();

// Training from the page: the form, the run's events (Server-Sent Events), its curves and confusion matrices.
function TrainingPanel(reloadModels) {
  const $ = (id) => document.getElementById(id);
  const form = $('train-form');
  const kind = $('train-kind');
  const state = $('train-state');
  const bar = $('train-progress');
  const error = $('train-error');
  const start = $('train-start');
  const cancel = $('train-cancel');
  let tokenRequired = false;
  let events = null;
  let planned = 0;
  let history = [];

  function list(text) {
    return text.split(',').map((v) => v.trim()).filter((v) => v !== '').map(Number);
  }

  function request() {
    const body = { epochs: Number($('train-epochs').value), backend: $('train-backend').value };
    if (kind.value !== 'reference') {
      body.recipe = kind.value;
      return body;
    }
    return Object.assign(body, {
      digits: list($('train-digits').value), rule: $('train-rule').value,
      learningRate: Number($('train-lr').value), hidden: list($('train-hidden').value),
      data: $('train-data').value, batchSize: Number($('train-batch').value)
    });
  }

  function headers() {
    const h = { 'Content-Type': 'application/json' };
    if (tokenRequired) h.Authorization = 'Bearer ' + $('train-token').value.trim();
    return h;
  }

  function setState(text, name) {
    state.textContent = text;
    state.dataset.state = name;
    const running = name === 'running';
    start.disabled = running;
    cancel.disabled = !running;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const res = await fetch('/api/train', { method: 'POST', headers: headers(), body: JSON.stringify(request()) });
    const json = await res.json();
    if (!res.ok) {
      error.textContent = json.error + (json.field ? ' (' + json.field + ')' : '');
      return;
    }
    history = [];
    planned = request().epochs;
    clearConfusion();
    drawCurves();
    setState('Run ' + json.job + ' started: ' + json.request, 'running');
    follow();
  });

  cancel.addEventListener('click', async () => {
    const res = await fetch('/api/train/cancel', { method: 'POST', headers: headers() });
    if (!res.ok) {
      const json = await res.json();
      error.textContent = json.error;
    }
  });

  kind.addEventListener('change', () => {
    $('reference-options').disabled = kind.value !== 'reference';
    const recipe = kind.selectedOptions[0];
    if (recipe.dataset.epochs) $('train-epochs').value = recipe.dataset.epochs;
  });

  function follow() {
    if (events) events.close();
    events = new EventSource('/api/events');
    events.addEventListener('progress', (e) => {
      const p = JSON.parse(e.data);
      bar.value = ((p.epoch - 1) + p.samplesDone / p.samplesInEpoch) / p.epochs;
      setState('Epoch ' + p.epoch + ' of ' + p.epochs + ': ' + p.samplesDone + ' of ' + p.samplesInEpoch
        + ' samples, loss ' + (p.loss === null ? 'not finite' : p.loss.toFixed(4)), 'running');
    });
    events.addEventListener('epoch', (e) => {
      const p = JSON.parse(e.data);
      planned = p.epochs;
      history.push(p);
      bar.value = p.epoch / p.epochs;
      setState('Epoch ' + p.epoch + ' of ' + p.epochs + ': loss ' + fixed(p.loss, 4) + ', training '
        + percent(p.trainAccuracy) + ', test ' + percent(p.testAccuracy), 'running');
      drawCurves();
    });
    events.addEventListener('finished', (e) => {
      events.close();
      events = null;
      finished(JSON.parse(e.data), true);
    });
  }

  function fixed(v, digits) { return v === null ? 'not finite' : v.toFixed(digits); }
  function percent(v) { return v === null ? '\u2013' : (100 * v).toFixed(2) + ' %'; }

  // A run that ended: its curves and confusion matrices; one that ended while watched also selects its model.
  function finished(r, live) {
    history = r.history;
    if (history.length > planned) planned = history.length;
    drawCurves();
    let text = 'Run ' + r.job + ' ' + (r.state === 'done' ? 'done' : r.state + ': ' + r.message);
    if (r.test) {
      text += '; test accuracy ' + percent(r.test.accuracy) + ', training ' + percent(r.training.accuracy);
      heatmap($('confusion-training'), r.labels, r.training.confusion);
      heatmap($('confusion-test'), r.labels, r.test.confusion);
    }
    if (r.model) text += '; now offered as model ' + r.model;
    bar.value = r.state === 'done' ? 1 : bar.value;
    setState(text, r.state);
    if (r.model && live) reloadModels(r.model);
  }

  function clearConfusion() {
    ['confusion-training', 'confusion-test'].forEach((id) => $(id).querySelector('table').replaceChildren());
  }

  // Rows are the true classes, columns the predicted ones; a cell's shade is its share of the row.
  function heatmap(figure, labels, confusion) {
    const table = figure.querySelector('table');
    table.replaceChildren();
    const head = document.createElement('tr');
    head.append(document.createElement('th'));
    labels.forEach((l) => {
      const th = document.createElement('th');
      th.textContent = l;
      head.append(th);
    });
    table.append(head);
    confusion.forEach((row, i) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.textContent = labels[i];
      tr.append(th);
      const total = row.reduce((a, b) => a + b, 0) || 1;
      row.forEach((n, j) => {
        const td = document.createElement('td');
        td.textContent = n;
        const share = n / total;
        td.style.background = i === j ? 'rgba(22,163,74,' + (0.15 + 0.85 * share) + ')'
          : n === 0 ? '#fff' : 'rgba(220,38,38,' + (0.15 + 0.85 * share) + ')';
        if (share > 0.6) td.style.color = '#fff';
        td.title = 'true ' + labels[i] + ', predicted ' + labels[j] + ': ' + n;
        tr.append(td);
      });
      table.append(tr);
    });
  }

  // Loss on the left axis (from 0 to its largest value), accuracies on the right (0 to 100 %).
  function drawCurves() {
    const c = $('curves');
    const g = c.getContext('2d');
    const left = 44, right = c.width - 40, top = 12, bottom = c.height - 26;
    g.clearRect(0, 0, c.width, c.height);
    g.strokeStyle = '#d6d9e0';
    g.fillStyle = '#5a6272';
    g.font = '11px system-ui, sans-serif';
    g.strokeRect(left, top, right - left, bottom - top);
    const epochs = Math.max(planned, history.length, 1);
    const losses = history.map((p) => p.loss).filter((v) => v !== null);
    const maxLoss = losses.length ? Math.max(...losses) * 1.05 || 1 : 1;
    const x = (e) => left + (right - left) * (epochs === 1 ? 1 : (e - 1) / (epochs - 1));
    for (let i = 0; i <= 4; i++) {
      const y = bottom - (bottom - top) * i / 4;
      g.fillText((maxLoss * i / 4).toFixed(2), 4, y + 4);
      g.fillText(25 * i + '%', right + 6, y + 4);
    }
    g.fillText('epoch 1', left, c.height - 8);
    g.fillText(String(epochs), right - 12, c.height - 8);
    const line = (color, value, scale) => {
      g.strokeStyle = color;
      g.lineWidth = 2;
      g.beginPath();
      let drawn = false;
      history.forEach((p) => {
        const v = value(p);
        if (v === null) return;
        const y = bottom - (bottom - top) * v / scale;
        if (drawn) g.lineTo(x(p.epoch), y); else g.moveTo(x(p.epoch), y);
        drawn = true;
      });
      g.stroke();
      history.forEach((p) => {
        const v = value(p);
        if (v === null) return;
        g.fillStyle = color;
        g.fillRect(x(p.epoch) - 2, bottom - (bottom - top) * v / scale - 2, 4, 4);
      });
    };
    line('#dc2626', (p) => p.loss, maxLoss);
    line('#3b82f6', (p) => p.trainAccuracy, 1);
    line('#16a34a', (p) => p.testAccuracy, 1);
  }

  async function load() {
    const res = await fetch('/api/status');
    const s = await res.json();
    tokenRequired = s.tokenRequired;
    $('token-field').hidden = !tokenRequired;
    const backends = $('train-backend');
    s.backends.forEach((b) => {
      const o = document.createElement('option');
      o.value = o.textContent = b;
      backends.append(o);
    });
    s.recipes.forEach((r) => {
      const o = document.createElement('option');
      o.value = r.id;
      o.textContent = 'recipe ' + r.id;
      o.dataset.epochs = r.epochs;
      kind.append(o);
    });
    drawCurves();
    const t = s.training;
    if (t.state === 'running') {
      // The stream replays the run's events from its first, so the curves fill in from there.
      planned = t.epochs;
      history = [];
      drawCurves();
      setState('Run ' + t.job + ' is going: ' + t.request, 'running');
      follow();
    } else if (t.state !== 'idle') {
      const r = await fetch('/api/results');
      if (r.ok) {
        const results = await r.json();
        planned = results.history.length;
        finished(results, false);
      }
    }
  }

  load();
}
