/**
 * The sign-in pages and the demo app are a Vite build of `web/experience/` into its `dist/`.
 * `npm install` builds them (postinstall), `npm start` rebuilds when a source file is newer than
 * the last build, and the test runner does the same once per run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const experienceRoot = fileURLToPath(new URL('../../web/experience/', import.meta.url));
export const experienceDist = path.join(experienceRoot, 'dist');
const stampFile = path.join(experienceDist, '.built');

const newestSource = (dir: string): number => {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
};

/** The dependency versions the build used: a different lock file means a rebuild. */
const lockFile = path.join(experienceRoot, '..', '..', 'package-lock.json');

/** True when `dist/` holds a build at least as new as every source file and the lock file. */
export const isExperienceBuilt = (): boolean => {
  if (!fs.existsSync(stampFile)) return false;
  const lock = fs.existsSync(lockFile) ? fs.statSync(lockFile).mtimeMs : 0;
  return fs.statSync(stampFile).mtimeMs >= Math.max(newestSource(experienceRoot), lock);
};

/** Builds the pages (Vite is loaded only when a build is needed). */
export const buildExperience = async (): Promise<void> => {
  const { build } = await import('vite');
  await build({
    root: experienceRoot,
    configFile: path.join(experienceRoot, 'vite.config.ts'),
    logLevel: 'warn',
  });
  fs.writeFileSync(stampFile, `${new Date().toISOString()}\n`);
};

export const ensureExperienceBuilt = async (): Promise<boolean> => {
  if (isExperienceBuilt()) return false;
  await buildExperience();
  return true;
};
