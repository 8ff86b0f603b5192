import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/projectPaths.js';

/**
 * The built studio (`npm run build` runs tools/buildStudio.ts into dist/studio): what a browser
 * downloads to open it, and that nothing in it points at another origin.
 */
const built = path.join(projectRoot, 'dist', 'studio');
/** Issue #21: the studio's page, script and style sheet together, gzipped. */
const budgetBytes = 250 * 1024;

async function builtFiles(): Promise<{ name: string; content: Buffer }[]> {
  const names = (await readdir(built)).sort();
  return Promise.all(names.map(async (name) => ({ name, content: await readFile(path.join(built, name)) })));
}

describe('the built studio', () => {
  it('is one page, one hashed script and one hashed style sheet', async () => {
    const names = (await builtFiles()).map((file) => file.name);
    expect(names).toHaveLength(3);
    expect(names).toContain('index.html');
    expect(names.filter((name) => /^studio-[A-Z0-9]{8,}\.js$/.test(name))).toHaveLength(1);
    expect(names.filter((name) => /^studio-[A-Z0-9]{8,}\.css$/.test(name))).toHaveLength(1);
  });

  it(`downloads in at most ${budgetBytes / 1024} KB gzipped`, async () => {
    const gzipped = (await builtFiles()).reduce((sum, file) => sum + gzipSync(file.content, { level: 9 }).length, 0);
    console.log(`studio bundle: ${(gzipped / 1024).toFixed(1)} KB gzipped`);
    expect(gzipped).toBeGreaterThan(1024);
    expect(gzipped).toBeLessThanOrEqual(budgetBytes);
  });

  it('names only its own files in the page, and loads nothing from another origin', async () => {
    const files = await builtFiles();
    const page = files.find((file) => file.name === 'index.html')?.content.toString() ?? '';
    // data: URLs are inline (the empty icon that spares a request for /favicon.ico), never fetched.
    const referenced = [...page.matchAll(/(?:src|href)="([^"]*)"/g)]
      .map((match) => match[1] ?? '')
      .filter((reference) => !reference.startsWith('data:'));
    expect(referenced.sort()).toEqual(
      files
        .filter((file) => file.name !== 'index.html')
        .map((file) => `./${file.name}`)
        .sort(),
    );
    for (const file of files) {
      const text = file.content.toString();
      // XML namespace names (the DOM's SVG and MathML namespaces) are identifiers, never fetched.
      const urls = [...text.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)]*/gi)]
        .map((match) => match[0])
        .filter((url) => !/^http:\/\/www\.w3\.org\/(1998\/Math\/MathML|1999\/xhtml|2000\/svg)$/.test(url));
      expect(urls, file.name).toEqual([]);
    }
  });
});
