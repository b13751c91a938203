/**
 * The ZIP container of an .xlsx, read and written at the byte level: an unchanged part is copied
 * as its compressed bytes (never inflated and deflated again), a new or patched part is deflated
 * by Node's zlib, also as a stream for the one large part (the ledger sheet). JSZip would inflate
 * and deflate in JavaScript, several times slower on a 50 MB sheet, and holds whole parts as strings.
 */
import { once } from 'node:events';
import zlib from 'node:zlib';
import { readZipDirectory, ZipFormatError } from './zip-directory';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  /** MS-DOS time and date fields, kept for copied entries. */
  time: number;
  date: number;
  /** Where the compressed bytes start in the archive. */
  dataOffset: number;
}

export { ZipFormatError } from './zip-directory';

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const MAX32 = 0xffffffff;
const FLAG_UTF8 = 0x800;

/** Reads the central directory (zip-directory.ts); entries keep the archive's order. */
export function readZipEntries(zip: Buffer): ZipEntry[] {
  return readZipDirectory(zip).map((entry) => {
    const { name, method, crc32, compressedSize, time, date, localHeader } = entry;
    if (entry.encrypted) throw new ZipFormatError(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw new ZipFormatError(`${name} uses compression method ${method}`);
    if (localHeader + 30 > zip.length || zip.readUInt32LE(localHeader) !== SIG_LOCAL) {
      throw new ZipFormatError(`${name}: no local header where the directory says`);
    }
    // The local header's name and extra field may differ in length from the central directory's.
    const dataOffset = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    if (dataOffset + compressedSize > zip.length) throw new ZipFormatError(`${name} is truncated`);
    return { name, method, crc32, compressedSize, size: entry.uncompressedSize, time, date, dataOffset };
  });
}

export function rawData(zip: Buffer, entry: ZipEntry): Buffer {
  return zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
}

/** The uncompressed bytes of an entry. */
export function inflateEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const raw = rawData(zip, entry);
  return entry.method === 0 ? raw : zlib.inflateRawSync(raw);
}

/** The entry's text, decoded as UTF-8 chunk by chunk, without holding the whole text at once. */
export async function* inflateEntryText(zip: Buffer, entry: ZipEntry): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  const raw = rawData(zip, entry);
  if (entry.method === 0) {
    yield decoder.decode(raw);
    return;
  }
  const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
  inflate.end(raw);
  for await (const chunk of inflate as AsyncIterable<Buffer>) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** A part ready to be stored: its deflated bytes and what the headers say about them. */
export interface PackedPart {
  method: number;
  crc32: number;
  size: number;
  data: Buffer;
  time: number;
  date: number;
}

/** Node 20 before 20.15 has no zlib.crc32; the table version is the fallback. */
const crc32: (data: Uint8Array, value?: number) => number =
  typeof zlib.crc32 === 'function' ? (data, value) => zlib.crc32(data, value) : tableCrc32;

let crcTable: Uint32Array | null = null;
function tableCrc32(data: Uint8Array, value = 0): number {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = ~value >>> 0;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** Small parts: zlib's usual trade-off. */
const LEVEL = 6;
/**
 * The streamed sheets (tens of MB of XML). Measured on the 100,000-row ledger and its summary
 * (98 MB of XML): level 6 takes 1.96 s of CPU for 12.9 MB, level 5 1.15 s for 13.1 MB, level 3
 * 0.88 s for 15.0 MB. Level 5 keeps the file within 2% of level 6 at 60% of its time.
 */
const STREAM_LEVEL = 5;

export function packBytes(bytes: Buffer, stamp: { time: number; date: number }): PackedPart {
  return {
    method: 8,
    crc32: crc32(bytes),
    size: bytes.length,
    data: zlib.deflateRawSync(bytes, { level: LEVEL }),
    ...stamp,
  };
}

/**
 * Deflates text as it comes, waiting for zlib to keep up, so neither the text nor its UTF-8 bytes
 * are ever held whole; only the compressed output is.
 */
export async function packTextStream(
  texts: AsyncIterable<string> | Iterable<string>,
  stamp: { time: number; date: number },
): Promise<PackedPart> {
  const deflate = zlib.createDeflateRaw({ level: STREAM_LEVEL, chunkSize: 256 * 1024 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const finished = once(deflate, 'end');
  let crc = 0;
  let size = 0;
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = async (): Promise<void> => {
    if (pendingLength === 0) return;
    const bytes = Buffer.from(pending.length === 1 ? pending[0] : pending.join(''), 'utf8');
    pending = [];
    pendingLength = 0;
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await once(deflate, 'drain');
  };
  try {
    for await (const text of texts) {
      // Many small strings (one per row) are gathered into writes of about 1 MB; a large one goes as it is.
      pending.push(text);
      pendingLength += text.length;
      if (pendingLength >= 1 << 18) await flush();
    }
    await flush();
  } catch (error) {
    deflate.destroy();
    throw error;
  }
  deflate.end();
  await finished;
  return { method: 8, crc32: crc, size, data: Buffer.concat(out), ...stamp };
}

export function packedFromEntry(zip: Buffer, entry: ZipEntry): PackedPart {
  return {
    method: entry.method,
    crc32: entry.crc32,
    size: entry.size,
    data: rawData(zip, entry),
    time: entry.time,
    date: entry.date,
  };
}

/** The archive: local headers and data in the order given, then the central directory. */
export function writeZip(parts: readonly { name: string; part: PackedPart }[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, part } of parts) {
    const nameBytes = Buffer.from(name, 'utf8');
    const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : FLAG_UTF8;
    if (part.size > MAX32 || part.data.length > MAX32 || offset > MAX32) {
      throw new ZipFormatError('the output workbook would need ZIP64 (over 4 GB)');
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(part.method, 8);
    local.writeUInt16LE(part.time, 10);
    local.writeUInt16LE(part.date, 12);
    local.writeUInt32LE(part.crc32 >>> 0, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    chunks.push(local, nameBytes, part.data);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(SIG_CENTRAL, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(part.method, 10);
    header.writeUInt16LE(part.time, 12);
    header.writeUInt16LE(part.date, 14);
    header.writeUInt32LE(part.crc32 >>> 0, 16);
    header.writeUInt32LE(part.data.length, 20);
    header.writeUInt32LE(part.size, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, nameBytes);
    offset += 30 + nameBytes.length + part.data.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  if (parts.length > 0xffff || offset > MAX32) throw new ZipFormatError('the output workbook would need ZIP64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_END, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

/** An MS-DOS time stamp of a date (local time, two-second resolution), for parts made from scratch. */
export function dosStamp(at: Date): { time: number; date: number } {
  const year = Math.max(1980, at.getFullYear());
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}
