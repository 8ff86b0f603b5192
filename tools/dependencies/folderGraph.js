// @ts-check
/**
 * The folder-level dependency graph of the app (src/ and functions/): which folder imports which,
 * and every cycle between folders. `npm run deps` prints it and fails on a cycle; the unit tier
 * runs the same check. ESLint's import-x/no-cycle covers cycles between files; this covers the
 * coarser ones a file-level check cannot see (folder A → B through one file, B → A through another).
 */
import { readdirSync, readFileSync } from 'node:fs';
import process from 'node:process';
import console from 'node:console';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const relativeImport = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g;

/** @param {string} directory @returns {string[]} */
function sourceFiles(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The folder a file belongs to: its directory, at most three levels deep (src/domain/runs). */
function folderOf(/** @type {string} */ relativeFile) {
  return path.dirname(relativeFile).split(path.sep).slice(0, 3).join('/');
}

/**
 * @param {string} root the repository root
 * @param {readonly string[]} tops the top-level folders to read
 * @returns {Map<string, Map<string, string[]>>} folder → imported folder → the importing files
 */
export function folderGraph(root, tops = ['src', 'functions']) {
  /** @type {Map<string, Map<string, string[]>>} */
  const graph = new Map();
  for (const top of tops) {
    for (const file of sourceFiles(path.join(root, top))) {
      const from = folderOf(path.relative(root, file));
      const edges = graph.get(from) ?? new Map();
      graph.set(from, edges);
      for (const match of readFileSync(file, 'utf8').matchAll(relativeImport)) {
        const specifier = match[1] ?? '';
        const to = folderOf(path.relative(root, path.resolve(path.dirname(file), specifier)));
        if (to === from) continue;
        const importers = edges.get(to) ?? [];
        importers.push(path.relative(root, file));
        edges.set(to, importers);
      }
    }
  }
  return graph;
}

/** Every elementary cycle's folders, each listed once from its smallest name. @param {Map<string, Map<string, string[]>>} graph */
export function folderCycles(graph) {
  /** @type {Set<string>} */
  const cycles = new Set();
  /** @param {string} start @param {string} node @param {string[]} trail */
  const walk = (start, node, trail) => {
    for (const next of graph.get(node)?.keys() ?? []) {
      if (next === start) cycles.add([...trail, start].join(' -> '));
      else if (next > start && !trail.includes(next)) walk(start, next, [...trail, next]);
    }
  };
  for (const start of graph.keys()) walk(start, start, [start]);
  return [...cycles].sort();
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const graph = folderGraph(root);
  for (const [from, edges] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
    const targets = [...edges].sort(([a], [b]) => a.localeCompare(b));
    console.log(`${from}${targets.length === 0 ? '' : ' ->'}`);
    for (const [to, files] of targets) console.log(`    ${to} (${files.length})`);
  }
  const cycles = folderCycles(graph);
  console.log(
    cycles.length === 0 ? '\nNo cycle between folders.' : `\nCycles:\n${cycles.map((c) => `  ${c}`).join('\n')}`,
  );
  process.exitCode = cycles.length === 0 ? 0 : 1;
}
