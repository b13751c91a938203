#!/usr/bin/env node
// The command line runs the TypeScript sources through tsx, so `npx credit-cover` needs no build step.
require('tsx/cjs');
require('../src/cli/run.ts');
