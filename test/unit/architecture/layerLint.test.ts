import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/projectPaths.js';
import { layerRules } from '../../../eslint.config.js';

/**
 * `npm run lint` enforces the layers with `layerRules` of eslint.config.js. These run exactly those
 * rules (without the type-aware ones, which take half a minute to load the project) on a real file
 * of the tree with one import added, linted as if it were on disk (nothing is written), and expect
 * each probe refused.
 */
const eslint = new ESLint({
  cwd: projectRoot,
  overrideConfigFile: true,
  overrideConfig: [{ languageOptions: { parser: tseslint.parser } }, layerRules],
});

async function ruleIdsFor(relativeFile: string, addedImport: string): Promise<string[]> {
  const filePath = path.join(projectRoot, relativeFile);
  const text = `${addedImport}\n${readFileSync(filePath, 'utf8')}`;
  const [result] = await eslint.lintText(text, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('the layer rules of npm run lint', () => {
  it('pass on the tree as it is', async () => {
    expect(await ruleIdsFor('src/domain/runs/runRecords.ts', '')).toEqual([]);
  });

  it('refuse an upward import (domain importing the API layer)', async () => {
    expect(await ruleIdsFor('src/domain/runs/runRecords.ts', "import '../../api/apiOperations.js';")).toContain(
      'import-x/no-restricted-paths',
    );
  });

  it('refuse an import of the local host from the app', async () => {
    expect(await ruleIdsFor('src/platform/http/paging.ts', "import '../../../devhost/hostJson.js';")).toContain(
      'import-x/no-restricted-paths',
    );
  });

  it('refuse a cycle', async () => {
    // runStore imports runQuery; runQuery importing runStore back closes a cycle.
    expect(await ruleIdsFor('src/domain/runs/runQuery.ts', "import './runStore.js';")).toContain('import-x/no-cycle');
  });
});
