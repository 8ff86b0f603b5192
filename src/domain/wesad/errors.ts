/**
 * Every way a WESAD upload can be refused. The code is stable (stored on dataset rows, matched by
 * clients); the message is for people and may change.
 */
export type WesadErrorCode =
  | 'UNSUPPORTED_FILE'
  | 'EMPTY_INPUT'
  | 'INPUT_TOO_LARGE'
  | 'NOT_A_PICKLE'
  | 'TRUNCATED_PICKLE'
  | 'MALFORMED_PICKLE'
  | 'FORBIDDEN_GLOBAL'
  | 'FORBIDDEN_OPCODE'
  | 'UNSUPPORTED_ARRAY'
  | 'MISSING_FIELD'
  | 'INCONSISTENT_SIGNALS'
  | 'NON_FINITE_SAMPLE'
  | 'CSV_MISSING_HEADER'
  | 'CSV_NON_NUMERIC'
  | 'E4_MISSING_SIGNAL'
  | 'ZIP_MALFORMED'
  | 'ZIP_UNSAFE_ENTRY_NAME'
  | 'ZIP_LIMIT_EXCEEDED'
  | 'QUEST_MALFORMED'
  | 'INVALID_PARAMETERS'
  | 'INVALID_SUBJECT'
  | 'NO_CLEAN_SIGNAL'
  | 'RESPIBAN_MALFORMED'
  | 'E4_OFFSET_NOT_FOUND'
  | 'E4_OFFSET_AMBIGUOUS'
  | 'SUBJECT_MISMATCH'
  | 'RECORDING_TOO_LONG'
  | 'PICKLE_LIMIT_EXCEEDED';

export class WesadInputError extends Error {
  override readonly name = 'WesadInputError';

  constructor(
    readonly code: WesadErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isWesadInputError(error: unknown): error is WesadInputError {
  return error instanceof WesadInputError;
}

/** The setting whose value an input passed, for clients and for the 413 that names it. */
export interface LimitBreach {
  setting: string;
  value: number;
}

/**
 * Bad input refused because it passed a configured bound (size, expansion, length, structure)
 * rather than because it is malformed: the HTTP API answers 413 naming the limit.
 */
export class WesadLimitError extends WesadInputError {
  constructor(
    code: WesadErrorCode,
    message: string,
    readonly limit: LimitBreach,
  ) {
    super(code, message);
  }
}
