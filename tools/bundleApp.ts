import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * The function entry points of a staged package as one ES module bundle, `dist/functions/app.js`
 * with its chunks in `dist/functions/chunks/` (package.json `main`, `dist/functions/*.js`, names
 * the entry alone afterwards). A new instance otherwise
 * resolves and reads about 1,400 files to register the functions, 2,900 with Application Insights;
 * bundled it reads the entry and the few chunks needed at start (36 modules with Node's built-ins,
 * 0.37× the load time of the Azure SDKs alone: docs/performance.md). The Node.js worker loads whatever
 * files package.json `main` names ("Azure Functions Node.js developer guide", functions-reference-node,
 * folder structure / registering a function), so one ES module registering every function is a
 * valid app; the package test starts the unpacked zip and runs a prediction from it.
 *
 * Left outside the bundle, loaded from node_modules as before: tfjs (and the optional tfjs-node),
 * imported only when a tfjs backend is chosen, and `@azure/functions-core`, which is no package (the
 * Node.js worker answers its `require`). The telemetry packages are inside, in chunks read only when
 * telemetry is configured. Inside or not, the Azure Monitor distro behaves the same here: its http
 * instrumentation wraps `require('http')` in both, and neither instruments what the app's ES module
 * SDKs import (measured on the package with Application Insights set, 2026-12-04); the worker
 * capability and the global tracer provider are set alike (functionStartup and package tests).
 *
 * The worker threads (training, shard and recording workers) keep running from `dist/src`, and
 * node_modules stays whole: every file in the bundle that finds something by `import.meta.url` (the
 * app's workers and WebAssembly kernels, the storage SDK's crc64.wasm) is given its original file's
 * URL (rebaseImportMetaUrl), so every such path resolves to the same file as unbundled.
 */
export interface BundleSummary {
  bundle: string;
  /** Bytes of the bundle and its chunks. */
  bytes: number;
  /** Files of the bundle: the entry and the chunks it imports, at start or on demand. */
  outputs: number;
  /** Source files of the app and its packages inside the bundle. */
  inputs: number;
}

/** tfjs: 70 MB of packages, imported only when a tfjs backend is chosen. `@azure/functions-core` is no package. */
const outsideTheBundle = ['@tensorflow/*', '@azure/functions-core'];

/**
 * Every output file (the entry in dist/functions/, chunks in dist/functions/chunks/) finds the
 * package root from its own URL; CommonJS code inside an ES module still calls require() for Node's
 * built-ins and for what stays outside, which gets Node's own.
 */
const banner = [
  "import { createRequire as __bundleCreateRequire } from 'node:module';",
  'const require = __bundleCreateRequire(import.meta.url);',
  "const __packageRoot = new URL(import.meta.url.includes('/dist/functions/chunks/') ? '../../../' : '../../', import.meta.url);",
].join('\n');

export async function bundleFunctions(stage: string): Promise<BundleSummary> {
  const functionsDirectory = path.join(stage, 'dist/functions');
  // The worker loads `main`'s files in name order; the bundle imports them in the same order.
  const entries = (await readdir(functionsDirectory)).filter((name) => name.endsWith('.js')).sort();
  const entry = path.join(functionsDirectory, '.bundle-entry.js');
  await writeFile(entry, entries.map((name) => `import './${name}';\n`).join(''));
  const output = path.join(stage, 'dist/.bundle');
  const result = await build({
    entryPoints: { app: entry },
    bundle: true,
    // What is imported on demand (the telemetry exporters, the engine, the prediction code) goes to
    // chunks of its own, read only when first imported.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outdir: output,
    external: outsideTheBundle,
    banner: { js: banner },
    plugins: [rebaseImportMetaUrl(stage)],
    metafile: true,
    logLevel: 'warning',
  });
  // The bundle replaces the entry points and their helpers, where `main` finds it.
  await rm(functionsDirectory, { recursive: true });
  await rename(output, functionsDirectory);
  const files = Object.keys(result.metafile.outputs);
  let bytes = 0;
  for (const file of Object.values(result.metafile.outputs)) bytes += file.bytes;
  return {
    bundle: path.join(functionsDirectory, 'app.js'),
    bytes,
    outputs: files.length,
    inputs: Object.keys(result.metafile.inputs).length,
  };
}

/**
 * `import.meta.url` in a bundled file becomes the URL the file had before bundling: its path in
 * the package (`dist/src/…`, `node_modules/…`) on the package root the output file finds (banner).
 */
function rebaseImportMetaUrl(stage: string): Plugin {
  return {
    name: 'rebase-import-meta-url',
    setup(context) {
      context.onLoad({ filter: /\.(c|m)?js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const inPackage = path.relative(stage, args.path).split(path.sep).join('/');
        return {
          contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(inPackage)}, __packageRoot).href`),
          loader: 'js',
        };
      });
    },
  };
}
