import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * `npm run build:studio`: bundles the browser studio (studio/) with esbuild into dist/studio, the
 * folder the studio route serves and the package ships: index.html and one script and one style
 * sheet named by their content hash, so a browser may keep them for a year and still never runs a
 * stale one. Everything the page needs is in those files; it loads nothing from other origins.
 */
export async function buildStudio(projectRoot: string): Promise<string[]> {
  const source = path.join(projectRoot, 'studio');
  const out = path.join(projectRoot, 'dist', 'studio');
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const result = await build({
    entryPoints: { studio: path.join(source, 'main.tsx') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    outdir: out,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: path.join(source, 'tsconfig.json'),
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.basename(file));
  const script = outputs.find((file) => file.endsWith('.js'));
  const styles = outputs.find((file) => file.endsWith('.css'));
  if (script === undefined || styles === undefined) throw new Error(`esbuild produced ${outputs.join(', ')}`);
  const page = (await readFile(path.join(source, 'index.html'), 'utf8'))
    .replace('{{js}}', `./${script}`)
    .replace('{{css}}', `./${styles}`);
  await writeFile(path.join(out, 'index.html'), page);
  return [...outputs, 'index.html'];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  buildStudio(root).then(
    (files) => {
      console.log(`Studio built into dist/studio: ${files.join(', ')}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
