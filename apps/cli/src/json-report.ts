/** `--json FILE` of the commands: the report as pretty JSON, its folder made if missing. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeJsonReport(file: string, report: unknown): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}
