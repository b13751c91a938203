/**
 * Run by test/safety/files.test.ts, which kills it (SIGKILL) half-way through writing a large JSON
 * output with the command line's writer: the target must still hold the previous output.
 *
 *   node --import tsx test/safety/write-probe.ts TARGET
 */
import { writeSync } from 'node:fs';
import { writeJsonStreamed } from '../../src/cli/json-out';

const target = process.argv[2];
const pause = new Int32Array(new SharedArrayBuffer(4));
const invoices = Array.from({ length: 200_000 }, (_, i) =>
  i === 150_000
    ? {
        // Several MB are in the temporary file by now: say so, then hold still until killed.
        toJSON(): unknown {
          writeSync(1, 'writing\n');
          Atomics.wait(pause, 0, 0, 60_000);
          return { row: i };
        },
      }
    : { row: i, text: 'x'.repeat(20) },
);
void writeJsonStreamed(target, { invoices });
