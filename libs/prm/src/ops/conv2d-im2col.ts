/**
 * 2-D convolution as im2col + one matMul, so that it trains on the wasm backend.
 *
 * wasm has no Conv2DBackpropFilter kernel, so `tf.conv2d` cannot learn its filter there. Built
 * from pad, slice, reshape, concat and matMul, every piece has a gradient wasm can run. Strides
 * are taken with reshapes and 3-D/2-D slices rather than `stridedSlice` or 5-D+ tensors, which are
 * slow with gradients on wasm. No dilation.
 */
import * as tf from '@tensorflow/tfjs';

export type Conv2dPadding = 'valid' | 'same';

export interface Conv2dOptions {
  /** One stride for both axes, or [rows, columns]. Default 1. */
  strides?: number | [number, number];
  /** 'valid' (no padding) or 'same' (TensorFlow's rule: output = ceil(input / stride)). */
  padding?: Conv2dPadding;
}

interface AxisPlan {
  out: number;
  padBefore: number;
  padAfter: number;
}

/** Output size and padding of one axis, TensorFlow's convention (extra padding goes after). */
function planAxis(size: number, kernel: number, stride: number, padding: Conv2dPadding): AxisPlan {
  if (padding === 'valid') {
    const out = Math.floor((size - kernel) / stride) + 1;
    if (out < 1) throw new Error(`conv2dIm2col: kernel ${kernel} larger than input ${size}`);
    // Zeros after the input so every kernel offset can take a full out*stride window; the zeros
    // are never read at a strided position.
    return { out, padBefore: 0, padAfter: Math.max(0, kernel - 1 + out * stride - size) };
  }
  const out = Math.ceil(size / stride);
  const total = Math.max(0, (out - 1) * stride + kernel - size);
  const padBefore = Math.floor(total / 2);
  return { out, padBefore, padAfter: Math.max(total - padBefore, kernel - 1 + out * stride - size - padBefore) };
}

/**
 * conv2d over NHWC input `x` [B, H, W, C] with `filter` [kh, kw, C, F]; result [B, Ho, Wo, F].
 * Equals `tf.conv2d(x, filter, strides, padding)` (dataFormat NHWC, no dilation).
 */
export function conv2dIm2col(x: tf.Tensor4D, filter: tf.Tensor4D, options: Conv2dOptions = {}): tf.Tensor4D {
  const [sh, sw] = typeof options.strides === 'number' || options.strides === undefined ? [options.strides ?? 1, options.strides ?? 1] : options.strides;
  const padding = options.padding ?? 'valid';
  const [b, h, w, c] = x.shape;
  const [kh, kw, fc, f] = filter.shape;
  if (fc !== c) throw new Error(`conv2dIm2col: filter has ${fc} input channels, input has ${c}`);
  const rows = planAxis(h, kh, sh, padding);
  const cols = planAxis(w, kw, sw, padding);
  return tf.tidy(() => {
    const xp =
      rows.padBefore + rows.padAfter + cols.padBefore + cols.padAfter > 0
        ? tf.pad(x, [[0, 0], [rows.padBefore, rows.padAfter], [cols.padBefore, cols.padAfter], [0, 0]])
        : x;
    const patches: tf.Tensor2D[] = [];
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) patches.push(strideWindow(xp, i, j, rows.out, cols.out, sh, sw));
    }
    // Column order (i, j, channel) matches filter.reshape([kh*kw*C, F]).
    const columns = patches.length === 1 ? (patches[0] as tf.Tensor2D) : tf.concat(patches, 1);
    const out = tf.matMul(columns, tf.reshape(filter, [kh * kw * c, f]));
    return tf.reshape(out, [b, rows.out, cols.out, f]);
  });
}

/**
 * The input pixels a kernel offset (i, j) sees at every output position, as [B*Ho*Wo, C]:
 * rows i, i+sh, ..., columns j, j+sw, ... of the padded input.
 */
function strideWindow(xp: tf.Tensor4D, i: number, j: number, ho: number, wo: number, sh: number, sw: number): tf.Tensor2D {
  const [b, , , c] = xp.shape;
  if (sh === 1 && sw === 1) {
    return tf.reshape(tf.slice(xp, [0, i, j, 0], [b, ho, wo, c]), [b * ho * wo, c]);
  }
  // Take the full window [B, ho*sh, wo*sw, C], then keep the first row of each sh-row block and
  // the first pixel of each sw-pixel block.
  const window = tf.slice(xp, [0, i, j, 0], [b, ho * sh, wo * sw, c]);
  const byRowBlock = tf.reshape(window, [b * ho, sh, wo * sw * c]);
  const firstRows = tf.slice(byRowBlock, [0, 0, 0], [b * ho, 1, wo * sw * c]);
  const byPixelBlock = tf.reshape(firstRows, [b * ho * wo, sw * c]);
  return tf.slice(byPixelBlock, [0, 0], [b * ho * wo, c]) as tf.Tensor2D;
}
