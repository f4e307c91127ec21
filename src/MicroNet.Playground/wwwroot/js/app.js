// Over 350 lines: the page's one controller, wiring every control to the session; the drawing lives in its own modules.
// The playground page: one session per tab on the server, which trains; this page sends the settings (the link after
// '#', which the server reads and returns in canonical form), shows the frames it pushes, and opens graphs.

import { api } from './api.js';
import { LossChart } from './chart.js';
import { CLASS_COLORS, css, gradientCss } from './colors.js';
import { Inspector, formatNumber } from './inspector.js';
import { NetworkView } from './network.js';
import { Plot } from './plot.js';

const $ = (id) => document.getElementById(id);

// What the tests and the frame-rate measurement read: window.micronet.
const stats = { sessionId: null, framesRendered: 0, firstFrameAt: 0, lastFrame: null, state: null, points: 0, errors: [] };
window.micronet = stats;

const app = {
  options: null,
  snapshot: null,
  events: null,
  pendingFrame: null,
  addClass: 1,
  queue: Promise.resolve(),
};

let statusTimer = 0;
function setStatus(message, error = false) {
  const status = $('status');
  status.textContent = message;
  status.classList.toggle('error', error);
  if (error) stats.errors.push(message);
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => (status.textContent = ''), error ? 9000 : 4000);
}

const plot = new Plot($('plot'), {
  onAdd: (x, y) => addPoint(x, y),
  onDelete: (index) => deletePoint(index),
  onPick: (index) => {
    inspector.setPicking(false);
    inspector.open(inspector.target.layer, inspector.target.neuron, index);
  },
});
const chart = new LossChart($('chart'));
const network = new NetworkView($('network'), {
  onToggleFeature: (key) => change((p) => {
    const features = p.get('features').split(',').filter(Boolean);
    p.set('features', features.includes(key) ? features.filter((f) => f !== key).join(',') : [...features, key].join(','));
  }),
  onResizeLayer: (layer, delta) => change((p) => {
    const sizes = layersOf(p);
    sizes[layer] = Math.max(1, Math.min(app.options.limits.maxNeurons, sizes[layer] + delta));
    p.set('layers', sizes.join(','));
  }),
  onInspect: (layer, neuron) => {
    const point = inspector.target?.point ?? firstTrainingPoint();
    inspector.open(layer, neuron, point);
  },
});
const inspector = new Inspector(
  {
    panel: $('inspector'), title: $('inspector-title'), close: $('inspector-close'), point: $('graph-point'), pick: $('graph-pick'),
    form: $('graph-form'), refresh: $('graph-refresh'), restart: $('step-restart'), back: $('step-back'), next: $('step-next'),
    play: $('step-play'), all: $('step-all'), dot: $('graph-dot'), info: $('graph-info'), readout: $('step-readout'), view: $('graph-view'),
    zoomIn: $('zoom-in'), zoomOut: $('zoom-out'), zoomFit: $('zoom-fit'),
  },
  {
    fetchGraph: (layer, neuron, point, form) => api.graph(app.snapshot.id, layer, neuron, point, form),
    onTarget: (target) => {
      network.markInspected(target);
      plot.highlight = target ? target.point : -1;
      plot.draw();
    },
    onPicking: (on) => {
      plot.picking = on;
      $('plot').classList.toggle('picking', on);
    },
  });

function layersOf(params) {
  const text = params.get('layers') ?? '';
  return text ? text.split(',').map(Number) : [];
}

function firstTrainingPoint() {
  const index = app.snapshot.points.test.indexOf(0);
  return index < 0 ? 0 : index;
}

// Every change goes through the server, one at a time: it checks the new settings and starts the new run.
function change(mutate, { resetEdits = false } = {}) {
  app.queue = app.queue.then(async () => {
    const params = new URLSearchParams(app.snapshot.state);
    mutate(params);
    if (resetEdits) {
      params.delete('add');
      params.delete('remove');
    }
    try {
      applySnapshot(await api.replaceState(app.snapshot.id, params.toString()));
    } catch (error) {
      setStatus(error.message, true);
      fillControls(app.snapshot);
    }
  });
  return app.queue;
}

function addPoint(x, y) {
  const s = app.snapshot;
  const label = s.kind === 'regression' ? Number($('add-value').value) : app.addClass;
  const round = (v) => Number(v.toPrecision(4));
  return change((p) => {
    const added = p.get('add');
    const point = `${round(x)}:${round(y)}:${label}`;
    p.set('add', added ? `${added};${point}` : point);
  });
}

