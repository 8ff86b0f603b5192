/**
 * Table Storage caps a string property at 64 KiB (32 K UTF-16 characters), so long JSON text
 * (inputs, outputs, history payloads) is spread over `Name`, `Name_1`, `Name_2`, ….
 */
const partLength = 30_000;

export function splitText(name: string, text: string | null | undefined): Record<string, string> {
  if (text === null || text === undefined) return {};
  const parts: Record<string, string> = { [name]: text.slice(0, partLength) };
  for (let index = 1; index * partLength < text.length; index++) {
    parts[`${name}_${index}`] = text.slice(index * partLength, (index + 1) * partLength);
  }
  return parts;
}

export function joinText(entity: Record<string, unknown>, name: string): string | null {
  const first = entity[name];
  if (typeof first !== 'string') return null;
  let text = first;
  for (let index = 1; ; index++) {
    const part = entity[`${name}_${index}`];
    if (typeof part !== 'string') return text;
    text += part;
  }
}
