import { ensureDebianPackage, exec } from '../../testing/debian-package';

/**
 * Test support: Debian's poppler-utils (`pdftotext`, `pdffonts`, `pdftoppm`) as the independent reader of
 * the PDFs we render. Used by specs only.
 */

export { exec };

const popplerPresent = () =>
  ['pdftotext', 'pdffonts', 'pdftoppm'].every(
    (tool) => exec('sh', ['-c', `command -v ${tool}`]).status === 0,
  );

/** Makes sure poppler-utils is installed (installed with apt-get when missing and we run as root). */
export function ensurePoppler(): void {
  ensureDebianPackage(
    'poppler-utils',
    popplerPresent,
    'The PDF tests need poppler-utils (pdftotext, pdffonts, pdftoppm)',
  );
}
