import { crc32, deflateRawSync } from "node:zlib";

/** One file to put in a ZIP archive, e.g. `{ name: "manifest.json", data: Buffer.from(json) }`. */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

// 1980-01-01 00:00 in MS-DOS format: a fixed timestamp keeps the archive byte-for-byte
// reproducible from the same inputs.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const VERSION = 20;

/** A ZIP archive (deflated, no ZIP64) holding the files at its root in the order given. */
export function zipFiles(files: ZipEntry[]): Buffer {
  if (files.length > 0xffff) throw new Error(`A ZIP without ZIP64 holds at most 65535 files (got ${files.length})`);
  const seen = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    if (!file.name || file.name.startsWith("/") || file.name.includes("\\")) throw new Error(`Not a ZIP entry name: "${file.name}"`);
    if (seen.has(file.name)) throw new Error(`Duplicate ZIP entry: "${file.name}"`);
    seen.add(file.name);
    const name = Buffer.from(file.name, "utf8");
    const compressed = deflateRawSync(file.data);
    const crc = crc32(file.data) >>> 0;
    if (file.data.length > 0xffffffff || offset > 0xffffffff) throw new Error("A ZIP without ZIP64 holds at most 4 GB");

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION, 4);
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(DEFLATE, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra field length, comment length, disk number, internal and external attributes: all 0
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
