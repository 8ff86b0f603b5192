import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

interface DocumentedResponse {
  content?: Record<string, { schema?: { $ref?: string } }>;
}

export interface ServedDocument {
  paths: Record<string, Record<string, { responses: Record<string, DocumentedResponse> }>>;
  components: { schemas: Record<string, unknown> };
}

/** Where the components live for the validator; the document's own $refs are relative to it. */
const documentId = 'https://wesad-mlops.invalid/openapi.json';

/**
 * Checks real responses against the response schemas of the OpenAPI document the host serves,
 * with ajv's JSON Schema 2020-12 validator (the dialect of OpenAPI 3.1 schemas). What a check
 * returns is a list of disagreements, empty when the response is what the document says.
 */
export class DocumentedResponses {
  readonly #document: ServedDocument;
  readonly #ajv = new Ajv2020({ allErrors: true, strict: false });
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(document: ServedDocument) {
    this.#document = document;
    // `components` is not a JSON Schema keyword: it is only where the $refs point.
    this.#ajv.addSchema({ $id: documentId, components: document.components });
  }

  /** The disagreements of `response` (already read as `body`) with the documented response of `method path`. */
  check(method: string, path: string, response: Response, body: unknown): string[] {
    const documented = this.#document.paths[path]?.[method]?.responses[String(response.status)];
    if (documented === undefined) return [`${method} ${path} does not document status ${response.status}`];
    if (response.status === 204) {
      return documented.content === undefined ? [] : [`${method} ${path} documents a body on 204`];
    }
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const content = documented.content?.[mediaType];
    if (content === undefined) return [`${method} ${path} ${response.status} does not document ${mediaType}`];
    const reference = content.schema?.$ref;
    if (mediaType !== 'application/json') return [];
    if (reference === undefined) return [`${method} ${path} ${response.status}: the JSON body has no schema`];
    const validate = this.#validator(reference);
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error) => `${method} ${path} ${response.status} ${reference}: ${error.instancePath} ${error.message ?? ''}`,
    );
  }

  #validator(reference: string): ValidateFunction {
    let validate = this.#validators.get(reference);
    if (validate === undefined) {
      const found = this.#ajv.getSchema(`${documentId}${reference}`);
      if (found === undefined) throw new Error(`The document has no schema at ${reference}`);
      validate = found;
      this.#validators.set(reference, validate);
    }
    return validate;
  }
}
