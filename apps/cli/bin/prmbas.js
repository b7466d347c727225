#!/usr/bin/env node
// The CLI runs from TypeScript sources through tsx (no build step for a research tool that changes
// daily); tsx compiles each file once and caches it.
require('tsx/cjs');
const { main } = require('../src/main.ts');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
