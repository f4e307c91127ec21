// Colours of the heatmaps and points, as TensorFlow Playground's: orange for -1 (class 0), a light grey for 0,
// blue for 1 (class 1). The server sends every heatmap as signed bytes, round(127 * v) for v in [-1, 1].

export const ORANGE = [245, 147, 34];
export const BLUE = [8, 119, 189];
const MIDDLE = [232, 234, 235];

// Eight colours for more than two classes; the first two are the playground's own.
export const CLASS_COLORS = [ORANGE, BLUE, [44, 160, 44], [214, 39, 40], [148, 103, 189], [140, 86, 75], [227, 119, 194], [127, 127, 127]];

function mix(a, b, t) {
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t));
}

/** The colour of a value from -1 to 1; discrete colours only the two ends. */
export function signedColor(v, discrete = false) {
  if (discrete) return v < 0 ? ORANGE : BLUE;
  return v < 0 ? mix(MIDDLE, ORANGE, Math.min(1, -v)) : mix(MIDDLE, BLUE, Math.min(1, v));
}

// The colour of each signed byte, computed once: 256 entries of [r, g, b].
const SIGNED_TABLE = Array.from({ length: 256 }, (_, b) => signedColor(((b << 24) >> 24) / 127));
const DISCRETE_TABLE = Array.from({ length: 256 }, (_, b) => signedColor(((b << 24) >> 24) / 127, true));

export function decodeBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Paints size x size cells of bytes (from offset) into an ImageData; with classes, each cell takes its class's colour,
 * faded towards white as its probability (the byte) falls.
 */
export function paint(image, bytes, offset, size, { discrete = false, classes = null } = {}) {
  const data = image.data;
  for (let cell = 0; cell < size * size; cell++) {
    const b = bytes[offset + cell];
    let rgb;
    if (classes) {
      const p = (((b << 24) >> 24) / 127 + 1) / 2;
      rgb = mix([255, 255, 255], CLASS_COLORS[classes[cell] % CLASS_COLORS.length], discrete ? 0.75 : 0.25 + 0.6 * p);
    } else {
      rgb = (discrete ? DISCRETE_TABLE : SIGNED_TABLE)[b];
    }
    data[cell * 4] = rgb[0];
    data[cell * 4 + 1] = rgb[1];
    data[cell * 4 + 2] = rgb[2];
    data[cell * 4 + 3] = 255;
  }
}

export function css(rgb, alpha = 1) {
  return `rgba(${rgb[0]}, ${rgb[1]}, ${rgb[2]}, ${alpha})`;
}

/** A CSS gradient from orange through grey to blue, for the scale under the plot. */
export function gradientCss() {
  return `linear-gradient(to right, ${css(ORANGE)}, ${css(MIDDLE)}, ${css(BLUE)})`;
}

/**
 * A 2D context for a canvas shown at its CSS size (or the given one), with as many backing pixels as the screen has
 * (devicePixelRatio), scaled so that drawing uses CSS pixels. Returns the context and the CSS width and height.
 */
export function sharpContext(canvas, width, height) {
  const w = canvas.clientWidth || width;
  const h = canvas.clientHeight || height;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = w * ratio;
  canvas.height = h * ratio;
  const context = canvas.getContext('2d');
  context.scale(ratio, ratio);
  return { context, width: w, height: h };
}
