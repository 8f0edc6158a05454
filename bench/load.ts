/** A closed-loop load generator: `concurrency` workers send requests back to back for `durationMs`. */
export type LoadResult = { requests: number; errors: number; rps: number; p50: number; p99: number };

/**
 * `probe`, when given, is started when the measured phase starts; the function it returns is
 * called when that phase ends, and its value comes back as `probed`.
 */
export const load = async <T = undefined>(
  send: () => Promise<boolean>,
  { concurrency = 50, durationMs = 10_000, warmupMs = 2000 } = {},
  probe?: () => () => T,
): Promise<LoadResult & { probed?: T }> => {
  const run = async (ms: number, record: boolean) => {
    const latencies: number[] = [];
    let errors = 0;
    const end = performance.now() + ms;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const started = performance.now();
          const ok = await send().catch(() => false);
          if (!record) continue;
          if (ok) latencies.push(performance.now() - started);
          else errors++;
        }
      }),
    );
    return { latencies, errors };
  };
  await run(warmupMs, false);
  const stopProbe = probe?.();
  const started = performance.now();
  const { latencies, errors } = await run(durationMs, true);
  const seconds = (performance.now() - started) / 1000;
  const probed = stopProbe?.();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    probed,
  };
};
