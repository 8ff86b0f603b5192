import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { FunctionCatalog } from '../../devhost/core/functionCatalog.js';
import { installCoreModule } from '../../devhost/core/installCoreModule.js';
import { loadAppEntryPoints } from '../../devhost/core/loadApp.js';

/**
 * One cold load in a fresh process (`node coldStartProbe.js --app-root DIR --load app|floor
 * [--count]`), printed as `load_ms=… modules=…`. `app` loads the app's entry points (package.json
 * `main`) the way the Node.js worker does, after `@azure/functions-core` is in place; `floor` imports
 * the app root's `sdkFloor.mjs` (the SDKs every function needs and nothing else), with the same core
 * module in place so both start alike. The clock covers the imports only, not Node's own start.
 * With `--count` a resolve hook counts the distinct modules (files and built-ins) that were loaded;
 * the hook costs time, so counting runs are not timed runs.
 */
const { values } = parseArgs({
  options: {
    'app-root': { type: 'string' },
    load: { type: 'string' },
    count: { type: 'boolean', default: false },
  },
});
const appRoot = path.resolve(values['app-root'] ?? '.');
const modules = new Set<string>();
if (values.count) {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const result = nextResolve(specifier, context);
      modules.add(result.url);
      return result;
    },
  });
}
installCoreModule(new FunctionCatalog(() => undefined));
const started = performance.now();
if (values.load === 'floor') await import(pathToFileURL(path.join(appRoot, 'sdkFloor.mjs')).href);
else if (values.load === 'app') await loadAppEntryPoints(appRoot);
else throw new Error('--load app|floor');
const loadMs = performance.now() - started;
process.stdout.write(`load_ms=${loadMs.toFixed(1)} modules=${modules.size}\n`);
// Clients and timers the app may have created must not keep the probe alive.
process.exit(0);
