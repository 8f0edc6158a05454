/**
 * `npm run build:web` (and `postinstall`): builds the sign-in pages and the demo app into
 * web/experience/dist/ and prints each script's and stylesheet's size, raw and gzipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildExperience, experienceDist } from '../src/pages/build.ts';

const started = performance.now();
await buildExperience();
const assets = path.join(experienceDist, 'assets');
let total = 0;
for (const name of fs.readdirSync(assets).sort()) {
  if (!/\.(js|css)$/.test(name)) continue;
  const body = fs.readFileSync(path.join(assets, name));
  const gzipped = gzipSync(body, { level: 9 }).length;
  if (name.endsWith('.js')) total += gzipped;
  console.log(
    `  ${name.padEnd(36)} ${(body.length / 1024).toFixed(1).padStart(7)} kB  gzip ${(gzipped / 1024).toFixed(1).padStart(6)} kB`,
  );
}
console.log(
  `web/experience built in ${Math.round(performance.now() - started)} ms; all scripts gzipped: ${(total / 1024).toFixed(1)} kB`,
);
