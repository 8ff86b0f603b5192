/**
 * The WESAD ingestion library's public surface, for the blob trigger and the CLI: readers for
 * subject pickles, E4 exports and quest files, and the wesad-wrist-v1 window sets they produce.
 */
export {
  WesadInputError,
  WesadLimitError,
  isWesadInputError,
  type LimitBreach,
  type WesadErrorCode,
} from './errors.js';
export { ingestSubjectPickle, type IngestOptions } from './ingestPickle.js';
export {
  ingestE4Csvs,
  ingestE4Zip,
  DEFAULT_MAX_E4_ZIP_BYTES,
  type CsvUpload,
  type E4IngestOptions,
} from './ingestE4.js';
export { parseQuestTimeline, type QuestTimeline, type ProtocolPhase } from './e4/questTimeline.js';
export { readE4Zip, readE4Csvs, type E4ReadLimits, type E4Recording } from './e4/e4Recording.js';
export { unzipStream, type UnzipLimits, type ZipEntrySink } from './e4/safeUnzip.js';
export { DEFAULT_UPLOAD_LIMITS, UPLOAD_LIMIT_SETTINGS, type UploadLimits } from './uploadLimits.js';
export { readWesadPickle, DEFAULT_MAX_PICKLE_BYTES, type WesadPickleReadResult } from './pickle/wesadPickleReader.js';
export type { ByteChunks } from './pickle/byteSource.js';
export { DEFAULT_WINDOW_PARAMETERS, PREPROCESSING_FORMAT, type WindowParameters } from './preprocess/parameters.js';
export type { NamedBuffer } from './preprocess/contentVersion.js';
export type { ProcessedWindowSet, WindowSetManifest } from './preprocess/windowSetOutput.js';
export { syntheticSubject, subjectPicklePieces, type SyntheticSubjectOptions } from './synthetic/syntheticSubject.js';
export { e4Zip as syntheticE4Zip, questCsv as syntheticQuestCsv } from './synthetic/e4Export.js';
