/**
 * A blob trigger's `path`: a container name, then a blob name pattern in which `{param}`
 * matches any run of characters, slashes included, as the blob extension's path matching does.
 */
export class BlobPathPattern {
  readonly container: string;
  readonly #blobName: RegExp;

  constructor(readonly path: string) {
    const slash = path.indexOf('/');
    this.container = slash === -1 ? path : path.slice(0, slash);
    if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(this.container)) {
      throw new Error(`Blob trigger path "${path}": "${this.container}" is not a valid container name.`);
    }
    const namePattern = slash === -1 ? '{name}' : path.slice(slash + 1);
    const source = namePattern
      .split(/(\{[A-Za-z_][A-Za-z0-9_]*\})/)
      .map((part) => {
        const parameter = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(part);
        return parameter === null ? part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : `(?<${parameter[1] ?? ''}>.+?)`;
      })
      .join('');
    this.#blobName = new RegExp(`^${source}$`);
  }

  /** The path parameters when the blob name fits the pattern, else undefined. */
  match(blobName: string): Record<string, string> | undefined {
    const match = this.#blobName.exec(blobName);
    return match === null ? undefined : { ...match.groups };
  }
}
