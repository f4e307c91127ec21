// The network diagram: every input feature (on or off), every neuron as a small heatmap of its own output, and every
// weight as a line whose colour is its sign (blue positive, orange negative) and whose width grows with its size.
// Neurons are buttons that open their computation graph; features are toggle buttons.

import { BLUE, ORANGE, css, decodeBase64, paint } from './colors.js';

const NODE = 44;
const ROW = 54;
const TOP = 58;
const SVG_NS = 'http://www.w3.org/2000/svg';

export class NetworkView {
  constructor(container, handlers) {
    this.container = container;
    this.handlers = handlers;
    this.snapshot = null;
    this.inspected = null;
  }

  /** Lays the diagram out again for a new run: its features, layers and outputs. */
  setSnapshot(snapshot, features) {
    this.snapshot = snapshot;
    const c = this.container;
    c.replaceChildren();
    const layers = snapshot.network.layers;
    const hidden = layers.length - 1;
    const width = Math.max(380, c.clientWidth || 600);
    const columns = layers.length + 1;
    const gap = (width - 70 - NODE) / Math.max(1, columns - 1);
    const columnX = (k) => 60 + k * gap;
    const rows = Math.max(features.length, ...layers.map((l) => l.size));
    const height = TOP + rows * ROW;
    c.style.height = `${height}px`;

    this.svg = document.createElementNS(SVG_NS, 'svg');
    this.svg.classList.add('links');
    this.svg.setAttribute('width', width);
    this.svg.setAttribute('height', height);
    c.append(this.svg);

    // Inputs: all seven, the chosen ones pressed; links start from the chosen ones, in the network's input order.
    const chosen = snapshot.settings.features;
    this.inputPositions = [];
    this.featureCanvases = [];
    features.forEach((feature, f) => {
      const x = columnX(0);
      const y = TOP + f * ROW;
      const on = chosen.includes(feature.key);
      const button = this.node(x, y, `feature ${feature.key}`);
      button.classList.add('feature');
      button.setAttribute('aria-pressed', String(on));
      button.setAttribute('aria-label', `Input ${feature.label}: ${on ? 'on; click to turn it off' : 'off; click to turn it on'}`);
      button.dataset.feature = feature.key;
      button.addEventListener('click', () => this.handlers.onToggleFeature(feature.key));
      const label = document.createElement('span');
      label.className = 'node-label';
      label.textContent = feature.label;
      label.style.left = `${x - 34}px`;
      label.style.top = `${y + NODE / 2}px`;
      c.append(label);
      this.featureCanvases.push(button.querySelector('canvas'));
      if (on) this.inputPositions.push([x, y]);
    });
    const maps = decodeBase64(snapshot.featureMaps);
    this.featureCanvases.forEach((canvas, f) => this.paintCanvas(canvas, maps, f));

    // Hidden layers with their neuron buttons, then the outputs.
    this.neuronCanvases = [];
    this.positions = [this.inputPositions];
    layers.forEach((layer, l) => {
      const x = columnX(l + 1);
      const output = l === hidden;
      const head = document.createElement('div');
      head.className = 'layer-head';
      head.style.left = `${x - 20}px`;
      head.style.width = `${NODE + 40}px`;
      if (!output) {
        const buttons = document.createElement('div');
        buttons.className = 'neuron-buttons';
        buttons.append(
          this.button('+', `Add a neuron to hidden layer ${l + 1}`, () => this.handlers.onResizeLayer(l, +1)),
          this.button('−', `Remove a neuron from hidden layer ${l + 1}`, () => this.handlers.onResizeLayer(l, -1)));
        head.append(buttons);
      }
      const caption = document.createElement('span');
      caption.textContent = output ? (layer.size === 1 ? 'output' : `${layer.size} outputs`) : `${layer.size} ${layer.size === 1 ? 'neuron' : 'neurons'}`;
      head.append(caption);
      c.append(head);
      const positions = [];
      for (let j = 0; j < layer.size; j++) {
        const y = TOP + j * ROW;
        const name = output ? (layer.size === 1 ? 'the output' : `output ${j + 1}`) : `neuron ${j + 1} of hidden layer ${l + 1}`;
        const button = this.node(x, y, output ? 'output' : 'neuron');
        button.dataset.layer = String(l + 1);
        button.dataset.neuron = String(j + 1);
        button.setAttribute('aria-label', `Open the computation graph of ${name}`);
        button.title = `${output ? 'out' : `h[${l + 1},${j + 1}]`} (${layer.activation}): click for its graph`;
        button.addEventListener('click', () => this.handlers.onInspect(l + 1, j + 1));
        this.neuronCanvases.push(button.querySelector('canvas'));
        positions.push([x, y]);
      }
      this.positions.push(positions);
    });

    // One path per weight, drawn under the nodes.
    this.paths = [];
    for (let l = 1; l < this.positions.length; l++) {
      const layerPaths = [];
      for (const [tx, ty] of this.positions[l]) {
        const row = [];
        for (const [sx, sy] of this.positions[l - 1]) {
          const path = document.createElementNS(SVG_NS, 'path');
          const x1 = sx + NODE, y1 = sy + NODE / 2, x2 = tx, y2 = ty + NODE / 2, mid = (x1 + x2) / 2;
          path.setAttribute('d', `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`);
          this.svg.append(path);
          row.push(path);
        }
        layerPaths.push(row);
      }
      this.paths.push(layerPaths);
    }
    this.markInspected(this.inspected);
  }

  /** Redraws the weights and the neurons' heatmaps from a frame. */
  setFrame(frame) {
    if (!this.snapshot) return;
    frame.weights.forEach((weights, l) => {
      const rows = this.paths[l];
      if (!rows) return;
      const inputs = rows[0]?.length ?? 0;
      rows.forEach((row, j) => {
        row.forEach((path, i) => {
          const w = weights[j * (inputs + 1) + i] ?? 0;
          path.setAttribute('stroke', css(w >= 0 ? BLUE : ORANGE, Math.min(1, 0.25 + Math.abs(w) * 0.5)));
          path.setAttribute('stroke-width', Math.min(10, 0.6 + Math.abs(w) * 2).toFixed(2));
        });
      });
    });
    const maps = decodeBase64(frame.neurons);
    this.neuronCanvases.forEach((canvas, k) => this.paintCanvas(canvas, maps, k));
  }

  /** Outlines the neuron whose graph is open (layer and neuron from 1), or none. */
  markInspected(target) {
    this.inspected = target;
    for (const node of this.container.querySelectorAll('.node[data-layer]')) {
      const on = target && node.dataset.layer === String(target.layer) && node.dataset.neuron === String(target.neuron);
      node.classList.toggle('inspected', Boolean(on));
    }
  }

  paintCanvas(canvas, bytes, index) {
    const size = this.snapshot.neuronGrid;
    const g = canvas.getContext('2d');
    const image = g.createImageData(size, size);
    paint(image, bytes, index * size * size, size);
    g.putImageData(image, 0, 0);
  }

  node(x, y, kind) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `node ${kind}`;
    button.style.left = `${x}px`;
    button.style.top = `${y}px`;
    const canvas = document.createElement('canvas');
    canvas.width = this.snapshot.neuronGrid;
    canvas.height = this.snapshot.neuronGrid;
    button.append(canvas);
    this.container.append(button);
    return button;
  }

  button(text, label, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    button.setAttribute('aria-label', label);
    button.addEventListener('click', onClick);
    return button;
  }
}
