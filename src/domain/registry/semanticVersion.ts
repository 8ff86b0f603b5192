/** MAJOR.MINOR.PATCH versions of a model (no pre-release tags: stages say how ready a version is). */
export interface SemanticVersion {
  major: number;
  minor: number;
  patch: number;
}

export type VersionBump = 'major' | 'minor' | 'patch';

const pattern = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;

export function parseSemanticVersion(text: string): SemanticVersion | undefined {
  const match = pattern.exec(text);
  if (match === null) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

export function formatSemanticVersion(version: SemanticVersion): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

/** The first version is 1.0.0; after that, the bump asked for. */
export function bumped(latest: SemanticVersion | undefined, bump: VersionBump): SemanticVersion {
  if (latest === undefined) return { major: 1, minor: 0, patch: 0 };
  if (bump === 'major') return { major: latest.major + 1, minor: 0, patch: 0 };
  if (bump === 'minor') return { major: latest.major, minor: latest.minor + 1, patch: 0 };
  return { ...latest, patch: latest.patch + 1 };
}

export function compareSemanticVersions(a: SemanticVersion, b: SemanticVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** A row key that sorts versions numerically: 000000001.000000010.000000000. */
export function sortableVersionKey(version: SemanticVersion): string {
  const pad = (n: number): string => String(n).padStart(9, '0');
  return `${pad(version.major)}.${pad(version.minor)}.${pad(version.patch)}`;
}
