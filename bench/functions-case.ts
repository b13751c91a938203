/**
 * bench/functions.bench.ts's scenarios as one JSON line, for `npm run bench`, which compiles this
 * file with tsc (as webpack's ts-loader would) and runs the JavaScript: tsx's esbuild wraps each
 * closure in a `__name` helper, which about doubles the cost of creating streaming cells.
 */
import { measureFunctions } from './functions.bench';

process.stdout.write(
  JSON.stringify({
    case: 'functions',
    scenarios: measureFunctions(),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
