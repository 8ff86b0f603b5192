import { appStorage } from './appStorage.js';
import { RunSearchProjection } from '../domain/runs/runProjection.js';

let projection: RunSearchProjection | undefined;

/** Run search of this process: one projection, so its snapshots serve every request of the instance. */
export function appRunSearch(): RunSearchProjection {
  projection ??= new RunSearchProjection(appStorage());
  return projection;
}
