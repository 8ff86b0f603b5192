import { fileURLToPath } from 'node:url';
import { StudioAssets } from '../platform/http/studioAssets.js';

let assets: StudioAssets | undefined;

/**
 * The studio built by tools/buildStudio.ts into dist/studio, beside dist/src, and shipped in the
 * package with it (tools/packageApp.ts).
 */
export function appStudioAssets(): StudioAssets {
  assets ??= new StudioAssets(fileURLToPath(new URL('../../studio/', import.meta.url)));
  return assets;
}
