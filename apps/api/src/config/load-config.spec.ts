import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseByteSize } from './byte-size';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

function problemsOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, '/srv/prmbas');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({}, '/srv/prmbas');
    expect(config).toMatchObject({
      port: 3001,
      consolePort: 3000,
      host: '0.0.0.0',
      dataDir: path.resolve('/srv/prmbas', '.data'),
      databaseUrl: undefined,
      logLevel: 'info',
      bodyLimitBytes: 10 * 1024 * 1024,
      corsOrigins: ['http://localhost:3000', 'http://127.0.0.1:3000'],
      admin: { email: undefined, password: undefined },
      bootstrapApiKey: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable it documents', () => {
    const config = loadConfig(
      {
        API_PORT: '8080',
        CONSOLE_PORT: '4000',
        DATA_DIR: '/var/lib/prmbas',
        DATABASE_URL: 'postgresql://u:p@db:5432/prmbas',
        LOG_LEVEL: 'DEBUG',
        BODY_LIMIT: '512kb',
        ADMIN_EMAIL: 'admin@localhost',
        ADMIN_PASSWORD: 'correct horse',
        BOOTSTRAP_API_KEY: 'sk-prmbas-0123456789abcdef',
      },
      '/srv/prmbas',
    );
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/var/lib/prmbas',
      databaseUrl: 'postgresql://u:p@db:5432/prmbas',
      logLevel: 'debug',
      bodyLimitBytes: 512 * 1024,
      corsOrigins: ['http://localhost:4000', 'http://127.0.0.1:4000'],
      admin: { email: 'admin@localhost', password: 'correct horse' },
      bootstrapApiKey: 'sk-prmbas-0123456789abcdef',
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ API_PORT: '', DATABASE_URL: ' ', LOG_LEVEL: '' }).port).toBe(3001);
  });

  it('takes CORS origins from CORS_ORIGINS, `*` meaning any', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toBe(true);
  });

  it('names every bad variable and why', () => {
    const error = problemsOf({ API_PORT: 'eighty', LOG_LEVEL: 'loud', BODY_LIMIT: 'huge' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['API_PORT', 'BODY_LIMIT', 'LOG_LEVEL']);
    expect(error.message).toContain('Invalid configuration (3 problems)');
    expect(error.message).toMatch(/API_PORT: must be a whole number between 0 and 65535 \(got "eighty"\)/);
    expect(error.message).toMatch(/LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/);
    expect(error.message).toMatch(/BODY_LIMIT: must be a positive size/);
  });

  it('rejects out-of-range ports', () => {
    expect(problemsOf({ CONSOLE_PORT: '70000' }).problems[0]?.variable).toBe('CONSOLE_PORT');
  });

  it('never repeats the value of a secret', () => {
    const error = problemsOf({ DATABASE_URL: 'mysql://root:hunter2@db', ADMIN_PASSWORD: 'short', BOOTSTRAP_API_KEY: 'sk-1' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['ADMIN_PASSWORD', 'BOOTSTRAP_API_KEY', 'DATABASE_URL']);
    expect(error.message).not.toMatch(/hunter2|short"|sk-1/);
    expect(error.message).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ connection URL/);
  });
});

describe('parseByteSize', () => {
  it.each([
    ['1048576', 1048576],
    ['512kb', 524288],
    ['10mb', 10485760],
    ['1.5 MB', 1572864],
    ['1gb', 1073741824],
  ])('%s → %d bytes', (text, bytes) => expect(parseByteSize(text)).toBe(bytes));

  it.each(['', 'ten', '-1mb', '10tb'])('rejects %j', (text) => expect(parseByteSize(text)).toBeUndefined());
});
