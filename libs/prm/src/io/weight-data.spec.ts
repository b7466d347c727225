import { describe, expect, it } from 'vitest';
import { decodeContainer, encodeContainer } from './container';
import { decodeWeightData, encodeWeightData } from './weight-data';

describe('weight data', () => {
  it('round-trips float32 and int32 arrays in manifest order, little-endian', () => {
    const weights = [
      { name: 'a', shape: [2], dtype: 'float32' as const, data: Float32Array.from([1.5, -2]) },
      { name: 'b', shape: [1, 1], dtype: 'int32' as const, data: Int32Array.from([-7]) },
    ];
    const { specs, data } = encodeWeightData(weights);
    expect(specs).toEqual([
      { name: 'a', shape: [2], dtype: 'float32' },
      { name: 'b', shape: [1, 1], dtype: 'int32' },
    ]);
    expect(Array.from(data.subarray(0, 4))).toEqual([0, 0, 0xc0, 0x3f]); // 1.5f little-endian
    expect(decodeWeightData(specs, data)).toEqual(weights);
  });

  it('rejects wrong sizes, duplicates and trailing bytes', () => {
    expect(() => encodeWeightData([{ name: 'a', shape: [3], dtype: 'float32', data: new Float32Array(2) }])).toThrow(/shape/);
    const w = { name: 'a', shape: [1], dtype: 'float32' as const, data: new Float32Array(1) };
    expect(() => encodeWeightData([w, w])).toThrow(/duplicate/);
    expect(() => decodeWeightData([{ name: 'a', shape: [1], dtype: 'float32' }], new Uint8Array(8))).toThrow(/left over/);
  });
});

describe('container', () => {
  it('round-trips a header and payload and checks the kind', () => {
    const bytes = encodeContainer('thing', { n: 1, s: 'é' }, Uint8Array.from([9, 8, 7]));
    const c = decodeContainer(bytes, 'thing');
    expect(c).toEqual({ kind: 'thing', header: { n: 1, s: 'é' }, payload: Uint8Array.from([9, 8, 7]) });
    expect(() => decodeContainer(bytes, 'other')).toThrow(/expected a 'other'/);
    expect(() => decodeContainer(bytes.slice(0, 14))).toThrow(/truncated/);
  });
});
