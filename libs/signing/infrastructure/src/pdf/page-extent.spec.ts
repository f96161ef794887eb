import { paintedExtents, type Extent } from './page-extent';

const A4: Extent = { xMin: 0, yMin: 0, xMax: 595.28, yMax: 841.89 };
const bytes = (s: string) => new TextEncoder().encode(s);

describe('paintedExtents', () => {
  it('follows pdfkit-style flipped coordinates for text and paths', () => {
    const extents = paintedExtents(
      [
        bytes(
          '1 0 0 -1 0 841.89 cm\n' +
            'BT 1 0 0 -1 50 100 Tm /F1 10 Tf [(\\(a) 10 (b\\)) ] TJ ET\n' +
            'q 1 0 0 1 0 0 cm 50 700 m 545 700 l S Q\n',
        ),
      ],
      A4,
    )!;
    expect(extents).toHaveLength(2);
    const [text, line] = extents;
    // Baseline 100 from the top → 741.89 from the bottom; the run spans below and above it.
    expect(text!.xMin).toBeCloseTo(50);
    expect(text!.yMin).toBeCloseTo(741.89 - 2.5);
    expect(text!.yMax).toBeCloseTo(741.89 + 9.5);
    expect(line!.yMin).toBeCloseTo(141.89);
    expect(line!.xMax).toBeCloseTo(545);
  });

  it('ignores clipping paths, follows Td/T*/TL, skips inline images and dictionaries', () => {
    const extents = paintedExtents(
      [
        bytes(
          '0 0 595 842 re W n\n' +
            '/P << /MCID 0 /Alt (x) >> BDC\n' +
            'BT /F1 12 Tf 14 TL 72 500 Td (one) Tj T* (two) Tj 0 -100 TD (three) Tj ET EMC\n' +
            'BI /W 2 /H 2 /BPC 8 /CS /G ID \u0000\u00ffEI\u0001 EI\n' +
            'q 100 0 0 50 72 60 cm /Im1 Do Q\n',
        ),
      ],
      A4,
    )!;
    const baselines = extents.slice(0, 3).map((e) => Math.round(e.yMin + 3));
    expect(baselines).toEqual([500, 486, 386]);
    // The inline image (at the identity CTM) and the XObject (72..172 × 60..110).
    expect(extents).toHaveLength(5);
    expect(extents[4]).toEqual({ xMin: 72, yMin: 60, xMax: 172, yMax: 110 });
  });

  it('gives up (null) on what it cannot read', () => {
    expect(paintedExtents([bytes('1 0 0 cm')], A4)).toBeNull();
    expect(paintedExtents([bytes('BI /W 1 ID garbage')], A4)).toBeNull();
    expect(paintedExtents([bytes('q '.repeat(100))], A4)).toBeNull();
  });

  it('counts a shading as the whole page', () => {
    expect(paintedExtents([bytes('/Sh1 sh')], A4)).toEqual([A4]);
  });
});
