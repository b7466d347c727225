/// <reference lib="dom" />
// (Callbacks passed to page.evaluate / waitForFunction run in the browser.)
/**
 * The console end to end in real Chromium, against the real API, worker and Postgres: sign in,
 * ask a generated suite question before any dataset exists, build a small synth dataset, export
 * and re-upload it, train PRMs, cancel a running one, alias one, deploy it, ask in the playground
 * and watch the search, review a step and a served trace with the keyboard and find the step's
 * label in the dataset, evaluate strategies, manage API keys, see a viewer get no write controls,
 * and check the narrow layout. Every page must log no console error.
 * Screenshots of each main page go to test/artifacts/console/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, openBrowser, SCREENSHOTS, type Session } from './console-e2e/browser';
import { saveLogs, startStack, type Stack } from './console-e2e/stack';

let stack: Stack;
let s: Session;
/** Filled in as the flow goes: later steps use what earlier ones made. */
const made = { datasetUrl: '', versionUrl: '', runUrls: [] as string[], deploymentUrl: '', traceUrl: '', reviewedQuestion: '' };

beforeAll(async () => {
  stack = await startStack();
  s = await openBrowser(stack.consoleUrl);
}, 600_000);

afterAll(async () => {
  await s?.browser.close();
  // The last lines of each process (API errors, proxy errors) explain a failed step.
  if (stack) await saveLogs(stack.procs, path.join(SCREENSHOTS, 'logs'));
  await stack?.close();
}, 120_000);

/** The built version (v1), whose page the label check reads; the uploaded copy is v2. */
function versionIdOf(url: string): string {
  return url.split('/').pop()!;
}

/** Each step ends by asserting that no console error or uncaught exception happened in it. */
function noErrors() {
  expect(s.takeErrors()).toEqual([]);
}

