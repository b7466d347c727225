/** The worker's structured logs: pino JSON lines on stdout, database credentials scrubbed from errors. */
import pino, { type Logger } from 'pino';

export type { Logger };

/** `scheme://user:password@host` → `scheme://user:[redacted]@host`. */
export function scrubCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@/\s]+@/gi, '$1[redacted]@');
}

export function createWorkerLogger(level: string, workerId: string): Logger {
  return pino({
    level,
    base: { service: 'worker', workerId },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: {
      err: (error: Error) => {
        const s = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
        for (const key of ['message', 'stack'] as const) if (typeof s[key] === 'string') s[key] = scrubCredentials(s[key]);
        return s;
      },
    },
  });
}
