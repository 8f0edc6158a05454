/**
 * Preloaded into the server under benchmark (`node --import`): measures how long the event loop
 * was blocked (SIGUSR2 starts over), and prints the distribution (ms) to stderr as one JSON line
 * when the process exits.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
// The benchmark signals when setup is over: only the load phase counts.
process.on('SIGUSR2', () => histogram.reset());
process.on('exit', () => {
  const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
  const loopDelay = {
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
  };
  fs.writeSync(2, `${JSON.stringify({ loopDelay })}\n`);
});
