// Compiles a TypeScript entry point of this repository (the command line, a benchmark case) into one
// CommonJS file with esbuild, kept in node_modules/.cache/credit-cover and rebuilt whenever a source
// changed, so that `npx credit-cover` needs no build step and still runs compiled code.
//
// Why not tsx at run time, as before: tsx compiles with esbuild's keepNames, which wraps every
// closure in a `__name(…)` call; in the per-row loops of a million-row ledger those calls cost
// seconds. It also costs ~1 s of start-up per command. Packages stay external (required from
// node_modules as usual): only this repository's own TypeScript is bundled.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const REPOSITORY = path.resolve(__dirname, '..');
/** Everything a bundle is made of: a change to any of these files makes a new bundle. */
const SOURCES = ['src', 'bench', 'rules/schema', 'package.json', 'tsconfig.json', 'scripts/compiled.js'];
/** Bumped when the build options below change. */
const RECIPE = 1;

/** A key over the path, size and modification time of every source file: a few ms for ~200 files. */
function sourcesKey(root, entry) {
  const hash = crypto.createHash('sha256').update(`${RECIPE}\0${entry}\0${process.version}\0`);
  const visit = (file) => {
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file).sort()) visit(path.join(file, name));
    } else {
      hash.update(`${path.relative(root, file)}\0${stat.size}\0${stat.mtimeMs}\0`);
    }
  };
  for (const source of SOURCES) visit(path.join(root, source));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The path of a compiled bundle of `entry` (relative to `root`, this repository by default), built now if no bundle
 * of the current sources exists. Null when it cannot be built here (no esbuild, a read-only
 * install): the caller then runs the sources through tsx.
 */
function compiled(entry, root = REPOSITORY) {
  const cache = path.join(root, 'node_modules', '.cache', 'credit-cover');
  const name = entry.replace(/[^A-Za-z0-9]+/g, '-').replace(/-ts$/, '');
  let key;
  try {
    key = sourcesKey(root, entry);
  } catch {
    return null;
  }
  const target = path.join(cache, `${name}-${key}.cjs`);
  if (fs.existsSync(target)) return target;
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    return null;
  }
  // Built under a name of its own and renamed: two commands starting at once never see half a file.
  const temp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(cache, { recursive: true });
    esbuild.buildSync({
      entryPoints: [path.join(root, entry)],
      outfile: temp,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: `node${process.versions.node.split('.')[0]}`,
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'silent',
    });
    fs.renameSync(temp, target);
    // Bundles of older sources go, once they are an hour old: another checkout sharing this
    // node_modules, or a command still starting, may be using one built a moment ago.
    const hourAgo = Date.now() - 3600_000;
    for (const old of fs.readdirSync(cache)) {
      const file = path.join(cache, old);
      if (!old.startsWith(`${name}-`) || file === target) continue;
      if (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs < hourAgo) fs.rmSync(file, { force: true });
    }
    return target;
  } catch {
    fs.rmSync(temp, { force: true });
    return null;
  }
}

module.exports = { compiled };
