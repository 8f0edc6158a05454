/**
 * The built pages, read once into memory with their gzip form and an ETag: they are small
 * (well under a megabyte) and served on every sign-in.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export type PageFile = {
  body: Buffer;
  gzip?: Buffer;
  /** Each encoding is its own representation, with its own tag (RFC 9110 §8.8.3). */
  gzipEtag?: string;
  type: string;
  etag: string;
  /** Vite's content-hashed files under `/assets/` never change: cache them for a year. */
  immutable: boolean;
};

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const compressible = new Set(['.html', '.js', '.css', '.svg', '.json']);

const readFile = (file: string, urlPath: string): PageFile => {
  const body = fs.readFileSync(file);
  const extension = path.extname(file);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  const gzip = compressible.has(extension) && body.length > 512 ? gzipSync(body, { level: 9 }) : undefined;
  return {
    body,
    ...(gzip && gzip.length < body.length ? { gzip, gzipEtag: `"${hash}-gz"` } : {}),
    type: types[extension] ?? 'application/octet-stream',
    etag: `"${hash}"`,
    immutable: urlPath.startsWith('/assets/'),
  };
};

export type PageAssets = {
  /** A file by its URL path (`/assets/index-abc.js`, `/index.html`, `/demo-app/index.html`). */
  file(urlPath: string): PageFile | undefined;
};

export const loadPageAssets = (dist: string): PageAssets => {
  const files = new Map<string, PageFile>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const urlPath = `/${path.relative(dist, full).split(path.sep).join('/')}`;
        files.set(urlPath, readFile(full, urlPath));
      }
    }
  };
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`The sign-in pages are not built (${dist}); run \`npm run build:web\`.`);
  }
  walk(dist);
  return { file: (urlPath) => files.get(urlPath) };
};
