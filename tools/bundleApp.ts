import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * The function entry points of a staged package as one ES module bundle, `dist/functions/app.js`
 * (package.json `main`, `dist/functions/*.js`, names it alone afterwards). A new instance otherwise
 * resolves and reads about 1,400 files to register the functions, 2,900 with Application Insights;
 * bundled it reads one file plus the packages left outside. The Node.js worker loads whatever
 * files package.json `main` names ("Azure Functions Node.js developer guide", functions-reference-node,
 * folder structure / registering a function), so one ES module registering every function is a
 * valid app; the package test starts the unpacked zip and runs a prediction from it.
 *
 * Left outside the bundle, loaded from node_modules as before:
 * - tfjs (and the optional tfjs-node): large, imported only when a tfjs backend is chosen;
 * - the telemetry packages (the Azure Monitor distro, the Functions instrumentation, OpenTelemetry):
 *   imported only when telemetry is configured, and the distro's instrumentations patch modules as
 *   Node loads them, which a bundled copy would escape;
 * - `@azure/functions-core`, which is no package: the Node.js worker answers its `require`.
 *
 * The worker threads (training, shard and recording workers) keep running from `dist/src`, and
 * node_modules stays whole: every file in the bundle that finds something by `import.meta.url` (the
 * app's workers and WebAssembly kernels, the storage SDK's crc64.wasm) is given its original file's
 * URL (rebaseImportMetaUrl), so every such path resolves to the same file as unbundled.
 */
export interface BundleSummary {
  bundle: string;
  bytes: number;
  /** Source files of the app and its packages inside the bundle. */
  inputs: number;
}

const outsideTheBundle = [
  '@tensorflow/*',
  '@azure/monitor-opentelemetry',
  '@azure/functions-opentelemetry-instrumentation',
  '@opentelemetry/*',
  '@azure/functions-core',
];

export async function bundleFunctions(stage: string): Promise<BundleSummary> {
  const functionsDirectory = path.join(stage, 'dist/functions');
  // The worker loads `main`'s files in name order; the bundle imports them in the same order.
  const entries = (await readdir(functionsDirectory)).filter((name) => name.endsWith('.js')).sort();
  const bundle = path.join(stage, 'dist/app.js');
  const result = await build({
    stdin: {
      contents: entries.map((name) => `import './${name}';\n`).join(''),
      resolveDir: functionsDirectory,
      sourcefile: 'functions-entry.js',
      loader: 'js',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile: bundle,
    external: outsideTheBundle,
    // CommonJS packages inside an ES module bundle still call require() for Node's built-ins and
    // for what stays outside; this gives them Node's own.
    banner: {
      js: "import { createRequire as __bundleCreateRequire } from 'node:module';\nconst require = __bundleCreateRequire(import.meta.url);",
    },
    plugins: [rebaseImportMetaUrl(path.dirname(bundle))],
    metafile: true,
    logLevel: 'warning',
  });
  // The bundle replaces the entry points and their helpers; it moves to where `main` finds it.
  await rm(functionsDirectory, { recursive: true });
  await mkdir(functionsDirectory);
  const placed = path.join(functionsDirectory, 'app.js');
  await rename(bundle, placed);
  return {
    bundle: placed,
    bytes: (await stat(placed)).size,
    inputs: Object.keys(result.metafile.inputs).length,
  };
}

/**
 * `import.meta.url` in a bundled file becomes the URL the file had before bundling, relative to the
 * bundle's own URL (the bundle lands in `dist/functions/`, the files sit in `dist/src/…` and
 * `node_modules/…` of the same package).
 */
function rebaseImportMetaUrl(bundleDirectory: string): Plugin {
  const finalDirectory = path.join(bundleDirectory, 'functions');
  return {
    name: 'rebase-import-meta-url',
    setup(context) {
      context.onLoad({ filter: /\.(c|m)?js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const relative = path.relative(finalDirectory, args.path).split(path.sep).join('/');
        return {
          contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`),
          loader: 'js',
        };
      });
    },
  };
}
