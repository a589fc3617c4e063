// Uploaded contact lists as bytes, shaped like the files associations export. Tests fill them
// with invented names and numbers only; hostile files are generated here, never committed.
import { crc32, deflateRawSync } from 'node:zlib';

/** Swedish Excel's "CSV (semikolonavgränsad)": Windows-1252, which equals Latin-1 for å, ä, ö. */
export function windows1252File(lines: string[], eol = '\r\n'): Uint8Array {
  return Buffer.from(lines.join(eol) + eol, 'latin1');
}

/** "CSV UTF-8"; Excel adds a byte-order mark, most other tools do not. */
export function utf8File(lines: string[], { bom = false, eol = '\n' } = {}): Uint8Array {
  const text = Buffer.from(lines.join(eol) + eol, 'utf8');
  return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]) : text;
}

/** A CSV of `rows` rows under a `Namn;Telefon` header; each row `row(i)`, built as bytes (1 M rows in ~0.1 s). */
export function manyRowsFile(rows: number, row: (index: number) => string, header = 'Namn;Telefon'): Uint8Array {
  const parts = [`${header}\n`];
  for (let i = 0; i < rows; i += 1) parts.push(`${row(i)}\n`);
  return Buffer.from(parts.join(''), 'utf8');
}

interface ZipPart {
  name: string;
  data: Buffer;
  /** Deflate it (method 8) or store it (method 0). */
  deflate?: boolean;
  /** The uncompressed size the headers claim, if not the true one (a lying bomb). */
  claimedSize?: number;
}

/**
 * A zip archive written by hand, so a test can make what no zip library would: a part that
 * claims a size it does not have. Local headers, the data, the central directory, its end.
 */
export function zipArchive(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const packed = part.deflate === false ? part.data : deflateRawSync(part.data, { level: 9 });
    const size = part.claimedSize ?? part.data.length;
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); // version needed
      header.writeUInt16LE(0x0800, at + 2); // UTF-8 names
      header.writeUInt16LE(part.deflate === false ? 0 : 8, at + 4);
      header.writeUInt32LE(0, at + 6); // time, date
      header.writeUInt32LE(crc32(part.data), at + 10);
      header.writeUInt32LE(packed.length, at + 14);
      header.writeUInt32LE(size, at + 18);
      header.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const xml = (text: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`, 'utf8');
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The parts every workbook has besides its sheet, pointing at xl/worksheets/sheet1.xml. */
function workbookParts(): ZipPart[] {
  return [
    { name: '[Content_Types].xml', data: xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: '_rels/.rels', data: xml(`<Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: xml(`<workbook xmlns:r="${RELS}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: xml(`<Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) },
  ];
}

/** A workbook of the parts every one has and `sheet` as its first sheet's XML, as written (valid or not). */
export function workbookWithSheet(sheet: string): Buffer {
  return zipArchive([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet, 'utf8') }]);
}

/**
 * A valid .xlsx whose sheet inflates to `inflatedMb` MB of spaces after one real row (~300 KB
 * packed for 300 MB). With `claimedMb` its headers claim that size instead, so only counting the
 * bytes as they inflate can catch it.
 */
export function zipBombWorkbook({ inflatedMb = 300, claimedMb }: { inflatedMb?: number; claimedMb?: number } = {}): Buffer {
  const head = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Namn</t></is></c><c r="B1" t="inlineStr"><is><t>Telefon</t></is></c></row>';
  const tail = '</sheetData></worksheet>';
  const sheet = Buffer.alloc(inflatedMb * 1024 * 1024, 0x20);
  sheet.write(head, 0);
  sheet.write(tail, sheet.length - tail.length);
  const claimedSize = claimedMb === undefined ? undefined : claimedMb * 1024 * 1024;
  return zipArchive([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: sheet, claimedSize }]);
}

/** A file that says it is a workbook (a zip's first bytes, an .xlsx name) and is not one. */
export function fakeWorkbook(): Buffer {
  return Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('Namn;Telefon\nAnna;0701234567\n'.repeat(50), 'utf8')]);
}
