/**
 * Progress on stderr: a redrawn bar on a TTY, and at most one plain line every few seconds
 * otherwise (CI logs and pipes stay readable).
 */
export interface ProgressReporter {
  update(label: string, done: number, total: number, extra?: string): void;
  done(message?: string): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, plainEveryMs = 5000): ProgressReporter {
  const tty = Boolean(stream.isTTY);
  let lastPlain = 0;
  let lastLabel = '';
  return {
    update(label, done, total, extra = '') {
      const frac = total > 0 ? done / total : 1;
      if (tty) {
        const width = 28;
        const filled = Math.round(frac * width);
        const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
        stream.write(`\r\x1b[2K${label} ${bar} ${done}/${total} ${extra}`);
        return;
      }
      const t = Date.now();
      if (label !== lastLabel || done === total || t - lastPlain >= plainEveryMs) {
        stream.write(`${label} ${done}/${total} ${extra}\n`);
        lastPlain = t;
        lastLabel = label;
      }
    },
    done(message) {
      if (tty) stream.write('\r\x1b[2K');
      if (message) stream.write(`${message}\n`);
    },
  };
}
