import ExcelJS from 'exceljs';
import {
  FILE_HEAD_BYTES,
  FILE_TAIL_BYTES,
  detectFileType,
  isPlainText,
  sniffFileHead,
  zipEntryNames,
} from './file-kind';

/** A ZIP with stored (uncompressed) entries; CRCs are not checked by the classifier. */
function zip(entries: Record<string, string>, options: { comment?: string; prefix?: Buffer } = {}): Buffer {
  const prefix = options.prefix ?? Buffer.alloc(0);
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = prefix.length;
  for (const [name, body] of Object.entries(entries)) {
    const n = Buffer.from(name, 'utf8');
    const data = Buffer.from(body, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(n.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, n);
    offset += 30 + n.length + data.length;
  }
  const directory = Buffer.concat(central);
  const comment = Buffer.from(options.comment ?? '', 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([prefix, ...locals, directory, end, comment]);
}

const sampleOf = (file: Buffer) => ({
  head: file.subarray(0, FILE_HEAD_BYTES),
  tail: file.subarray(Math.max(0, file.length - FILE_TAIL_BYTES)),
  size: file.length,
});
const kindOf = (file: Buffer) => detectFileType(sampleOf(file))?.kind ?? null;

const docx = () =>
  zip({
    '[Content_Types].xml': '<Types/>',
    '_rels/.rels': '<Relationships/>',
    'word/document.xml': '<w:document/>',
  });

describe('file kind by content', () => {
  it('detect_whenSignatureKnown_returnsKindAndMediaType', () => {
    expect(detectFileType(sampleOf(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1')))).toEqual({
      kind: 'PDF',
      mediaType: 'application/pdf',
    });
    expect(kindOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]))).toBe('JPEG');
    expect(kindOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe('PNG');
    const dicom = Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.from([2, 0, 0, 0])]);
    expect(detectFileType(sampleOf(dicom))).toEqual({ kind: 'DICOM', mediaType: 'application/dicom' });
  });

  it('detect_whenNameSaysPdfButContentIsExecutable_refuses', () => {
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0]),
      Buffer.alloc(200),
    ]);
    expect(kindOf(exe)).toBeNull();
    expect(sniffFileHead(exe, true)).toBeNull();
  });

  it('detect_whenOtherBinaryOrEmpty_refuses', () => {
    expect(kindOf(Buffer.alloc(0))).toBeNull();
    expect(kindOf(Buffer.from('GIF89a\x01\x00', 'latin1'))).toBeNull();
    expect(kindOf(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]))).toBeNull(); // ELF
    expect(kindOf(Buffer.alloc(1000))).toBeNull(); // zeros: no DICM marker, NULs are not text
    expect(kindOf(Buffer.from('%PD'))).toBe('TXT'); // three letters are text, not a PDF
  });

  it('detect_whenZipIsWordDocument_returnsDocx', () => {
    expect(sniffFileHead(docx(), false)).toBe('ZIP');
    expect(detectFileType(sampleOf(docx()))).toEqual({
      kind: 'DOCX',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
  });

  it('detect_whenZipWithComment_findsTheDirectory', () => {
    const withComment = zip(
      { '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' },
      { comment: 'PK\x05\x06 looks like an end record' },
    );
    expect(kindOf(withComment)).toBe('XLSX');
  });

  it('detect_whenSpreadsheetFromExcelJs_returnsXlsx', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Спирометрия').addRow(['ОФВ1', 3.1]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(zipEntryNames(file, file.length)).toEqual(expect.arrayContaining(['xl/workbook.xml']));
    expect(kindOf(file)).toBe('XLSX');
  });

  it('detect_whenPlainZipOrMacrosOrBoth_refuses', () => {
    expect(kindOf(zip({ 'photo.jpg': 'x', 'readme.txt': 'y' }))).toBeNull();
    expect(kindOf(zip({ 'word/document.xml': '<w/>' }))).toBeNull(); // no [Content_Types].xml
    expect(
      kindOf(zip({ '[Content_Types].xml': '<T/>', 'word/document.xml': '<w/>', 'word/vbaProject.bin': 'x' })),
    ).toBeNull();
    expect(kindOf(zip({ '[Content_Types].xml': '<T/>', 'word/a.xml': 'a', 'xl/b.xml': 'b' }))).toBeNull();
  });

  it('detect_whenZipTruncatedOrPrefixed_refuses', () => {
    const file = docx();
    expect(kindOf(file.subarray(0, file.length - 5))).toBeNull();
    // Offsets then point before the directory's real place: refused rather than guessed.
    const prefixed = zip({ '[Content_Types].xml': '<T/>', 'word/d.xml': 'd' });
    expect(kindOf(Buffer.concat([Buffer.from('PK\x03\x04junk', 'latin1'), prefixed]))).toBeNull();
  });

  it('detect_whenZipDirectoryOutsideTail_refuses', () => {
    const file = docx();
    const tail = file.subarray(file.length - 30);
    expect(zipEntryNames(tail, file.length)).toBeNull();
  });

  it('detect_whenUtf8Text_returnsTxt', () => {
    expect(detectFileType(sampleOf(Buffer.from('Пациент: Иванов И. И.\r\nЭКГ\tнорма\n', 'utf8')))).toEqual({
      kind: 'TXT',
      mediaType: 'text/plain; charset=utf-8',
    });
    expect(kindOf(Buffer.from('\uFEFFс BOM 😀', 'utf8'))).toBe('TXT');
  });

  it('detect_whenTextHasControlBytesOrBadUtf8_refuses', () => {
    expect(kindOf(Buffer.from('abc\u0000def'))).toBeNull();
    expect(kindOf(Buffer.from('bell\u0007'))).toBeNull();
    expect(kindOf(Buffer.from([0x61, 0xc3, 0x28]))).toBeNull(); // broken sequence
    expect(kindOf(Buffer.from([0xc0, 0xaf]))).toBeNull(); // overlong '/'
    expect(kindOf(Buffer.from([0xed, 0xa0, 0x80]))).toBeNull(); // surrogate
    expect(kindOf(Buffer.from('Иванов', 'latin1'))).toBeNull(); // not UTF-8 (cp1251 would fail the same)
    expect(kindOf(Buffer.from([0x61, 0xd0]))).toBeNull(); // ends inside a character
  });

  it('detect_whenLongTextWithBinaryEnd_refuses', () => {
    const text = Buffer.from('а'.repeat(FILE_HEAD_BYTES), 'utf8');
    expect(kindOf(Buffer.concat([text, Buffer.from('ok\n')]))).toBe('TXT');
    expect(kindOf(Buffer.concat([text, Buffer.from([0, 1, 2, 3])]))).toBeNull();
  });

  it('isPlainText_whenSampleCutInsideCharacters_acceptsTheCutEnds', () => {
    const text = Buffer.from('жизнь', 'utf8'); // two bytes a letter
    expect(isPlainText(text.subarray(1), { cutAtStart: true, cutAtEnd: false })).toBe(true);
    expect(isPlainText(text.subarray(1), { cutAtStart: false, cutAtEnd: false })).toBe(false);
    expect(isPlainText(text.subarray(0, 3), { cutAtStart: false, cutAtEnd: true })).toBe(true);
    expect(isPlainText(text.subarray(0, 3), { cutAtStart: false, cutAtEnd: false })).toBe(false);
  });
});
