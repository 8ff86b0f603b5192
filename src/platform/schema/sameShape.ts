/**
 * Compile-time checks that a zod schema and a hand-written TypeScript type describe the same JSON,
 * so a response schema in the OpenAPI document cannot drift from what a handler returns: a field
 * added to, removed from or made optional in only one of them fails `tsc` where the check is.
 *
 *   type _Matches = Expect<SameShape<RunRecord, z.output<typeof runRecordSchema>>>;
 *
 * Mutual assignability rather than identity: an interface and the object type zod infers are
 * never identical, but they are interchangeable exactly when they have the same fields with the
 * same types and the same optionality.
 */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Fails to compile (Type 'false' does not satisfy the constraint 'true') when the check is false. */
export type Expect<Check extends true> = Check;
