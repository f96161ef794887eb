import { describe, expect, it } from '@jest/globals';
import { fileSize, uploadPercent } from './files';

describe('files', () => {
  it('fileSize_kilobytesBelowAMegabyte_megabytesFromThere', () => {
    expect(fileSize(184_320)).toEqual({ unit: 'kb', value: 180 });
    expect(fileSize(4)).toEqual({ unit: 'kb', value: 0.1 });
    expect(fileSize(50 * 1024 * 1024)).toEqual({ unit: 'mb', value: 50 });
  });

  it('uploadPercent_wholePercentCappedAt100_zeroWithoutATotal', () => {
    expect(uploadPercent(512, 1024)).toBe(50);
    expect(uploadPercent(1023, 1024)).toBe(99);
    expect(uploadPercent(2048, 1024)).toBe(100);
    expect(uploadPercent(10, 0)).toBe(0);
    expect(uploadPercent(0, 100)).toBe(0);
  });
});
