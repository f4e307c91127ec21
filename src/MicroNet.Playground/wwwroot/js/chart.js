// The loss curves: training (grey) and test (dark) loss by epoch, from epoch 0, rescaled as they come in. Long runs
// are drawn from one point per pixel column.

import { sharpContext } from './colors.js';

export class LossChart {
  constructor(canvas) {
    this.canvas = canvas;
    ({ context: this.context, width: this.width, height: this.height } = sharpContext(canvas, 400, 90));
    this.run = -1;
    this.points = [];
  }

  /** Adds a frame's history: the points from history.start on, after the ones already drawn (a new run starts over). */
  update(frame) {
    if (frame.run !== this.run) {
      this.run = frame.run;
      this.points = [];
    }
    const { start, points } = frame.history;
    if (start <= this.points.length) {
      this.points.length = start;
      for (const p of points) this.points.push(p);
    }
    this.draw();
  }

  draw() {
    const g = this.context;
    const { width, height } = this;
    g.clearRect(0, 0, width, height);
    const n = this.points.length;
    if (n === 0) return;
    let max = 0;
    for (const [, train, test] of this.points) max = Math.max(max, train ?? 0, test ?? 0);
    if (!(max > 0)) max = 1;
    const lastEpoch = Math.max(1, this.points[n - 1][0]);
    const stride = Math.max(1, Math.floor(n / width));
    const line = (index, color) => {
      g.beginPath();
      let started = false;
      for (let i = 0; i < n; i += stride) {
        const value = this.points[i][index];
        if (value == null) continue;
        const x = (this.points[i][0] / lastEpoch) * (width - 2) + 1;
        const y = height - 2 - (Math.min(value, max) / max) * (height - 4);
        if (started) g.lineTo(x, y);
        else g.moveTo(x, y);
        started = true;
      }
      g.strokeStyle = color;
      g.lineWidth = 1.5;
      g.stroke();
    };
    line(1, '#9aa5b1');
    line(2, '#1f2933');
  }
}
