import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioAssets, studioContentSecurityPolicy } from '../../../src/platform/http/studioAssets.js';

let root: string;
let assets: StudioAssets;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'studio-assets-'));
  const folder = path.join(root, 'studio');
  await mkdir(path.join(folder, 'nested'), { recursive: true });
  await writeFile(path.join(folder, 'index.html'), '<!doctype html><title>studio</title>');
  await writeFile(path.join(folder, 'studio-ABCD1234.js'), 'export {};');
  await writeFile(path.join(folder, 'studio-EFGH5678.css'), 'body{}');
  await writeFile(path.join(folder, 'notes.txt'), 'not a served type');
  await writeFile(path.join(folder, 'nested', 'inner.js'), 'nested');
  // Beside the folder: what a traversal would be after.
  await writeFile(path.join(root, 'secret.js'), 'secret');
  assets = new StudioAssets(folder);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the studio route', () => {
  it('answers the page for /studio/, revalidated on each load, with the CSP that forbids other origins', async () => {
    const response = await assets.respond('', '/api/studio/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toBe(studioContentSecurityPolicy);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body?.toString()).toContain('<title>studio</title>');
    expect((await assets.respond('index.html', '/api/studio/index.html')).status).toBe(200);
  });

  it('redirects the bare /studio to /studio/, so the page’s relative asset names resolve under it', async () => {
    const response = await assets.respond('', '/api/studio');
    expect(response.status).toBe(308);
    expect(response.headers.location).toBe('/api/studio/');
  });

  it('serves hashed scripts and style sheets with their types, cached privately for a year', async () => {
    const script = await assets.respond('studio-ABCD1234.js', '/api/studio/studio-ABCD1234.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const styles = await assets.respond('studio-EFGH5678.css', '/api/studio/studio-EFGH5678.css');
    expect(styles.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('reaches no file outside the listing of its folder, however the path is written', async () => {
    for (const attempt of [
      '../secret.js',
      '..%2Fsecret.js',
      '..\\secret.js',
      '/etc/passwd',
      path.join(root, 'secret.js'),
      'nested/inner.js',
      'nested/../studio-ABCD1234.js',
      './studio-ABCD1234.js',
      'STUDIO-ABCD1234.JS',
      'notes.txt',
      'missing.js',
    ]) {
      const response = await assets.respond(attempt, `/api/studio/${attempt}`);
      expect(response.status, attempt).toBe(404);
      expect(response.body?.toString(), attempt).toBe('Not found');
    }
  });

  it('answers 404 for everything when the studio was not built', async () => {
    const unbuilt = new StudioAssets(path.join(root, 'absent'));
    expect((await unbuilt.respond('', '/api/studio/')).status).toBe(404);
  });
});
