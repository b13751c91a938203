/** Jest globalTeardown: removes the run's shared add-in build (./build-addin-setup.ts). */
import { rmSync } from 'node:fs';
import { BUILD_DIR_VARIABLE } from './build-addin';

export default function teardown(): void {
  const folder = process.env[BUILD_DIR_VARIABLE];
  if (folder) rmSync(folder, { recursive: true, force: true });
}
