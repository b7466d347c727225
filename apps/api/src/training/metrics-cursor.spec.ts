import { describe, expect, it } from 'vitest';
import { advanceCursor, decodeCursor, encodeCursor, groupSeries, pointsAfter } from './metrics-cursor';

describe('metrics cursor', () => {
  const points = [
    { name: 'train/loss', step: 10 },
    { name: 'eval/auroc', step: 10 },
    { name: 'train/loss', step: 20 },
  ];

  it('moves each series past what was delivered and leaves the others', () => {
    expect(advanceCursor({ 'train/loss': 5, 'train/lr': 30 }, points)).toEqual({ 'train/loss': 20, 'eval/auroc': 10, 'train/lr': 30 });
  });

  it('drops points a cursor already covers, per series', () => {
    expect(pointsAfter({ 'train/loss': 10 }, points)).toEqual([points[1], points[2]]);
  });

  it('groups by name (sorted), each series in step order', () => {
    expect(groupSeries(points).map((s) => [s.name, s.points.map((p) => p.step)])).toEqual([
      ['eval/auroc', [10]],
      ['train/loss', [10, 20]],
    ]);
  });

  it('round-trips through an SSE event id and refuses anything else', () => {
    const cursor = { 'train/loss': 20, 'eval/auroc': 10 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(JSON.stringify(cursor))).toEqual(cursor);
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('{"x":"y"}').toString('base64url'))).toBeNull();
  });
});
