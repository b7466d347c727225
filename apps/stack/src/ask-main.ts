// `npm run ask [-- INDEX]`: one request to the running demo deployment (see ask-demo.ts).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { askDemo, describeAnswer } from './ask-demo';
import { DEMO_DEPLOYMENT } from './demo-seed';
import { loadStackConfig } from './stack-env';

async function main(): Promise<void> {
  const config = loadStackConfig(process.env);
  const index = Number(process.argv[2] ?? 0);
  if (!Number.isInteger(index) || index < 0) throw new Error(`INDEX must be a whole number >= 0, got '${process.argv[2]}'`);
  const key = config.bootstrapApiKey ?? (await fs.readFile(path.join(config.dataDir, 'stack', 'admin-api-key'), 'utf8').catch(() => '')).trim();
  if (!key) throw new Error(`no API key: set BOOTSTRAP_API_KEY or run npm start first (it writes ${path.join(config.dataDir, 'stack', 'admin-api-key')})`);
  const answer = await askDemo(`http://127.0.0.1:${config.apiPort}`, key, process.env['DEPLOYMENT'] ?? DEMO_DEPLOYMENT, index);
  for (const line of describeAnswer(answer)) process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`prmbas ask: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
