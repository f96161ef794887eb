// The part of pdfmake 0.3.x's server entry (`pdfmake` → js/index.js, a singleton; the package ships no types)
// that conclusion-pdf.ts calls. Document definitions are typed loosely on our side (`PdfDocDefinition`).

declare module 'pdfmake' {
  interface PdfFontFamily {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }
  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    readonly virtualfs: {
      existsSync(filename: string): boolean;
      writeFileSync(filename: string, content: Buffer): void;
    };
    setFonts(fonts: Record<string, PdfFontFamily>): void;
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
    setTableLayouts(layouts: Record<string, unknown>): void;
    createPdf(docDefinition: object, options?: object): OutputDocument;
  }
  const pdfmake: PdfMake;
  export = pdfmake;
}
