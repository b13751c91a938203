/**
 * Jest globalSetup: a fresh folder for this run's shared add-in build (./build-addin.ts). Nothing is
 * built here: a run that needs no build (`jest test/domain`) costs nothing. The workers jest starts
 * after this inherit the environment variable.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUILD_DIR_VARIABLE } from './build-addin';

export default function setup(): void {
  process.env[BUILD_DIR_VARIABLE] = mkdtempSync(path.join(tmpdir(), 'credit-cover-build-'));
}
