import { describe, expect, it } from 'vitest';
import { pageJsonOf, pageOf } from '../../../src/platform/http/paging.js';

describe('pageJsonOf', () => {
  const items = [
    { runId: 'r1', metrics: { test_auc: 0.9 }, note: 'a "quoted" \u2028 line' },
    { runId: 'r2', params: {} },
  ];
  const url = 'http://127.0.0.1:7071/api/runs?experiment=default&filter=metrics.test_auc%3E0.9&pageSize=2';

  it('writes the text JSON.stringify writes for the same page, on the last page and before it', () => {
    for (const token of [undefined, 'eyJvZmZzZXQiOjJ9']) {
      const text = pageJsonOf(
        url,
        items.map((item) => JSON.stringify(item)),
        token,
      );
      expect(text).toBe(JSON.stringify(pageOf(url, items, token)));
    }
  });

  it('writes an empty page as JSON.stringify does', () => {
    expect(pageJsonOf(url, [], undefined)).toBe(JSON.stringify(pageOf(url, [], undefined)));
  });
});
