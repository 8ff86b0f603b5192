import path from 'node:path';
import { projectRoot } from './hostProcess.js';

/** ../shared/fixtures/wesad beside the project, where CI and every developer have it. */
export const wesadFixtures = path.resolve(projectRoot, '../shared/fixtures/wesad');
