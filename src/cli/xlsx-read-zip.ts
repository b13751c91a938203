/**
 * The .xlsx package, a zip archive: its parts by name, unpacked with Node's zlib. Only the central
 * directory at the end of the file is read to list the parts, and only the parts asked for are
 * unpacked (JSZip, under ExcelJS, went over every byte of the file first, then unpacked every part
 * with a JavaScript inflate several times slower than zlib).
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { firstLine, InputError } from './input-common';
import { readZipDirectory, ZipFormatError, type ZipDirectoryEntry } from './zip-directory';

const inflateRaw = promisify(zlib.inflateRaw);

/**
 * A part bigger than this once unpacked is refused before it is unpacked. A ledger of Excel's
 * maximum 1,048,576 rows by 20 columns stays under it; a zip bomb (a few KB that unpack to GBs) does not.
 */
export const MAX_PART_BYTES = 1_000_000_000;

/** Text is handed to the parsers in pieces of about this size, each cut after a whole element. */
const CHUNK_BYTES = 8 * 1024 * 1024;

const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export class XlsxArchive {
  private constructor(
    private readonly file: string,
    private readonly bytes: Buffer,
    private readonly entries: Map<string, ZipDirectoryEntry>,
  ) {}

  static open(file: string, bytes: Buffer): XlsxArchive {
    const broken = (why: string) =>
      new InputError(`${file}: a corrupt or truncated .xlsx workbook (${why})`, 'corrupt');
    const entries = new Map<string, ZipDirectoryEntry>();
    let directory: ZipDirectoryEntry[];
    try {
      directory = readZipDirectory(bytes);
    } catch (error) {
      if (error instanceof ZipFormatError) throw broken(error.message);
      throw error;
    }
    for (const entry of directory) {
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