describe('console', () => {
  it('signs in and shows the overview', async () => {
    const { page } = s;
    await page.goto('/datasets');
    await page.waitForURL(/\/sign-in\?next=%2Fdatasets/);
    await s.shot('sign-in');
    await page.fill('input[name=email]', stack.admin.email);
    await page.fill('input[name=password]', stack.admin.password);
    await page.click('button[type=submit]:not([disabled])');
    await page.waitForURL(/\/datasets$/);
    await page.getByRole('heading', { name: 'Datasets', exact: true }).waitFor();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.locator('.nav-user strong').textContent()).toBe(stack.admin.email);
    await s.shot('overview');
    noErrors();
  });

  it('asks a generated synth suite question in the playground before any dataset exists', async () => {
    const { page } = s;
    await page.goto('/deployments');
    await page.fill('input[name=deploymentName]', 'e2e-first');
    await page.selectOption('select[name=prmKind]', 'none');
    await page.selectOption('select[name=strategy]', 'greedy');
    await page.getByRole('button', { name: 'Create deployment' }).click();
    await page.waitForURL(/\/deployments\/[0-9a-f-]{36}$/);
    // No dataset yet: the picker defaults to questions the API generates from the suite.
    await page.getByTestId('suite-question').first().waitFor();
    expect(await page.locator('select[name=questionSource]').inputValue()).toBe('synth');
    expect(await page.locator('select[name=questionSource] option:checked').textContent()).toBe('synth suite (seed 0)');
    await page.fill('input[name=suiteSeed]', '7');
    await page.getByTestId('suite-question').filter({ hasText: 'synth-7-0' }).waitFor();
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByTestId('suite-question').filter({ hasText: 'synth-7-12' }).click();
    await page.getByTestId('playground-question').waitFor();
    await page.getByText(/gold answer \(used only to score the trace afterwards\): \S+/).waitFor();
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.getByTestId('playground-answer').waitFor({ timeout: 60_000 });
    // The generated PNG carries its gold answer like a dataset's: the stored trace is scored.
    await page.getByTestId('playground-answer').locator('.badge.good, .badge.bad').first().waitFor();
    await page.getByTestId('playground-answer').getByText(/^gold \S+/).waitFor();
    await s.shot('deployment-playground-suite');
    noErrors();
  });

  it('creates a dataset and builds a version from the synth suite, with live progress', async () => {
    const { page } = s;
    await page.goto('/datasets');
    await page.fill('input[name=datasetName]', 'e2e-synth');
    await page.getByRole('button', { name: 'Create dataset' }).click();
    await page.waitForURL(/\/datasets\/[0-9a-f-]{36}$/);
    made.datasetUrl = new URL(page.url()).pathname;
    await page.fill('input[name=suiteSize]', '8');
    await page.fill('input[name=suiteSeed]', '3');
    await page.fill('input[name=solutions]', '2');
    await page.fill('input[name=rollouts]', '4');
    await page.fill('input[name=siblings]', '1');
    await page.getByRole('button', { name: 'Build version' }).click();
    await page.getByText(/Version v1 is building/).waitFor();
    const row = page.getByTestId('version-row-1');
    await row.getByText('ready', { exact: true }).waitFor({ timeout: 120_000 });
    // 8 questions × 2 solutions, counted from the stored rows.
    expect(await row.locator('td').nth(3).textContent()).toBe('8');
    expect(await row.locator('td').nth(4).textContent()).toBe('16');
    await s.shot('dataset');
    await row.getByRole('link', { name: 'Browse' }).click();
    await page.waitForURL(/\/versions\/[0-9a-f-]{36}$/);
    made.versionUrl = new URL(page.url()).pathname;
    const card = page.getByTestId('question-card').first();
    await card.waitFor();
    // The question's image came through the console's API proxy with the session cookie.
    const image = card.locator('img').first();
    await image.waitFor();
    await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await image.elementHandle());
    expect(await card.getByTestId('dataset-step').count()).toBeGreaterThan(2);
    await s.shot('dataset-version');
    // Export as JSONL (images inline) and upload it again as a new version of the same dataset.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'JSONL', exact: true }).click()]);
    const exported = path.join(stack.dataDir, 'export.jsonl');
    await download.saveAs(exported);
    await page.goto(made.datasetUrl);
    await page.getByRole('tab', { name: 'Upload JSONL + images' }).click();
    await page.setInputFiles('input[name=datasetFile]', exported);
    await page.getByRole('button', { name: 'Upload version' }).click();
    await page.getByText('Imported as v2: 8 questions, 16 solutions').waitFor();
    await page.getByTestId('version-row-2').getByText('upload (prmbas)').waitFor();
    await s.shot('dataset-upload');
    await page.goto('/datasets');
    await page.getByRole('link', { name: 'e2e-synth' }).waitFor();
    await s.shot('datasets');
    noErrors();
  });

  it('trains two PRMs with live curves and compares them', async () => {
    const { page } = s;
    for (const [name, lambda] of [
      ['e2e-rank', '1'],
      ['e2e-value-only', '0'],
    ] as const) {
      await page.goto('/training');
      await page.waitForFunction(() => (document.querySelector('select[name=datasetVersion]') as HTMLSelectElement | null)?.value);
      await page.selectOption('select[name=datasetVersion]', versionIdOf(made.versionUrl));
      await page.waitForFunction(() => (document.querySelector('input[name=modelKind]') as HTMLInputElement | null)?.value);
      // The multimodal PRM when the worker offers it (it reads the image), else whatever it offers.
      const kinds = await page.locator('#model-kinds option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      if (kinds.includes('multimodal')) await page.fill('input[name=modelKind]', 'multimodal');
      await page.fill('input[name=runName]', name);
      await page.fill('input[name=lambdaRank]', lambda);
      await page.selectOption('select[name=lengthMode]', 'steps');
      await page.fill('input[name=length]', '30');
      await page.fill('input[name=batchSize]', '16');
      await page.fill('input[name=evalEvery]', '10');
      await page.getByRole('button', { name: 'Start training' }).click();
      await page.waitForURL(/\/training\/[0-9a-f-]{36}$/);
      made.runUrls.push(new URL(page.url()).pathname);
      await page.getByRole('heading').getByText('succeeded').waitFor({ timeout: 180_000 });
      await page.getByText('step 30').first().waitFor();
      // Curves drawn from the metric stream: a loss line and held-out AUROC points.
      await page.getByTestId('loss-chart').locator('polyline').first().waitFor();
      await page.getByTestId('auroc-chart').locator('polyline, circle').first().waitFor();
      expect(await page.getByTestId('run-worker').textContent()).toContain('e2e-worker');
      expect((await page.getByTestId('run-backend').textContent())?.trim()).not.toBe('–');
      await page.getByTestId('run-model-version').waitFor();
      if (name === 'e2e-rank') await s.shot('training-run');
    }
    await page.goto('/training');
    await page.getByLabel('compare e2e-rank').check();
    await page.getByLabel('compare e2e-value-only').check();
    await s.shot('training-runs');
    await page.getByRole('link', { name: 'Compare 2 runs' }).click();
    await page.waitForURL(/\/training\/compare\?ids=/);
    const lossChart = page.locator('.card', { has: page.getByText('train/loss', { exact: true }) }).first();
    await lossChart.locator('polyline').nth(1).waitFor();
    await s.shot('training-compare');
    noErrors();
  });

  it('cancels a running training run from its page', async () => {
    const { page } = s;
    await page.goto('/training');
    await page.waitForFunction(() => (document.querySelector('select[name=datasetVersion]') as HTMLSelectElement | null)?.value);
    await page.selectOption('select[name=datasetVersion]', versionIdOf(made.versionUrl));
    await page.waitForFunction(() => (document.querySelector('input[name=modelKind]') as HTMLInputElement | null)?.value);
    await page.fill('input[name=runName]', 'e2e-cancelled');
    await page.selectOption('select[name=lengthMode]', 'steps');
    await page.fill('input[name=length]', '100000');
    await page.fill('input[name=batchSize]', '16');
    await page.fill('input[name=evalEvery]', '1000');
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.waitForURL(/\/training\/[0-9a-f-]{36}$/);
    await page.getByRole('heading').getByText('running').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Cancel run' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/stops at its next heartbeat/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel run' }).click();
    // The worker reads the flag with its heartbeat (1 s here), checkpoints and records it.
    await page.getByRole('heading').getByText('cancelled').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /Cancel run|Cancelling/ }).first().waitFor({ state: 'detached' });
    expect(await page.getByTestId('run-model-version').count()).toBe(0);
    await s.shot('training-run-cancelled');
    noErrors();
  });

  it('moves the production alias to a model version after a confirmation', async () => {
    const { page } = s;
    await page.goto('/models');
    const row = page.locator('tr', { hasText: 'e2e-rank v' });
    await row.getByRole('button', { name: 'Set alias…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('alias-move-summary').getByText(/new alias/).waitFor();
    await dialog.getByRole('button', { name: 'Move production' }).click();
    await page.getByTestId('alias-production').getByText('e2e-rank v').waitFor();
    await row.getByText('production', { exact: true }).waitFor();
    await s.shot('models');
    await row.getByRole('link').first().click();
    await page.waitForURL(/\/models\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Lineage' }).waitFor();
    await page.getByRole('link', { name: 'e2e-synth v1' }).waitFor();
    await s.shot('model-version');
    noErrors();
  });

  it('deploys the alias and answers a suite question in the playground, growing the search tree', async () => {
    const { page } = s;
    await page.goto('/deployments');
    await page.fill('input[name=deploymentName]', 'e2e-bas');
    // A little latency per policy call, so the stream really arrives depth by depth.
    await page.fill('input[name=policyLatencyMs]', '15');
    await page.getByRole('button', { name: 'Create deployment' }).click();
    await page.waitForURL(/\/deployments\/[0-9a-f-]{36}$/);
    made.deploymentUrl = new URL(page.url()).pathname;
    expect(await page.getByTestId('deployment-prm').textContent()).toMatch(/alias production → e2e-rank v\d/);
    await page.getByText('Simulated policy.').first().waitFor();
    await page.getByTestId('suite-question').first().click();
    await page.getByTestId('playground-question').waitFor();
    await page.getByRole('button', { name: 'Ask' }).click();
    // The tree is drawn while the search runs (the status line names the depth it reached).
    await page.getByTestId('search-status').getByText(/Searching: depth/).waitFor();
    await page.getByTestId('search-tree').waitFor();
    await page.getByTestId('playground-answer').waitFor({ timeout: 90_000 });
    const answer = (await page.getByTestId('answer-value').textContent()) ?? '';
    expect(answer.trim()).not.toBe('');
    expect(answer).not.toMatch(/no answer/);
    // PRM-BAS anneals: one row per depth with the beam width it used.
    expect(await page.getByTestId('depth-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    // A suite PNG carries its gold answer: the stored trace is scored.
    await page.getByTestId('playground-answer').locator('.badge.good, .badge.bad').first().waitFor();
    const traceId = ((await page.getByTestId('search-status').getByRole('link').getAttribute('href')) ?? '').split('/').pop()!;
    await s.shot('deployment-playground');
    // Any other image: the simulated policy cannot read it, and the page says so (the API's 422).
    await page.getByRole('tab', { name: 'Upload an image' }).click();
    await page.getByText('can only read synth suite PNGs').waitFor();
    await page.setInputFiles('input[name=playgroundImage]', path.join(SCREENSHOTS, 'overview-1280.png'));
    await page.fill('textarea[name=playgroundQuestion]', 'How many cards are there?');
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.getByRole('alert').getByText('The API refused the question').waitFor();
    await page.getByRole('alert').getByText(/simulated policy, which can only read images of the built-in synthetic suite/).waitFor();
    // The refusal is the one expected browser error here (Chrome logs every non-2xx response).
    expect(s.takeErrors().filter((e) => !/status of 422/.test(e))).toEqual([]);
    await page.getByRole('tab', { name: 'Suite question' }).click();
    await page.goto(`/traces/${traceId}`);
    await page.waitForURL(/\/traces\/[0-9a-f-]{36}$/);
    made.traceUrl = new URL(page.url()).pathname;
    await page.getByTestId('trace-solution').waitFor();
    await page.getByTestId('search-tree').waitFor();
    expect(await page.getByTestId('search-tree').locator('g.node').count()).toBeGreaterThan(4);
    await s.shot('trace');
    await page.goto('/deployments');
    await page.getByRole('link', { name: 'e2e-bas' }).waitFor();
    await s.shot('deployments');
    noErrors();
  });

  it('lists traces with filters and compares strategies on the same question', async () => {
    const { page } = s;
    await page.goto('/traces');
    await page.selectOption('select[name=filterDeployment]', { label: 'e2e-bas' });
    await page.locator('tbody tr', { hasText: 'e2e-bas' }).first().waitFor();
    await page.selectOption('select[name=filterCorrectness]', 'unknown');
    await page.getByText('No traces match.').waitFor();
    await page.selectOption('select[name=filterCorrectness]', '');
    await page.locator('tbody tr', { hasText: 'e2e-bas' }).first().waitFor();
    await s.shot('traces');
    // A greedy deployment, then the same question asked of it from the trace page.
    await page.goto('/deployments');
    await page.fill('input[name=deploymentName]', 'e2e-greedy');
    await page.selectOption('select[name=prmKind]', 'none');
    await page.selectOption('select[name=strategy]', 'greedy');
    await page.getByRole('button', { name: 'Create deployment' }).click();
    await page.waitForURL(/\/deployments\/[0-9a-f-]{36}$/);
    await page.goto(made.traceUrl);
    await page.getByLabel(/e2e-greedy/).check();
    await page.getByRole('button', { name: /and compare/ }).click();
    await page.waitForURL(/\/traces\/compare\?ids=/);
    await page.getByTestId('compared-trace').nth(1).waitFor();
    const strategies = await page.getByTestId('compared-trace').locator('header .small').allTextContents();
    expect(strategies.sort()).toEqual(['greedy', 'prm-bas']);
    await s.shot('traces-compare');
    noErrors();
  });

  it('reviews a step with the keyboard, and the label shows in the dataset', async () => {
    const { page } = s;
    await page.goto('/annotation');
    await page.fill('input[name=queueName]', 'e2e-review');
    await page.waitForFunction(() => (document.querySelector('select[name=datasetVersion]') as HTMLSelectElement | null)?.value);
    await page.selectOption('select[name=datasetVersion]', versionIdOf(made.versionUrl));
    await page.fill('input[name=valueMin]', '0');
    await page.fill('input[name=valueMax]', '1');
    await page.getByRole('button', { name: 'Create queue' }).click();
    await page.waitForURL(/\/annotation\/[0-9a-f-]{36}$/);
    const before = await page.getByTestId('queue-progress').first().textContent();
    expect(before).toMatch(/^0\/\d+ done/);
    await page.getByRole('button', { name: 'Start reviewing' }).click();
    await page.getByTestId('step-under-review').waitFor();
    await page.getByTestId('lock-note').getByText(/locked to you/).waitFor();
    // The suggestion (its Monte-Carlo value) and the shortcuts are on screen.
    await page.getByTestId('step-under-review').getByText('suggestion (Monte-Carlo value):').waitFor();
    await page.getByTestId('shortcuts').getByText('incorrect').waitFor();
    made.reviewedQuestion = ((await page.getByTestId('review-question-id').textContent()) ?? '').trim();
    await s.shot('annotation-review');
    await page.keyboard.press('2');
    expect(await page.getByRole('radio', { name: /Incorrect/ }).getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('c');
    await page.keyboard.type('misread the chart');
    await page.keyboard.press('Control+Enter');
    await page.getByText('Saved: incorrect.').waitFor();
    await page.getByTestId('queue-progress').first().getByText(/^1\/\d+ done/).waitFor({ timeout: 15_000 });
    await page.getByRole('tab', { name: 'Done' }).click();
    await page.locator('tr', { hasText: 'incorrect (“misread the chart”)' }).waitFor();
    await s.shot('annotation-queue');
    // The label is on the dataset's step.
    await page.goto(made.versionUrl);
    await page.getByTestId('labelled-steps').getByText('1', { exact: true }).waitFor();
    await page.getByLabel('Search questions').fill(made.reviewedQuestion);
    const card = page.getByTestId('question-card').filter({ hasText: made.reviewedQuestion });
    await card.getByTestId('step-label').getByText('incorrect').first().waitFor();
    await s.shot('dataset-label');
    await page.goto('/annotation');
    await page.getByRole('link', { name: 'e2e-review' }).waitFor();
    await s.shot('annotation');
    noErrors();
  });

  it('reviews a served trace in a queue of traces with the keyboard', async () => {
    const { page } = s;
    await page.goto('/annotation');
    await page.getByRole('tab', { name: 'Served traces' }).click();
    await page.fill('input[name=queueName]', 'e2e-traces');
    await page.selectOption('select[name=queueDeployment]', { label: 'e2e-bas' });
    await page.fill('input[name=queueLimit]', '1');
    await page.getByRole('button', { name: 'Create queue' }).click();
    await page.waitForURL(/\/annotation\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('queue-progress').first().textContent()).toMatch(/^0\/1 done/);
    await page.getByRole('button', { name: 'Start reviewing' }).click();
    const steps = page.locator('ol.step-list > li');
    await steps.first().waitFor();
    await page.getByTestId('lock-note').getByText(/locked to you/).waitFor();
    await page.getByTestId('shortcuts').getByText('step').waitFor();
    expect(await steps.count()).toBeGreaterThanOrEqual(2);
    await s.shot('annotation-trace-review');
    // 1 labels the focused step correct, ↓ moves to the next one, 2 labels it incorrect, Enter submits.
    await page.keyboard.press('1');
    await steps.nth(0).locator('button.primary', { hasText: 'Correct' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('2');
    await steps.nth(1).locator('button.primary', { hasText: 'Incorrect' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('Saved: 2 labels.').waitFor();
    await page.getByTestId('queue-progress').first().getByText(/^1\/1 done/).waitFor({ timeout: 15_000 });
    noErrors();
  });

  it('evaluates strategies and plots accuracy against compute', async () => {
    const { page } = s;
    await page.goto('/evaluations');
    await page.fill('input[name=evaluationName]', 'e2e-eval');
    await page.fill('input[name=evalSize]', '6');
    await page.getByRole('button', { name: 'Start evaluation' }).click();
    await page.waitForURL(/\/evaluations\/[0-9a-f-]{36}$/);
    await page.getByTestId('evaluation-table').waitFor({ timeout: 180_000 });
    // greedy + 3 budgets each of self-consistency, beam and PRM-BAS.
    expect(await page.getByTestId('evaluation-table').locator('tbody tr').count()).toBe(10);
    expect(await page.getByTestId('accuracy-compute').locator('circle').count()).toBe(10);
    await s.shot('evaluation');
    await page.goto('/evaluations');
    await page.getByRole('link', { name: 'e2e-eval' }).waitFor();
    await s.shot('evaluations');
    noErrors();
  });

  it('creates an API key shown once, and revokes it', async () => {
    const { page } = s;
    await page.goto('/access');
    await page.fill('input[name=keyName]', 'e2e-key');
    await page.getByRole('button', { name: 'Create key' }).click();
    expect(await page.getByTestId('new-key-value').textContent()).toMatch(/^pb_/);
    const row = page.locator('tr', { hasText: 'e2e-key' });
    await row.getByText('active').waitFor();
    await s.shot('access');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText('revoked').waitFor();
    await page.fill('input[name=newUserEmail]', 'annotator@e2e.test');
    await page.selectOption('select[name=newUserRole]', 'annotator');
    await page.fill('input[name=newUserPassword]', 'annotator-password');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.locator('tr', { hasText: 'annotator@e2e.test' }).waitFor();
    noErrors();
  });

  it('shows a viewer the pages but no write controls', async () => {
    const { page } = s;
    await page.goto('/access');
    await page.fill('input[name=newUserEmail]', 'viewer@e2e.test');
    await page.selectOption('select[name=newUserRole]', 'viewer');
    await page.fill('input[name=newUserPassword]', 'viewer-password');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.locator('tr', { hasText: 'viewer@e2e.test' }).waitFor();
    noErrors();
    // A second browser context: the viewer's own cookies, the admin stays signed in.
    const context = await s.browser.newContext({ baseURL: stack.consoleUrl, viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(30_000);
    const viewer = await context.newPage();
    const errors: string[] = [];
    viewer.on('console', (message) => void (message.type() === 'error' && errors.push(`console.error at ${viewer.url()}: ${message.text()}`)));
    viewer.on('pageerror', (error) => errors.push(`uncaught at ${viewer.url()}: ${error.message}`));
    try {
      await viewer.goto('/sign-in');
      await viewer.fill('input[name=email]', 'viewer@e2e.test');
      await viewer.fill('input[name=password]', 'viewer-password');
      await viewer.click('button[type=submit]:not([disabled])');
      await viewer.getByRole('heading', { name: 'Overview' }).waitFor();
      const pages: Array<[string, string, string[]]> = [
        ['/datasets', 'e2e-synth', ['Create dataset']],
        [made.datasetUrl, 'version-row-1', ['Build version']],
        ['/training', 'e2e-rank', ['Start training']],
        [made.runUrls[0]!, 'run-model-version', []],
        ['/models', 'alias-production', ['Set alias…']],
        ['/deployments', 'e2e-bas', ['Create deployment']],
        [made.deploymentUrl, 'deployment-prm', ['Pause', 'Archive']],
        ['/annotation', 'e2e-review', ['Create queue']],
        ['/evaluations', 'e2e-eval', ['Start evaluation']],
      ];
      for (const [url, shown, absent] of pages) {
        await viewer.goto(url);
        await viewer.locator('main h1').first().waitFor();
        // The page's content is there (a link by name, or a test id) …
        await viewer.getByRole('link', { name: shown }).or(viewer.getByTestId(shown)).first().waitFor();
        // … but none of its write controls.
        for (const name of absent) expect(await viewer.getByRole('button', { name, exact: true }).count(), `${url}: ${name}`).toBe(0);
      }
      // A queue: its items and progress, but no review for a viewer (it needs the annotator role).
      await viewer.goto('/annotation');
      expect(await viewer.getByRole('heading', { name: 'New queue' }).count()).toBe(0);
      await viewer.getByRole('link', { name: 'e2e-review' }).click();
      await viewer.getByText('This needs the annotator role; you are a viewer.').waitFor();
      expect(await viewer.getByRole('button', { name: 'Start reviewing' }).count()).toBe(0);
      await viewer.screenshot({ path: path.join(SCREENSHOTS, 'viewer-annotation-queue-1280.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('fits a narrow window', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 400, height: 800 });
    for (const [name, url] of [
      ['overview', '/'],
      ['dataset-version', made.versionUrl],
      ['training-run', made.runUrls[0]!],
      ['deployment', made.deploymentUrl],
      ['trace', made.traceUrl],
      ['annotation', '/annotation'],
    ] as const) {
      await page.goto(url);
      await page.locator('main h1').first().waitFor();
      expect(await horizontalOverflow(page), `${url} overflows a 400 px window`).toBeLessThanOrEqual(1);
      await s.shot(name);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    noErrors();
  });
});
