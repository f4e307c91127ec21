// The output plot: the network's boundary (or regression surface) as a heatmap, with the data points on top. A click
// adds a point, a shift-click deletes the nearest one, and in picking mode a click chooses a point for the graph.

import { CLASS_COLORS, css, decodeBase64, paint, sharpContext, signedColor } from './colors.js';

const RADIUS = 4;

export class Plot {
  constructor(canvas, handlers) {
    this.canvas = canvas;
    this.handlers = handlers;
    this.snapshot = null;
    this.frame = null;
    this.showTest = true;
    this.discretize = false;
    this.picking = false;
    this.highlight = -1;
    const { context, width } = sharpContext(canvas, 400, 400);
    this.context = context;
    this.size = width;
    this.cells = document.createElement('canvas');
    canvas.addEventListener('click', (event) => this.click(event));
  }

  setSnapshot(snapshot) {
    this.snapshot = snapshot;
    this.cells.width = snapshot.grid;
    this.cells.height = snapshot.grid;
    this.image = this.cells.getContext('2d').createImageData(snapshot.grid, snapshot.grid);
  }

  setFrame(frame) {
    this.frame = frame;
    this.boundary = decodeBase64(frame.boundary);
    this.classes = frame.classes ? decodeBase64(frame.classes) : null;
    this.draw();
  }

  draw() {
    const s = this.snapshot;
    if (!s || !this.boundary) return;
    const g = this.context;
    paint(this.image, this.boundary, 0, s.grid, { discrete: this.discretize, classes: this.classes });
    this.cells.getContext('2d').putImageData(this.image, 0, 0);
    g.imageSmoothingEnabled = !this.discretize;
    // The heatmap a little faded towards white, so that points of either colour stand out on it.
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, this.size, this.size);
    g.globalAlpha = 0.8;
    g.drawImage(this.cells, 0, 0, this.size, this.size);
    g.globalAlpha = 1;
    const points = s.points;
    for (let i = 0; i < points.x.length; i++) {
      const test = points.test[i] === 1;
      if (test && !this.showTest) continue;
      const [px, py] = this.toPixel(points.x[i], points.y[i]);
      g.beginPath();
      g.arc(px, py, i === this.highlight ? RADIUS + 2 : RADIUS, 0, 2 * Math.PI);
      g.fillStyle = css(this.pointColor(points.label[i]));
      g.fill();
      g.lineWidth = i === this.highlight ? 2.5 : test ? 1.6 : 1;
      g.strokeStyle = i === this.highlight ? '#d62728' : test ? '#1f2933' : '#ffffff';
      g.stroke();
    }
  }

  pointColor(label) {
    const s = this.snapshot;
    if (s.kind === 'regression') {
      const [min, max] = s.targetRange;
      return signedColor(Math.max(-1, Math.min(1, (2 * (label - min)) / (max - min) - 1)));
    }
    return CLASS_COLORS[label % CLASS_COLORS.length];
  }

  toPixel(x, y) {
    const [xMin, xMax, yMin, yMax] = this.snapshot.view;
    return [((x - xMin) / (xMax - xMin)) * this.size, ((yMax - y) / (yMax - yMin)) * this.size];
  }

  toData(px, py) {
    const [xMin, xMax, yMin, yMax] = this.snapshot.view;
    return [xMin + (px / this.size) * (xMax - xMin), yMax - (py / this.size) * (yMax - yMin)];
  }

  /** The index of the shown point nearest to a pixel, within a few pixels, or -1. */
  nearest(px, py, within = 10) {
    const points = this.snapshot.points;
    let best = -1;
    let bestDistance = within * within;
    for (let i = 0; i < points.x.length; i++) {
      if (points.test[i] === 1 && !this.showTest) continue;
      const [qx, qy] = this.toPixel(points.x[i], points.y[i]);
      const d = (qx - px) ** 2 + (qy - py) ** 2;
      if (d <= bestDistance) {
        best = i;
        bestDistance = d;
      }
    }
    return best;
  }

  click(event) {
    if (!this.snapshot) return;
    // offsetX/Y are measured inside the border, in CSS pixels of the canvas as shown.
    const px = (event.offsetX / this.canvas.clientWidth) * this.size;
    const py = (event.offsetY / this.canvas.clientHeight) * this.size;
    if (this.picking) {
      const index = this.nearest(px, py, 14);
      if (index >= 0) this.handlers.onPick(index);
      return;
    }
    if (event.shiftKey) {
      const index = this.nearest(px, py);
      if (index >= 0) this.handlers.onDelete(index);
      return;
    }
    const [x, y] = this.toData(px, py);
    this.handlers.onAdd(x, y);
  }
}
