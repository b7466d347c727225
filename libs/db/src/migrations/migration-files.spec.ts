import { describe, expect, it } from 'vitest';
import { checksumMatches, migrationChecksum, migrationFolderName } from './migration-files';

describe('migration files', () => {
  it('checksums like the schema engine: sha256, zero-padded lower-case hex', () => {
    // The schema engine's own test vector (schema-connector/src/checksum.rs).
    expect(migrationChecksum('hello')).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
  });

  it('matches a recorded checksum across line endings, not across edits', () => {
    const unix = 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n';
    const windows = unix.replaceAll('\n', '\r\n');
    expect(checksumMatches(windows, migrationChecksum(unix))).toBe(true);
    expect(checksumMatches(unix, migrationChecksum(windows))).toBe(true);
    expect(checksumMatches(`${unix}-- edit\n`, migrationChecksum(unix))).toBe(false);
  });

  it('names folders as migrate dev does: UTC timestamp and snake_case name', () => {
    expect(migrationFolderName('Add trace indexes!', new Date('2031-12-09T08:07:06Z'))).toBe('20311209080706_add_trace_indexes');
    expect(() => migrationFolderName('—')).toThrow(/no letters or digits/);
  });
});
