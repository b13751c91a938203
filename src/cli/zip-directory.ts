/**
 * The central directory of a zip archive (an .xlsx package), read once for both the ledger reader
 * (xlsx-read-zip.ts) and the annotated-workbook writer (xlsx-package-zip.ts): the end record found
 * even behind a comment that contains its signature, ZIP64 figures, one error per kind of damage.
 */

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

/** One entry of the central directory, with the figures the local header may not repeat. */
export interface ZipDirectoryEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  encrypted: boolean;
  /** MS-DOS time and date fields, kept for copied entries. */
  time: number;
  date: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's local header starts. */
  localHeader: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const NO_32_BIT_VALUE = 0xffffffff;

/** The entries of the zip's central directory, found from the end-of-directory record. */
export function readZipDirectory(bytes: Buffer): ZipDirectoryEntry[] {
  const broken = (why: string) => new ZipFormatError(why);
  // The end record is the last 22 bytes, unless a comment (up to 65,535 bytes) follows it: the
  // record whose comment ends the file, not its signature's bytes within the comment.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) !== END_OF_DIRECTORY) continue;
    const commentEnd = at + 22 + bytes.readUInt16LE(at + 20);
    if (commentEnd === bytes.length) {
      end = at;
      break;
    }
    if (end < 0 && commentEnd < bytes.length) end = at;
  }
  if (end < 0) throw broken('no zip directory at its end');
  if (bytes.readUInt16LE(end + 4) !== 0 || bytes.readUInt16LE(end + 6) !== 0) {
    throw broken('a zip archive split over several disks');
  }
  let count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || offset === NO_32_BIT_VALUE) {
    const locator = end - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== ZIP64_LOCATOR) throw broken('no ZIP64 directory locator');
    const end64 = Number(bytes.readBigUInt64LE(locator + 8));
    if (end64 + 56 > bytes.length || bytes.readUInt32LE(end64) !== ZIP64_END_OF_DIRECTORY) {
      throw broken('no ZIP64 end of directory');
    }
    count = Number(bytes.readBigUInt64LE(end64 + 32));
    offset = Number(bytes.readBigUInt64LE(end64 + 48));
  }
  const entries: ZipDirectoryEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) {
      throw broken(`zip directory entry ${n + 1} of ${count} is missing`);
    }
    const flags = bytes.readUInt16LE(at + 8);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const nameAt = at + 46;
    if (nameAt + nameLength + extraLength > bytes.length) throw broken(`zip directory entry ${n + 1} is cut short`);
    const entry: ZipDirectoryEntry = {
      // Bit 11: the name is UTF-8; otherwise IBM code page 437, which is ASCII for any part name.
      name: bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', nameAt, nameAt + nameLength),
      method: bytes.readUInt16LE(at + 10),
      encrypted: (flags & 1) === 1,
      time: bytes.readUInt16LE(at + 12),
      date: bytes.readUInt16LE(at + 14),
      crc32: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      uncompressedSize: bytes.readUInt32LE(at + 24),
      localHeader: bytes.readUInt32LE(at + 42),
    };
    zip64Sizes(bytes, nameAt + nameLength, nameAt + nameLength + extraLength, entry);
    entries.push(entry);
    at = nameAt + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offset too big for 32 bits are in the ZIP64 extra field (id 1), in this order, when needed. */
function zip64Sizes(bytes: Buffer, from: number, to: number, entry: ZipDirectoryEntry): void {
  let at = from;
  while (at + 4 <= to) {
    const id = bytes.readUInt16LE(at);
    const size = bytes.readUInt16LE(at + 2);
    if (id === 1) {
      let field = at + 4;
      const next = (): number => {
        const value = field + 8 <= at + 4 + size ? Number(bytes.readBigUInt64LE(field)) : NO_32_BIT_VALUE;
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === NO_32_BIT_VALUE) entry.uncompressedSize = next();
      if (entry.compressedSize === NO_32_BIT_VALUE) entry.compressedSize = next();
      if (entry.localHeader === NO_32_BIT_VALUE) entry.localHeader = next();
      return;
    }
    at += 4 + size;
  }
}
