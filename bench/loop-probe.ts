/**
 * Preloaded into the server under benchmark (`node --import`): measures how long the event loop
 * was held up (SIGUSR2 starts over), and prints the distribution (ms) to stderr as one JSON line
 * when the process exits.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const resolution = 10;
const histogram = monitorEventLoopDelay({ resolution });
histogram.enable();
// The benchmark signals when setup is over: only the load phase counts.
process.on('SIGUSR2', () => histogram.reset());
process.on('exit', () => {
  // The histogram records the time between two ticks of a `resolution` ms timer: the delay is
  // what exceeds the resolution (an idle loop records ~10 ms, i.e. no delay).
  const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - resolution) * 10) / 10);
  const loopDelay = {
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
  };
  fs.writeSync(2, `${JSON.stringify({ loopDelay })}\n`);
});
