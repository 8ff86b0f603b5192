/** Table keys may not hold '/', '\\', '#', '?' or control characters; blob names may. */
export function tableKeyOf(text: string): string {
  return encodeURIComponent(text);
}
