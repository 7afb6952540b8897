import {createReadStream} from 'node:fs'
import {createRequire} from 'node:module'
import {Readable} from 'node:stream'
import zlib from 'node:zlib'
import type {Entry, ZipFile} from 'yauzl'

// A workbook's zip read through its central directory (yauzl), so that any part can be opened
// without the parts before it; a part's packed bytes are read from the file and inflated as a
// stream by node's zlib (measured on the 262 MB sheet of the benchmark workbook: 0.6–1.2 s, against
// 1.7–1.9 s for fflate's inflate in JavaScript). The size the directory declares bounds what a part
// can cost: it is checked before the first byte is inflated, and enforced as the bytes come.

type Yauzl = typeof import('yauzl')
let yauzl: Yauzl | undefined
const load = (): Yauzl => (yauzl ??= createRequire(import.meta.url)('yauzl') as Yauzl)

/** A fault of the archive itself: the reader turns it into a one-line UserError naming the file. */
export class ZipError extends Error {}

/** A part refused before it is inflated: too large, or compressed beyond any real workbook. */
export class ZipLimitError extends Error {}

export interface ZipPart {
  name: string
  compressedSize: number
  size: number
  entry: Entry
}

export interface PartLimits {
  /** Largest inflated size accepted. */
  maxBytes: number
  /** Largest inflated/compressed ratio accepted once the part is past `ratioFloor` bytes. */
  maxRatio: number
  ratioFloor: number
}

function reason(error: unknown): string {
  return ((error as Error)?.message ?? String(error)).split('\n')[0]!.slice(0, 160)
}

const INFLATE_CHUNK = 1 << 16
/** Bytes of the archive read at once. */
const RAW_READ = 1 << 20
/**
 * How far zlib may inflate ahead of the parser: it inflates on another thread while the parser
 * works, instead of waiting for the parser to ask for each chunk.
 */
const READ_AHEAD = 1 << 22

const crc32 = (zlib as {crc32?: (data: Uint8Array, value?: number) => number}).crc32

export class ZipArchive {
  private constructor(
    private readonly file: string,
    private readonly zip: ZipFile,
    private readonly parts: Map<string, ZipPart>,
  ) {}

  static async open(file: string): Promise<ZipArchive> {
    const zip = await new Promise<ZipFile>((resolve, reject) => {
      load().open(file, {lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: false}, (error, z) => (error ? reject(new ZipError(reason(error))) : resolve(z)))
    })
    const parts = new Map<string, ZipPart>()
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (entry: Entry) => {
          // Names are ASCII in every workbook; decoded as UTF-8 whatever the flag says.
          const raw = entry.fileName as unknown as Buffer
          let name = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw)
          if (name.startsWith('/')) name = name.slice(1)
          if (!name.endsWith('/') && !parts.has(name)) parts.set(name, {name, compressedSize: entry.compressedSize, size: entry.uncompressedSize, entry})
          zip.readEntry()
        })
        zip.on('end', () => resolve())
        zip.on('error', (error: unknown) => reject(new ZipError(reason(error))))
        zip.readEntry()
      })
    } catch (error) {
      zip.close()
      throw error
    }
    return new ZipArchive(file, zip, parts)
  }

  /** A part by its name; a differently cased name is accepted when the exact one is absent. */
  part(name: string): ZipPart | undefined {
    const exact = this.parts.get(name)
    if (exact) return exact
    const lower = name.toLowerCase()
    for (const [n, p] of this.parts) if (n.toLowerCase() === lower) return p
    return undefined
  }

  close(): void {
    this.zip.close()
  }

  private check(part: ZipPart, limits: PartLimits): void {
    if (part.size > limits.maxBytes) throw new ZipLimitError(`${part.name} unpacks to ${Math.round(part.size / 2 ** 20).toLocaleString('en')} MB`)
    if (part.size > limits.ratioFloor && part.size > limits.maxRatio * Math.max(1, part.compressedSize)) {
      throw new ZipLimitError(`${part.name} unpacks to ${Math.round(part.size / Math.max(1, part.compressedSize)).toLocaleString('en')} times its packed size (a zip bomb)`)
    }
  }

  /**
   * The inflated bytes of a part, chunk by chunk. When `verify` is set the CRC-32 of the whole part
   * is checked after its last chunk (a part overwritten with noise that still inflates).
   */
  async *chunks(part: ZipPart, limits: PartLimits, verify = true, chunkSize = INFLATE_CHUNK): AsyncGenerator<Buffer> {
    this.check(part, limits)
    const method = part.entry.compressionMethod
    if (method !== 0 && method !== 8) throw new ZipError(`${part.name}: unsupported compression method ${method}`)
    if (part.entry.isEncrypted()) throw new ZipError(`${part.name} is encrypted`)
    const {fileDataStart} = await this.zip.readLocalFileHeaderPromise(part.entry, {minimal: true}).catch((error: unknown) => {
      throw new ZipError(`${part.name}: ${reason(error)}`)
    })
    // Read by node's own stream in large reads rather than yauzl's (16 KB a read, a callback each):
    // the benchmark's sheet inflates in 0.39 s so, against 0.62 s.
    const raw: Readable = part.compressedSize === 0 ? Readable.from([]) : createReadStream(this.file, {start: fileDataStart, end: fileDataStart + part.compressedSize - 1, highWaterMark: RAW_READ})
    // Inflated here rather than by yauzl, to read ahead (yauzl's stream waits for each 16 KB to be
    // taken: 3.1 s to inflate the benchmark's 262 MB sheet, against 0.5–0.8 s so); the declared
    // size is enforced the same way, as the bytes come.
    const stream = method === 8 ? raw.pipe(zlib.createInflateRaw({chunkSize, readableHighWaterMark: READ_AHEAD} as zlib.ZlibOptions)) : raw
    if (method === 8) raw.on('error', (error) => stream.destroy(error))
    let crc = 0
    let size = 0
    const checking = verify && crc32 !== undefined
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length
        if (size > part.size) throw new ZipError(`${part.name} unpacks to more than the ${part.size.toLocaleString('en')} bytes its directory declares`)
        if (checking) crc = crc32!(chunk, crc)
        yield chunk
      }
    } catch (error) {
      if (error instanceof ZipError) throw error
      throw new ZipError(`${part.name}: ${reason(error)}`)
    } finally {
      raw.destroy()
      if (stream !== raw) stream.destroy()
    }
    if (size !== part.size) throw new ZipError(`${part.name} unpacks to ${size.toLocaleString('en')} bytes, not the ${part.size.toLocaleString('en')} its directory declares`)
    if (checking && crc >>> 0 !== part.entry.crc32 >>> 0) throw new ZipError(`${part.name}: checksum mismatch (the data is damaged)`)
  }

  /** A whole part in memory: only for the parts a workbook keeps small (workbook, styles, strings). */
  async read(part: ZipPart, limits: PartLimits): Promise<Buffer> {
    const chunks: Buffer[] = []
    for await (const c of this.chunks(part, limits)) chunks.push(c)
    return Buffer.concat(chunks)
  }
}
