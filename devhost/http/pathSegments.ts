/**
 * The non-empty segments of a request path, each percent-decoded; undefined when an escape is
 * malformed (`%zz`, a lone `%`, bytes that are not UTF-8), which the host answers with 400 rather
 * than failing on.
 */
export function decodedPathSegments(pathname: string): string[] | undefined {
  const segments: string[] = [];
  for (const part of pathname.split('/')) {
    if (part === '') continue;
    try {
      segments.push(decodeURIComponent(part));
    } catch {
      // decodeURIComponent throws URIError and nothing else: the escape is malformed.
      return undefined;
    }
  }
  return segments;
}
