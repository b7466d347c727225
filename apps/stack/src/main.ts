// Entry point of `npm start`: node -r ./tools/swc-register.js apps/stack/src/main.ts
import { loadStackConfig, StackConfigError } from './stack-env';
import { StackLifecycle, startStack } from './start-stack';
import { askDemo, describeAnswer } from './ask-demo';
import { DEMO_DEPLOYMENT } from './demo-seed';

const print = (line: string) => process.stdout.write(`prmbas: ${line}\n`);

async function main(): Promise<void> {
  let config;
  try {
    config = loadStackConfig(process.env);
  } catch (error) {
    if (error instanceof StackConfigError) {
      process.stderr.write(`prmbas start: refusing to start.\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const lifecycle = new StackLifecycle();
  let signals = 0;
  const shutdown = (code: number) => {
    void lifecycle.stop().then(
      () => process.exit(code),
      (error: unknown) => {
        process.stderr.write(`prmbas: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      signals += 1;
      if (signals > 1) process.exit(1);
      print(`${signal}: stopping (jobs checkpoint and resume at the next start)`);
      shutdown(0);
    });
  }
  void lifecycle.died.then((service) => {
    print(`${service.name} exited unexpectedly; stopping the platform (its log: ${service.logFile})`);
    shutdown(1);
  });
  let stack;
  try {
    stack = await startStack(config, print, lifecycle);
  } catch (error) {
    if (lifecycle.stopping) return; // a signal or a dead service is already stopping everything
    print(`could not start: ${(error as Error).message}`);
    return shutdown(1);
  }

  const keyWhere = stack.key.file ? `in ${stack.key.file}` : 'BOOTSTRAP_API_KEY';
  print('');
  print(`console  ${stack.consoleUrl ?? '(not running)'}`);
  print(`api      ${stack.apiUrl}   (OpenAPI docs: ${stack.apiUrl}/docs)`);
  const passwordNote = process.env['ADMIN_PASSWORD'] ? 'password from ADMIN_PASSWORD' : 'a generated password is printed above on the first start only';
  print(`admin    ${process.env['ADMIN_EMAIL'] ?? 'admin@localhost'} (${passwordNote})`);
  print(`api key  ${keyWhere} (admin scopes; for scripts and the OpenAI SDK)`);
  print('');
  if (!stack.demo) return;
  try {
    const demo = await stack.demo;
    print(`demo ready: deployment '${demo.deployment}' (PRM-BAS tuned for a learned PRM, SIMULATED policy, PRM = alias production)${demo.created.length ? `; created ${demo.created.join(', ')}` : ''}`);
    const answer = await askDemo(stack.apiUrl, stack.key.key, DEMO_DEPLOYMENT);
    print('first served request (official openai SDK, a synth suite question with its image):');
    for (const line of describeAnswer(answer)) print(`  ${line}`);
    print('ask again: npm run ask -- 7   (question index; the simulated policy reads synth suite images only)');
  } catch (error) {
    if (lifecycle.stopping) return; // stopped while the demo was being made: it resumes at the next start
    print(`demo not ready: ${(error as Error).message}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`prmbas start: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
