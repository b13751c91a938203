#!/usr/bin/env node
// Runs the command line compiled from the TypeScript sources (scripts/compiled.js: built on first use
// and after any change, so `npx credit-cover` needs no build step); through tsx where it cannot be built.
'use strict';

const bundle = require('../scripts/compiled.js').compiled('src/cli/run.ts');
if (bundle !== null) {
  // Stack traces of an unexpected error point into the TypeScript sources, not the bundle.
  process.setSourceMapsEnabled(true);
  require(bundle);
} else {
  require('tsx/cjs');
  require('../src/cli/run.ts');
}
