import type { StorageClients } from '../../platform/storage/storageClients.js';
import { DatasetCatalog } from '../datasets/datasetCatalog.js';
import { HttpProblem } from '../../platform/http/httpProblem.js';
import { SplitError, splitSubjects } from './subjectSplit.js';
import type { RunRequest } from './runRequest.js';

export interface RunRequestIssue {
  path: string;
  message: string;
}

/** Every subject with at least one labelled window set in the dataset catalog. */
export async function labelledSubjects(storage: StorageClients): Promise<Set<string>> {
  const catalog = new DatasetCatalog(storage);
  const subjects = new Set<string>();
  let continuationToken: string | undefined;
  do {
    const page = await catalog.page(1000, continuationToken, { kind: 'labelled' });
    for (const record of page.items) subjects.add(record.subject);
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);
  return subjects;
}

/**
 * What would make the run fail once it starts, found before it is queued: a subject named
 * twice or in two splits, a held-out subject outside the run's subjects, a subject without a
 * labelled window set, no subject left for training.
 */
export function runSubjectIssues(request: RunRequest, labelled: ReadonlySet<string>): RunRequestIssue[] {
  const issues: RunRequestIssue[] = [];
  const lists = {
    subjects: request.subjects,
    validationSubjects: request.validationSubjects,
    testSubjects: request.testSubjects,
  };
  for (const [path, list] of Object.entries(lists)) {
    if (list === undefined) continue;
    const seen = new Set<string>();
    for (const subject of list) {
      if (seen.has(subject)) issues.push({ path, message: `${subject} is named twice` });
      seen.add(subject);
      if (!labelled.has(subject)) {
        issues.push({ path, message: `${subject} has no labelled window set (upload and ingest it first)` });
      }
    }
  }
  const validation = request.validationSubjects ?? [];
  const test = request.testSubjects ?? [];
  for (const subject of validation.filter((candidate) => test.includes(candidate))) {
    issues.push({ path: 'validationSubjects', message: `${subject} cannot be both a validation and a test subject` });
  }
  if (request.subjects !== undefined) {
    const pool = request.subjects;
    for (const [path, list] of [
      ['validationSubjects', validation],
      ['testSubjects', test],
    ] as const) {
      for (const subject of list.filter((candidate) => !pool.includes(candidate))) {
        issues.push({ path, message: `${subject} is not one of the run's subjects` });
      }
    }
  }
  if (issues.length > 0) return issues;
  // The split the run will make, so that its own refusals (no training subject left) come now.
  try {
    splitSubjects(request.subjects ?? [...labelled], request.validationSubjects, request.testSubjects);
  } catch (error: unknown) {
    if (!(error instanceof SplitError)) throw error;
    issues.push({ path: 'subjects', message: error.message });
  }
  return issues;
}

/** Refuses (422) a run request whose subjects cannot be trained as asked. */
export async function checkRunSubjects(storage: StorageClients, request: RunRequest): Promise<void> {
  const issues = runSubjectIssues(request, await labelledSubjects(storage));
  if (issues.length > 0) {
    throw new HttpProblem('validation', 'The run cannot be trained on these subjects.', { errors: issues });
  }
}
