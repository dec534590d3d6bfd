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

  async function loadModels() {
    const res = await fetch('/api/models');
    const json = await res.json();
    json.models.forEach((m) => {
      const o = document.createElement('option');
      o.value = m.id;
      o.textContent = m.id;
      o.dataset.description = m.description;
      modelSelect.append(o);
    });
    describeModel();
  }

  function describeModel() {
    const o = modelSelect.selectedOptions[0];
    document.getElementById('model-info').textContent = o ? o.dataset.description : 'no model loaded';
  }

  document.getElementById('clear').addEventListener('click', clearPad);
  document.getElementById('more').addEventListener('click', loadSamples);
  modelSelect.addEventListener('change', () => {
    describeModel();
    if (inked) predictDrawing();
  });
  loadModels();
  loadSamples();
})();
