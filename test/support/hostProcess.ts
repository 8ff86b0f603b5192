import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from './projectPaths.js';
import { eventSubscriptionsFile, type BlobEventSubscription } from '../../devhost/eventGrid/eventSubscriptions.js';

export { projectRoot };

export { startHostProcess, type HostProcess, type HostProcessOptions } from '../../devhost/hostProcess.js';

/**
 * A throw-away app root: the project's host.json, a package.json whose `main` is `mainGlob`, and
 * optionally Event Grid blob subscriptions in infra/eventSubscriptions.json.
 */
export async function makeAppRoot(
  mainGlob: string,
  blobEvents: readonly BlobEventSubscription[] = [],
): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'wesad-app-'));
  await mkdir(path.join(root, 'infra'));
  await writeFile(path.join(root, eventSubscriptionsFile), JSON.stringify({ blobEvents }));
  await writeFile(
    path.join(root, 'package.json'),
    JSON.stringify({ name: 'host-test-app', version: '0.0.0', main: mainGlob }),
  );
  await copyFile(path.join(projectRoot, 'host.json'), path.join(root, 'host.json'));
  return root;
}

export const hostTestAppMain = path.join(projectRoot, 'dist/test/support/hostTestApp/*.js');
