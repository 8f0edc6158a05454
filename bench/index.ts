/** `npm run bench -- <scenario>`: benchmarks, run on demand. Scenarios: token, login, hooks. */
import { runHookBenchmark } from './hooks.ts';
import { runLoginBenchmark } from './login.ts';
import { runTokenBenchmark } from './token.ts';

const scenarios: Record<string, () => Promise<void>> = {
  token: runTokenBenchmark,
  login: runLoginBenchmark,
  hooks: runHookBenchmark,
};
const name = process.argv[2] ?? '';
const scenario = scenarios[name];
if (!scenario) {
  console.error(`usage: npm run bench -- <${Object.keys(scenarios).join('|')}>`);
  process.exit(2);
}
await scenario();
