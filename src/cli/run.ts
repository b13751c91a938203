/**
 * Process entry of the command line (npm run cli, npx credit-cover).
 */
import { main } from './index';
import type { Output } from './validate';

// `credit-cover … | head` closes stdout early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const io: Output = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

void main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
