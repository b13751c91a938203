/**
 * The .xlsx package, a zip archive: its parts by name, unpacked with Node's zlib. Only the central
 * directory at the end of the file is read to list the parts, and only the parts asked for are
 * unpacked (JSZip, under ExcelJS, went over every byte of the file first, then unpacked every part
 * with a JavaScript inflate several times slower than zlib).
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { firstLine, InputError } from './input-common';

const inflateRaw = promisify(zlib.inflateRaw);

/**
 * A part bigger than this once unpacked is refused before it is unpacked. A ledger of Excel's
 * maximum 1,048,576 rows by 20 columns stays under it; a zip bomb (a few KB that unpack to GBs) does not.
 */
export const MAX_PART_BYTES = 1_000_000_000;

/** Text is handed to the parsers in pieces of about this size, each cut after a whole element. */
const CHUNK_BYTES = 8 * 1024 * 1024;

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const NO_32_BIT_VALUE = 0xffffffff;

interface Entry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  uncompressedSize: number;
  localHeader: number;
}

export class XlsxArchive {
  private constructor(
    private readonly file: string,
    private readonly bytes: Buffer,
    private readonly entries: Map<string, Entry>,
  ) {}

  static open(file: string, bytes: Buffer): XlsxArchive {
    const broken = (why: string) =>
      new InputError(`${file}: a corrupt or truncated .xlsx workbook (${why})`, 'corrupt');
    const entries = new Map<string, Entry>();
    for (const entry of directory(bytes, broken)) {
      // Part names are case-insensitive in a package; some writers add a leading slash or use backslashes.
      const key = partKey(entry.name);
      if (!entry.name.endsWith('/') && !entries.has(key)) entries.set(key, entry);
    }
    return new XlsxArchive(file, bytes, entries);
  }

  has(part: string): boolean {
    return this.entries.has(partKey(part));
  }

  /**
   * The part's bytes once unpacked, or undefined when the package has no such part. zlib unpacks
   * in its own thread: the sheet unpacks while this one reads the shared strings.
   */
  async read(part: string): Promise<Buffer | undefined> {
    const entry = this.entries.get(partKey(part));
    if (entry === undefined) return undefined;
    if (entry.encrypted) throw this.corrupt(part, 'an encrypted zip entry');
    if (entry.uncompressedSize > MAX_PART_BYTES) {
      throw new InputError(
        `${this.file}: part ${part} would unpack to ${megabytes(entry.uncompressedSize)}, more than the ${megabytes(MAX_PART_BYTES)} a ledger can take; refusing to read it`,
        'corrupt',
      );
    }
    const at = entry.localHeader;
    if (at + 30 > this.bytes.length || this.bytes.readUInt32LE(at) !== LOCAL_HEADER) {
      throw this.corrupt(part, 'its zip entry is missing');
    }
    const start = at + 30 + this.bytes.readUInt16LE(at + 26) + this.bytes.readUInt16LE(at + 28);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw this.corrupt(part, 'its data is cut short');
    const data = this.bytes.subarray(start, end);
    let bytes: Buffer;
    try {
      if (entry.method === STORED) bytes = data;
      else if (entry.method === DEFLATED) {
        bytes = await inflateRaw(data, {
          // One byte more than announced is enough to know the archive lied: a zip bomb stops there.
          maxOutputLength: entry.uncompressedSize + 1,
          // Room for the whole part in one go (up to 64 MB) spares zlib collecting and joining 16 KB pieces.
          chunkSize: Math.min(Math.max(entry.uncompressedSize + 1, 64), 64 * 1024 * 1024),
        });
      } else throw new Error(`compression method ${entry.method}, which no .xlsx uses`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw this.corrupt(part, code === 'ERR_BUFFER_TOO_LARGE' ? 'bigger than announced' : firstLine(error));
    }
    if (bytes.length !== entry.uncompressedSize) throw this.corrupt(part, 'not the size announced');
    return bytes;
  }

  /** A small part (workbook, relationships, styles) as text, or undefined when there is no such part. */
  async text(part: string): Promise<string | undefined> {
    const bytes = await this.read(part);
    if (bytes === undefined) return undefined;
    try {
      return bytes.toString('utf8');
    } catch (error) {
      throw this.corrupt(part, firstLine(error));
    }
  }

  corrupt(part: string, why: string): InputError {
    return new InputError(`${this.file}: a corrupt or truncated .xlsx workbook (${part}: ${why})`, 'corrupt');
  }
}

/** The entries of the zip's central directory, found from the end-of-directory record. */
function directory(bytes: Buffer, broken: (why: string) => Error): Entry[] {
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
  const entries: Entry[] = [];
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
    const entry: Entry = {
      // Bit 11: the name is UTF-8; otherwise IBM code page 437, which is ASCII for any part name.
      name: bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', nameAt, nameAt + nameLength),
      method: bytes.readUInt16LE(at + 10),
      encrypted: (flags & 1) === 1,
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
function zip64Sizes(bytes: Buffer, from: number, to: number, entry: Entry): void {
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

/**
 * The text of bytes[start, end) as UTF-8, in pieces of about CHUNK_BYTES, each ending just after an
 * occurrence of `cut` (the end tag of the repeated element) so that no element is split. One string
 * of a whole 500 MB sheet could not even be made (V8 caps strings at 2^29 characters).
 */
export function* textChunks(bytes: Buffer, start: number, end: number, cut: string): Generator<string> {
  const marker = Buffer.from(cut, 'latin1');
  let from = start;
  while (from < end) {
    let to = Math.min(from + CHUNK_BYTES, end);
    if (to < end) {
      const last = bytes.lastIndexOf(marker, to - marker.length);
      if (last >= from) to = last + marker.length;
      else {
        // One element longer than a chunk: it is taken whole.
        const next = bytes.indexOf(marker, to);
        to = next < 0 || next + marker.length > end ? end : next + marker.length;
      }
    }
    yield bytes.toString('utf8', from, to);
    from = to;
  }
}

function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1_000_000).toLocaleString('en-US')} MB`;
}
