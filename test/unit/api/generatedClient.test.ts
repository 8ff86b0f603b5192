import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedDocument } from '../../support/apiDocument.js';

/**
 * A client generated from the served document with openapi-typescript, compiled with code that
 * uses it the way a client would. A response schema that said something other than what the
 * types the handlers return say (a field renamed, a type changed, an optional made required)
 * would make this code stop compiling.
 */

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'wesad-client-'));
  const nodes = await openapiTS(servedDocument() as unknown as Parameters<typeof openapiTS>[0]);
  await writeFile(path.join(directory, 'api.ts'), astToString(nodes));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** What a client writes against the generated types; compiled strictly, as this project compiles. */
const usage = `
import type { components, paths } from './api.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<Check extends true> = Check;

type Json<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;
type RunPage = Json<paths['/runs']['get']['responses'][200]>;
type Run = Json<paths['/runs/{runId}']['get']['responses'][200]>;
type Health = Json<paths['/health']['get']['responses'][200]>;
type Model = Json<paths['/models/{name}']['get']['responses'][200]>;
type Datasets = Json<paths['/datasets']['get']['responses'][200]>;
type StartRun = NonNullable<paths['/runs']['post']['requestBody']>['content']['application/json'];

export type Checks = [
  Expect<Equal<RunPage['items'][number]['runId'], string>>,
  Expect<Equal<RunPage['next'], string | null>>,
  Expect<Equal<Run, components['schemas']['RunRecord']>>,
  Expect<Equal<Run['status'], 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'>>,
  Expect<Equal<Run['params']['epochs'], number>>,
  Expect<Equal<Run['modelVersion'], string | null>>,
  Expect<Equal<Run['cancellation'], { by: string; at: string } | undefined>>,
  Expect<Equal<Health['status'], 'ok' | 'degraded'>>,
  Expect<Equal<Model['stages'], Record<string, string>>>,
  Expect<Equal<Datasets['items'][number]['windows'], number>>,
];

/** A caller of GET /runs that reads the first run's id and test AUC. */
export async function firstRun(
  get: (path: '/runs', query: paths['/runs']['get']['parameters']['query']) => Promise<RunPage>,
): Promise<{ runId: string; auc: number | undefined } | undefined> {
  const page = await get('/runs', { experiment: 'default', order: 'desc' });
  const [run] = page.items;
  return run === undefined ? undefined : { runId: run.runId, auc: run.metrics.test_auc };
}

/** Every param may be left out; a param that does not exist may not be sent. */
export const start: StartRun = { params: { epochs: 3 } };
// @ts-expect-error epoch is not a param
export const misspelt: StartRun = { params: { epoch: 3 } };
`;

function compile(files: Record<string, string>): string[] {
  for (const [name, text] of Object.entries(files)) ts.sys.writeFile(path.join(directory, name), text);
  const program = ts.createProgram(
    Object.keys(files)
      .map((name) => path.join(directory, name))
      .concat(path.join(directory, 'api.ts')),
    {
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: false,
      target: ts.ScriptTarget.ES2023,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      noEmit: true,
      types: [],
      lib: ['lib.es2023.d.ts'],
    },
  );
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('a client generated from the OpenAPI document', () => {
  it('compiles with code that uses its typed paths', () => {
    expect(compile({ 'usage.ts': usage })).toEqual([]);
  });

  it('refuses code that reads a response wrongly (the check can fail)', () => {
    const wrong = `
import type { paths } from './api.js';
type RunPage = paths['/runs']['get']['responses'][200]['content']['application/json'];
export const id: number = ({} as RunPage).items[0]?.runId ?? 0;
`;
    expect(compile({ 'wrong.ts': wrong }).join('\n')).toMatch(/Type 'string' is not assignable to type 'number'/);
  });
});
