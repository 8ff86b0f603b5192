import { describe, expect, it } from 'vitest';
import { alignPickleToExport } from '../../../src/domain/wesad/e4/pickleAlignment.js';
import { parseRespibanHeader } from '../../../src/domain/wesad/e4/respibanHeader.js';

describe("locating a pickle's wrist EDA in the E4 export", () => {
  const exportEda = Float64Array.from({ length: 4000 }, (_v, i) =>
    Number((1 + 0.3 * Math.sin(i / 7) + (i % 13) / 1000).toFixed(6)),
  );

  it('finds the exact crop and gives the offset in seconds (4 Hz)', () => {
    const crop = exportEda.slice(549, 549 + 2400);
    expect(alignPickleToExport(exportEda, crop)).toEqual({
      offsetSeconds: 137.25,
      edaSample: 549,
      matchedSamples: 2400,
    });
  });

  it('refuses a pickle that is not in the export, even one off by a rounding', () => {
    const crop = exportEda.slice(100, 1100);
    crop[500] = (crop[500] ?? 0) + 1e-6;
    expect(() => alignPickleToExport(exportEda, crop)).toThrow(
      expect.objectContaining({ code: 'E4_OFFSET_NOT_FOUND' }) as Error,
    );
    expect(() => alignPickleToExport(exportEda.slice(0, 10), exportEda.slice(0, 20))).toThrow(
      expect.objectContaining({ code: 'E4_OFFSET_NOT_FOUND' }) as Error,
    );
  });

  it('refuses an ambiguous match rather than picking one', () => {
    const flat = new Float64Array(800).fill(0.5);
    expect(() => alignPickleToExport(flat, flat.slice(0, 400))).toThrow(
      expect.objectContaining({ code: 'E4_OFFSET_AMBIGUOUS' }) as Error,
    );
    // A repeated stretch: the crop occurs twice.
    const twice = Float64Array.from([...exportEda.slice(0, 300), ...exportEda.slice(0, 300)]);
    expect(() => alignPickleToExport(twice, exportEda.slice(10, 200))).toThrow(
      expect.objectContaining({ code: 'E4_OFFSET_AMBIGUOUS' }) as Error,
    );
  });
});

describe('the RespiBAN header', () => {
  const file = (date: string, time: string) =>
    `# OpenSignals Text File Format\n# {"00:07:80:3B:46:61": {"sensor": ["RAW"], "sampling rate": 700, "date": "${date}", "time": "${time}", "device": "biosignalsplux"}}\n# EndOfHeader\n0\t0\t1\n`;

  it('reads the local start in the given zone, summer and winter time', () => {
    // 2017-05-22 11:06:36.398 in Berlin is CEST (UTC+2): 09:06:36.398 UTC.
    const summer = parseRespibanHeader(file('2017-5-22', '11:6:36.398'), 'Europe/Berlin');
    expect(summer.startUnix).toBeCloseTo(Date.UTC(2017, 4, 22, 9, 6, 36, 398) / 1000, 6);
    expect(summer).toMatchObject({ localDate: '2017-5-22', localTime: '11:6:36.398', samplingRateHz: 700 });
    // In January Berlin is CET (UTC+1).
    const winter = parseRespibanHeader(file('2017-01-10', '08:00:00'), 'Europe/Berlin');
    expect(winter.startUnix).toBe(Date.UTC(2017, 0, 10, 7, 0, 0) / 1000);
    expect(parseRespibanHeader(file('2017-01-10', '08:00:00'), 'UTC').startUnix).toBe(Date.UTC(2017, 0, 10, 8) / 1000);
  });

  it.each([
    ['no JSON line', '# OpenSignals Text File Format\n# EndOfHeader\n'],
    ['broken JSON', '# {"a": \n'],
    ['no date', '# {"dev": {"time": "10:00:00"}}\n'],
    ['a malformed time', '# {"dev": {"date": "2017-5-22", "time": "ten"}}\n'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseRespibanHeader(text, 'Europe/Berlin')).toThrow(
      expect.objectContaining({ code: 'RESPIBAN_MALFORMED' }) as Error,
    );
  });
});