function deletePoint(index) {
  const origin = app.snapshot.points.origin[index];
  return change((p) => {
    if (origin >= 0) {
      const removed = (p.get('remove') ?? '').split(',').filter(Boolean);
      p.set('remove', [...removed, String(origin)].join(','));
    } else {
      const added = p.get('add').split(';');
      added.splice(-origin - 1, 1);
      if (added.length > 0) p.set('add', added.join(';'));
      else p.delete('add');
    }
  });
}

function select(element, values, labels = values) {
  element.replaceChildren(...values.map((value, i) => new Option(labels[i], value)));
}

function setupControls() {
  const o = app.options;
  const datasets = $('datasets');
  for (const d of o.datasets) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = d.label;
    button.dataset.name = d.name;
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => {
      if (d.name === 'csv') {
        $('csv-file').click();
        return;
      }
      const wasRegression = app.snapshot.kind === 'regression';
      change((p) => {
        p.set('data', d.name);
        for (const key of ['col', 'class', 'pts']) p.delete(key);
        if (!p.has('n')) p.set('n', '200');
        if (!p.has('noise')) p.set('noise', '0.1');
        if (wasRegression !== d.regression) p.delete('loss');
      }, { resetEdits: true });
    });
    datasets.append(button);
  }
  select($('activation'), o.activations);
  select($('optimizer'), o.optimizers);

  const setting = (id, key, options = {}) =>
    $(id).addEventListener('change', () => change((p) => p.set(key, $(id).value), options));
  setting('lr', 'lr');
  setting('activation', 'activation');
  setting('loss', 'loss');
  setting('optimizer', 'optimizer');
  setting('batch', 'batch');
  setting('l2', 'l2');
  setting('n', 'n', { resetEdits: true });
  setting('noise', 'noise', { resetEdits: true });
  setting('train', 'train');
  setting('seed', 'seed', { resetEdits: true });
  $('noise').addEventListener('input', () => ($('noise-value').value = $('noise').value));
  $('train').addEventListener('input', () => ($('train-value').value = `${Math.round($('train').value * 100)}%`));
  $('new-seed').addEventListener('click', () =>
    change((p) => p.set('seed', String(Math.floor(Math.random() * 1_000_000))), { resetEdits: true }));
  $('add-value').addEventListener('input', () => ($('add-value-text').value = $('add-value').value));

  $('add-layer').addEventListener('click', () => change((p) => {
    const sizes = layersOf(p);
    if (sizes.length < o.limits.maxHiddenLayers) sizes.push(2);
    p.set('layers', sizes.join(','));
  }));
  $('remove-layer').addEventListener('click', () => change((p) => {
    const sizes = layersOf(p);
    sizes.pop();
    p.set('layers', sizes.join(','));
  }));

  $('play').addEventListener('click', () => control(app.lastFrame?.playing ? 'pause' : 'play'));
  $('step').addEventListener('click', () => control('step'));
  $('reset').addEventListener('click', () => control('reset'));
  $('copy-link').addEventListener('click', copyLink);
  $('show-test').addEventListener('change', () => {
    plot.showTest = $('show-test').checked;
    plot.draw();
  });
  $('discretize').addEventListener('change', () => {
    plot.discretize = $('discretize').checked;
    plot.draw();
  });
  $('scale').style.background = gradientCss();

  $('csv-file').addEventListener('change', readCsv);
  $('csv-use').addEventListener('click', useCsv);
}

async function control(action) {
  try {
    const result = await api.control(app.snapshot.id, action);
    $('play').setAttribute('aria-pressed', String(result.playing));
    $('play').textContent = result.playing ? 'Pause' : 'Play';
  } catch (error) {
    setStatus(error.message, true);
  }
}

async function copyLink() {
  const link = location.href;
  try {
    await navigator.clipboard.writeText(link);
    setStatus('Link copied: it reproduces this data, network and settings.');
  } catch {
    setStatus(`Copy this link: ${link}`);
  }
}

const csvFile = { name: '', text: '' };

