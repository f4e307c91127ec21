// The graph of one neuron's output for one point, as the notebook's draw_dot shows it (label, data and grad in each
// value), and the backward step-through: one value at a time in reverse topological order, its gradient appearing as
// the sum of local derivative x upstream gradient over the values computed from it. Every number comes from the
// server, where the ops themselves computed it; nothing here knows a derivative.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A number as GraphDrawing writes it: four decimals, or an exponent from 1e9 on. */
export function formatNumber(value) {
  if (value == null) return 'NaN';
  return Math.abs(value) < 1e9 ? value.toFixed(4) : value.toExponential(4);
}

export class Inspector {
  constructor(elements, handlers) {
    this.e = elements;
    this.handlers = handlers;
    this.graph = null;
    this.target = null;
    this.step = 0;
    this.timer = null;
    const e = elements;
    e.close.addEventListener('click', () => this.close());
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !this.isOpen) return;
      if (this.e.panel.classList.contains('picking')) this.setPicking(false);
      else this.close();
    });
    e.refresh.addEventListener('click', () => this.load());
    e.form.addEventListener('change', () => this.load());
    e.point.addEventListener('change', () => {
      const index = Number(e.point.value);
      if (Number.isInteger(index)) this.open(this.target.layer, this.target.neuron, index);
    });
    e.pick.addEventListener('click', () => this.setPicking(e.pick.getAttribute('aria-pressed') !== 'true'));
    e.restart.addEventListener('click', () => this.goTo(0));
    e.back.addEventListener('click', () => this.goTo(this.step - 1));
    e.next.addEventListener('click', () => this.goTo(this.step + 1));
    e.all.addEventListener('click', () => this.goTo(this.graph ? this.graph.steps.length : 0));
    e.play.addEventListener('click', () => this.togglePlay());
    e.zoomIn.addEventListener('click', () => this.zoom(this.scale * 1.25));
    e.zoomOut.addEventListener('click', () => this.zoom(this.scale / 1.25));
    e.zoomFit.addEventListener('click', () => this.zoom(this.fitScale()));
  }

  // The drawing's size: its natural size (Graphviz's points, or our layout's pixels) times the scale.
  zoom(scale) {
    const svg = this.e.view.querySelector('svg');
    if (!svg || !this.natural) return;
    this.scale = Math.max(0.1, Math.min(4, scale));
    svg.setAttribute('width', `${this.natural.width * this.scale}`);
    svg.setAttribute('height', `${this.natural.height * this.scale}`);
  }

  fitScale() {
    return this.natural ? Math.min(1.5, (this.e.view.clientWidth - 20) / this.natural.width) : 1;
  }

  get isOpen() {
    return !this.e.panel.hidden;
  }

  /** Opens the graph of neuron `neuron` of layer `layer` (from 1; the last layer is the output) for point `point`. */
  async open(layer, neuron, point) {
    this.target = { layer, neuron, point };
    this.e.panel.hidden = false;
    this.handlers.onTarget(this.target);
    await this.load();
  }

  close() {
    this.stopPlay();
    this.setPicking(false);
    this.e.panel.hidden = true;
    this.target = null;
    this.handlers.onTarget(null);
  }

  // While picking, the panel folds down to its controls, so that the plot behind it can be clicked.
  setPicking(on) {
    this.e.pick.setAttribute('aria-pressed', String(on));
    this.e.pick.textContent = on ? 'Click a point on the plot (Escape cancels)' : 'Pick on the plot';
    this.e.panel.classList.toggle('picking', on);
    this.handlers.onPicking(on);
  }

  async load() {
    if (!this.target) return;
    const { layer, neuron, point } = this.target;
    this.stopPlay();
    this.e.info.textContent = 'Drawing…';
    let graph;
    try {
      graph = await this.handlers.fetchGraph(layer, neuron, point, this.e.form.value);
    } catch (error) {
      this.e.info.textContent = error.message;
      return;
    }
    this.graph = graph;
    this.e.point.value = String(graph.point.index);
    this.e.form.value = graph.form;
    this.e.title.textContent = `Graph of ${graph.root} for point ${graph.point.index}`;
    const p = graph.point;
    const inputs = p.inputs.map((i) => `${i.name} = ${formatNumber(i.raw)} → ${formatNumber(i.standardized)}`).join(', ');
    this.e.info.textContent =
      `Point ${p.index} (${p.test ? 'test' : 'training'} point, label ${p.label}) at epoch ${graph.epoch}. ` +
      `The network sees its inputs standardised on the training points: ${inputs}. ` +
      `${graph.nodes.length} values. ${graph.note ?? ''} ${graph.graphviz ?? ''}`.trim();
    if (this.e.dot.href.startsWith('blob:')) URL.revokeObjectURL(this.e.dot.href);
    this.e.dot.href = URL.createObjectURL(new Blob([graph.dot], { type: 'text/vnd.graphviz' }));
    this.e.dot.download = `${graph.root.replace(/[^A-Za-z0-9]+/g, '_')}-point${p.index}.dot`;
    this.draw(graph);
    this.goTo(0);
  }

  // The drawing: Graphviz's SVG when the server has it, or a layered layout of our own.
  draw(graph) {
    const view = this.e.view;
    view.replaceChildren();
    this.nodes = new Map();
    this.ops = new Map();
    if (graph.svg) {
      const parsed = new DOMParser().parseFromString(graph.svg, 'image/svg+xml').documentElement;
      const svg = document.importNode(parsed, true);
      view.append(svg);
      for (const g of svg.querySelectorAll('g.node')) {
        const title = g.querySelector('title')?.textContent ?? '';
        let match = /^n(\d+)$/.exec(title);
        if (match) {
          const texts = [...g.querySelectorAll('text')];
          this.nodes.set(Number(match[1]), { group: g, grad: texts.find((t) => t.textContent.startsWith('grad')) });
          continue;
        }
        match = /^n(\d+)_op$/.exec(title);
        if (match) this.ops.set(Number(match[1]), { group: g });
      }
    } else {
      view.append(this.layout(graph));
    }
    view.dataset.renderer = graph.svg ? 'graphviz' : 'page';
    // Fit a graph to the panel when its numbers stay readable; others stay at their natural size, with scrolling.
    const svg = view.querySelector('svg');
    const box = svg.viewBox?.baseVal;
    this.natural = box && box.width > 0 ? { width: box.width, height: box.height }
      : { width: Number(svg.getAttribute('width')), height: Number(svg.getAttribute('height')) };
    if (!svg.getAttribute('viewBox')) svg.setAttribute('viewBox', `0 0 ${this.natural.width} ${this.natural.height}`);
    this.zoom(this.fitScale() >= 0.8 ? Math.min(1, this.fitScale()) : 1);
  }

  // Columns by depth from the leaves: each value one column right of its deepest input, its op node in between.
  layout(graph) {
    const depth = new Array(graph.nodes.length).fill(0);
    for (const node of graph.nodes) {
      for (const child of node.children) depth[node.id] = Math.max(depth[node.id], depth[child] + 1);
    }
    const rows = new Map();
    const position = graph.nodes.map((node) => {
      const row = rows.get(depth[node.id]) ?? 0;
      rows.set(depth[node.id], row + 1);
      return [depth[node.id] * 330 + 10, row * 46 + 10];
    });
    const width = Math.max(...position.map((p) => p[0])) + 240;
    const height = Math.max(...position.map((p) => p[1])) + 50;
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    const element = (name, attributes, parent) => {
      const e = document.createElementNS(SVG_NS, name);
      for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
      parent.append(e);
      return e;
    };
    const text = (parent, x, y, content, anchor = 'start') => {
      const t = element('text', { x, y, 'text-anchor': anchor }, parent);
      t.textContent = content;
      return t;
    };
    const edges = element('g', {}, svg);
    for (const node of graph.nodes) {
      const [x, y] = position[node.id];
      if (node.children.length > 0) {
        const ox = x - 55, oy = y + 17;
        for (const child of node.children) {
          const [cx, cy] = position[child];
          element('path', { class: 'edge', d: `M${cx + 220},${cy + 17} C${ox - 30},${cy + 17} ${ox - 30},${oy} ${ox - 18},${oy}` }, edges);
        }
        element('path', { class: 'edge', d: `M${ox + 18},${oy} L${x},${oy}` }, edges);
        const op = element('g', { class: 'node' }, svg);
        element('ellipse', { cx: ox, cy: oy, rx: 18, ry: 13 }, op);
        text(op, ox, oy + 4, node.op, 'middle');
        this.ops.set(node.id, { group: op });
      }
      const group = element('g', { class: 'node' }, svg);
      const title = element('title', {}, group);
      title.textContent = `n${node.id}`;
      element('rect', { x, y, width: 220, height: 34, rx: 2 }, group);
      element('line', { x1: x + 62, y1: y, x2: x + 62, y2: y + 34, stroke: '#1f2933' }, group);
      element('line', { x1: x + 141, y1: y, x2: x + 141, y2: y + 34, stroke: '#1f2933' }, group);
      text(group, x + 31, y + 21, node.label, 'middle');
      text(group, x + 101, y + 21, `data ${formatNumber(node.data)}`, 'middle');
      const grad = text(group, x + 180, y + 21, `grad ${formatNumber(node.grad)}`, 'middle');
      this.nodes.set(node.id, { group, grad });
    }
    return svg;
  }

  /** Shows the graph after `step` backward steps: the first `step` values have their gradients, the rest are 0 as before backward. */
  goTo(step) {
    const graph = this.graph;
    if (!graph) return;
    const steps = graph.steps;
    this.step = Math.max(0, Math.min(steps.length, step));
    const byNode = new Map(graph.nodes.map((n) => [n.id, n]));
    for (const [, entry] of this.nodes) {
      entry.group.classList.remove('current', 'done', 'upstream');
      if (entry.grad) {
        entry.grad.textContent = 'grad 0.0000';
        entry.grad.setAttribute('class', 'pending');
      }
    }
    for (const [, op] of this.ops) op.group.classList.remove('upstream');
    for (let k = 0; k < this.step; k++) {
      const s = steps[k];
      const entry = this.nodes.get(s.node);
      if (!entry) continue;
      entry.group.classList.add(k === this.step - 1 ? 'current' : 'done');
      if (entry.grad) {
        entry.grad.textContent = `grad ${formatNumber(s.grad)}`;
        entry.grad.setAttribute('class', k === this.step - 1 ? 'fresh' : '');
      }
    }
    const current = steps[this.step - 1];
    if (current) {
      for (const term of current.terms) {
        this.nodes.get(term.parent)?.group.classList.add('upstream');
        this.ops.get(term.parent)?.group.classList.add('upstream');
      }
      this.nodes.get(current.node)?.group.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    }
    this.e.readout.textContent = this.describe(current, byNode, steps.length);
    this.e.back.disabled = this.step === 0;
    this.e.restart.disabled = this.step === 0;
    this.e.next.disabled = this.step === steps.length;
    this.e.all.disabled = this.step === steps.length;
    if (this.step === steps.length) this.stopPlay();
  }

  describe(current, byNode, total) {
    if (!current) {
      return `Forward pass done: every value has its data, and every grad is 0, as before backward.\n` +
        `Step backward to walk the ${total} values in reverse topological order and see each gradient appear.`;
    }
    const node = byNode.get(current.node);
    const name = (n) => n.label || `n${n.id}`;
    const head = `Step ${this.step} of ${total}: ${name(node)}${node.op ? ` (made by ${node.op})` : node.children.length === 0 ? ' (a leaf)' : ''}`;
    if (current.terms.length === 0) {
      return `${head}\nBackward starts here: d ${name(node)} / d ${name(node)} = 1, so grad = ${formatNumber(current.grad)}.`;
    }
    const lines = current.terms.map((t) => {
      const parent = byNode.get(t.parent);
      return `  from ${name(parent)} = ${t.op}(…): local d${name(parent)}/d${name(node)} = ${formatNumber(t.local)}` +
        ` × upstream grad ${formatNumber(t.upstream)} = ${formatNumber(t.product)}`;
    });
    const sum = current.terms.length > 1 ? `  sum of the ${current.terms.length} terms` : '  one term';
    return `${head}\ngrad = local derivative × upstream gradient, summed over the values computed from it:\n${lines.join('\n')}\n${sum}: grad ${name(node)} = ${formatNumber(current.grad)}`;
  }

  togglePlay() {
    if (this.timer) {
      this.stopPlay();
      return;
    }
    if (!this.graph) return;
    if (this.step === this.graph.steps.length) this.goTo(0);
    this.e.play.setAttribute('aria-pressed', 'true');
    this.timer = setInterval(() => this.goTo(this.step + 1), 350);
  }

  stopPlay() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.e.play.setAttribute('aria-pressed', 'false');
  }
}
