import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderCycles, folderGraph } from '../../../tools/dependencies/folderGraph.js';
import { projectRoot } from '../../support/projectPaths.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'folder-graph-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function writeSource(relativePath: string, text: string): void {
  mkdirSync(path.dirname(path.join(scratch, relativePath)), { recursive: true });
  writeFileSync(path.join(scratch, relativePath), text);
}

describe('the folder-level dependency graph (npm run deps)', () => {
  it('has no cycle between the folders of src/ and functions/', () => {
    const graph = folderGraph(projectRoot);
    expect(graph.has('src/domain/runs')).toBe(true);
    expect(folderCycles(graph)).toEqual([]);
  });

  it('reports a cycle that runs through different files of two folders', () => {
    writeSource('src/domain/a/first.ts', "import { second } from '../b/second.js';\nexport const first = second;\n");
    writeSource('src/domain/a/third.ts', 'export const third = 3;\n');
    writeSource('src/domain/b/second.ts', "import { third } from '../a/third.js';\nexport const second = third;\n");
    writeSource('functions/entry.ts', "import { first } from '../src/domain/a/first.js';\nexport default first;\n");
    expect(folderCycles(folderGraph(scratch))).toEqual(['src/domain/a -> src/domain/b -> src/domain/a']);
  });
});