async function readCsv() {
  const file = $('csv-file').files[0];
  if (!file) return;
  if (file.size > app.options.limits.maxCsvChars * 4) {
    setStatus(`The file '${file.name}' is ${(file.size / 1048576).toFixed(1)} MiB; the playground takes CSV files of up to 1 MiB.`, true);
    return;
  }
  csvFile.name = file.name;
  csvFile.text = await file.text();
  try {
    const table = await api.csvColumns(csvFile.name, csvFile.text);
    const numeric = table.columns.filter((c) => c.numeric).map((c) => c.name);
    const all = table.columns.map((c) => c.name);
    select($('csv-x'), numeric);
    select($('csv-y'), numeric);
    select($('csv-label'), all);
    $('csv-x').value = numeric[0] ?? '';
    $('csv-y').value = numeric[1] ?? '';
    $('csv-label').value = [...all].reverse().find((c) => c !== numeric[0] && c !== numeric[1]) ?? all[all.length - 1];
    $('csv-info').textContent = `${table.file}: ${table.rows} rows, ${all.length} columns (${numeric.length} numeric). Pick two numeric columns and the label.`;
    $('csv-columns').hidden = false;
  } catch (error) {
    $('csv-columns').hidden = true;
    setStatus(error.message, true);
  }
}

async function useCsv() {
  const request = {
    file: csvFile.name, text: csvFile.text, x: $('csv-x').value, y: $('csv-y').value, label: $('csv-label').value,
    dropMissing: $('csv-drop').checked,
  };
  app.queue = app.queue.then(async () => {
    try {
      applySnapshot(await api.useCsv(app.snapshot.id, request));
      $('csv-columns').hidden = true;
      setStatus(`Using ${request.file}: x ${request.x}, y ${request.y}, label ${request.label}.`);
    } catch (error) {
      setStatus(error.message, true);
    }
  });
  return app.queue;
}

// The controls show the run's settings as the server read them.
function fillControls(s) {
  const set = s.settings;
  for (const button of $('datasets').children) button.setAttribute('aria-pressed', String(button.dataset.name === set.data));
  const uploaded = set.data === 'csv';
  $('n').value = set.n;
  $('n').disabled = uploaded;
  $('noise').value = set.noise;
  $('noise').disabled = uploaded;
  $('noise-value').value = set.noise;
  $('train').value = set.train;
  $('train-value').value = `${Math.round(set.train * 100)}%`;
  $('seed').value = set.seed;
  $('new-seed').disabled = uploaded;
  if (![...$('lr').options].some((o) => Number(o.value) === set.lr)) $('lr').append(new Option(String(set.lr)));
  $('lr').value = [...$('lr').options].find((o) => Number(o.value) === set.lr).value;
  if (![...$('l2').options].some((o) => Number(o.value) === set.l2)) $('l2').append(new Option(String(set.l2)));
  $('l2').value = [...$('l2').options].find((o) => Number(o.value) === set.l2).value;
  $('activation').value = set.activation;
  $('optimizer').value = set.optimizer;
  $('batch').value = set.batch;
  select($('loss'), s.losses);
  $('loss').value = set.loss;
  $('layer-count').textContent = `${set.layers.length} hidden ${set.layers.length === 1 ? 'layer' : 'layers'}`;
  $('add-layer').disabled = set.layers.length >= app.options.limits.maxHiddenLayers;
  $('remove-layer').disabled = set.layers.length === 0;
}

function fillClasses(s) {
  const box = $('add-class');
  box.replaceChildren();
  const regression = s.kind === 'regression';
  $('add-value-row').hidden = !regression;
  box.hidden = regression;
  if (regression) {
    const [min, max] = s.targetRange;
    const slider = $('add-value');
    slider.min = String(min);
    slider.max = String(max);
    slider.step = String((max - min) / 20);
    if (!(Number(slider.value) >= min && Number(slider.value) <= max)) slider.value = String(max);
    $('add-value-text').value = slider.value;
    return;
  }
  if (app.addClass >= s.classes.length) app.addClass = s.classes.length - 1;
  s.classes.forEach((name, k) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('role', 'radio');
    button.setAttribute('aria-checked', String(k === app.addClass));
    button.setAttribute('aria-pressed', String(k === app.addClass));
    button.dataset.class = String(k);
    const dot = document.createElement('span');
    dot.className = 'dot';
    dot.style.background = css(CLASS_COLORS[k % CLASS_COLORS.length]);
    button.append(dot, `class ${name}`);
    button.addEventListener('click', () => {
      app.addClass = k;
      for (const other of box.children) {
        const on = other === button;
        other.setAttribute('aria-checked', String(on));
        other.setAttribute('aria-pressed', String(on));
      }
    });
    box.append(button);
  });
}

function applySnapshot(s) {
  app.snapshot = s;
  stats.sessionId = s.id;
  stats.state = s.state;
  stats.points = s.points.x.length;
  history.replaceState(null, '', `#${s.state}`);
  fillControls(s);
  fillClasses(s);
  $('summary').textContent = s.summary;
  $('x-name').textContent = s.names.x;
  $('y-name').textContent = s.names.y;
  $('download-model').href = api.modelUrl(s.id);
  $('download-onnx').href = api.onnxUrl(s.id);
  plot.setSnapshot(s);
  network.setSnapshot(s, app.options.features);
  renderFrame(s.frame);
  const pending = app.pendingFrame;
  app.pendingFrame = null;
  if (pending && pending.run === s.frame.run && pending.version > s.frame.version) renderFrame(pending);
  if (inspector.isOpen) {
    const layers = s.network.layers;
    const t = inspector.target;
    if (t.layer > layers.length || t.neuron > layers[t.layer - 1].size || t.point >= s.points.x.length) inspector.close();
    else inspector.load();
  }
}

const numberFormat = new Intl.NumberFormat('en-US');

function renderFrame(frame) {
  app.lastFrame = frame;
  $('epoch').value = numberFormat.format(frame.epoch);
  $('test-loss').textContent = frame.testLoss == null ? '–' : formatNumber(frame.testLoss);
  $('train-loss').textContent = frame.trainLoss == null ? '–' : formatNumber(frame.trainLoss);
  $('test-accuracy').textContent = frame.testAccuracy == null ? '–' : `${(frame.testAccuracy * 100).toFixed(1)}%`;
  $('play').setAttribute('aria-pressed', String(frame.playing));
  $('play').textContent = frame.playing ? 'Pause' : 'Play';
  if (frame.message && frame.message !== app.lastMessage) setStatus(frame.message, true);
  app.lastMessage = frame.message;
  plot.setFrame(frame);
  network.setFrame(frame);
  chart.update(frame);
  stats.framesRendered++;
  if (!stats.firstFrameAt) stats.firstFrameAt = performance.now();
  stats.lastFrame = {
    run: frame.run, version: frame.version, epoch: frame.epoch, playing: frame.playing,
    trainLoss: frame.trainLoss, testLoss: frame.testLoss, at: performance.now(),
  };
}

function onFrame(frame) {
  if (!app.snapshot) return;
  if (frame.run !== app.snapshot.frame.run) {
    // A new run whose snapshot (points, layout) is still on its way: draw it once that arrives.
    if (frame.run > app.snapshot.frame.run) app.pendingFrame = frame;
    return;
  }
  renderFrame(frame);
}

function connect() {
  app.events?.close();
  const events = api.events(app.snapshot.id);
  app.events = events;
  events.addEventListener('frame', (event) => onFrame(JSON.parse(event.data)));
  events.addEventListener('error', () => {
    if (events.readyState === EventSource.CLOSED && app.events === events) recover();
  });
}

// The session may have been closed while the tab slept; the link holds everything needed to start it again.
async function recover() {
  try {
    await api.snapshot(app.snapshot.id);
    connect();
  } catch (error) {
    if (error.status === 404) {
      await start(app.snapshot.state);
      setStatus('The session had been closed while idle; it started again from the link.');
    } else {
      setStatus(error.message, true);
      setTimeout(recover, 3000);
    }
  }
}

async function start(state) {
  applySnapshot(await api.createSession(state));
  connect();
}

async function boot() {
  try {
    app.options = await api.options();
  } catch (error) {
    setStatus(error.message, true);
    return;
  }
  setupControls();
  const state = location.hash.slice(1) || app.options.defaults;
  try {
    await start(state);
  } catch (error) {
    if (error.status !== 400) {
      setStatus(error.message, true);
      return;
    }
    setStatus(`The link's settings could not be used: ${error.message} Started with the defaults.`, true);
    await start(app.options.defaults);
  }
  // A link pasted into this tab changes only the part after '#', which reloads nothing: take it as new settings.
  window.addEventListener('hashchange', () => {
    const state = location.hash.slice(1);
    if (state && state !== app.snapshot.state) change((p) => {
      for (const key of [...p.keys()]) p.delete(key);
      for (const [key, value] of new URLSearchParams(state)) p.append(key, value);
    });
  });
  window.addEventListener('pagehide', () => {
    app.events?.close();
    api.close(app.snapshot.id);
  });
}

boot();
