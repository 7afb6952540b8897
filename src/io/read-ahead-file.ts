import {createCipheriv, createDecipheriv, randomBytes} from 'node:crypto'
import {closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {registerTemporary} from '../cleanup.js'

// Where a reading worker puts what it has read ahead of the main thread, so that it need not
// wait for the main thread to take it (crosscheck's other lists, read while the main thread
// links). The file holds personal data: it is encrypted with a key that lives only in this
// process, and it has no name — it is unlinked as soon as it is open, so nothing of it outlives
// the process, however the process ends (on a system that cannot unlink an open file, it is
// removed at exit). The descriptor is the process's: a worker thread writes through it too.

/** An open read-ahead file: its descriptor and key, as a worker receives them. */
export interface ReadAheadFile {
  fd: number
  key: Uint8Array
}

/** Where one written piece lies, and how it was encrypted. */
export interface ReadAheadPiece {
  offset: number
  length: number
  iv: Uint8Array
}

/** A new read-ahead file, or undefined where none can be made (the worker then waits instead). */
export function openReadAheadFile(): {file: ReadAheadFile; close: () => void} | undefined {
  let dir: string | undefined
  try {
    dir = mkdtempSync(path.join(tmpdir(), 'liushou-ahead-'))
    const name = path.join(dir, 'rows')
    const fd = openSync(name, 'wx+', 0o600)
    let remove: (() => void) | undefined
    try {
      unlinkSync(name)
      rmSync(dir, {recursive: true, force: true})
    } catch {
      remove = registerTemporary(dir)
    }
    let open = true
    return {
      file: {fd, key: randomBytes(32)},
      // Once only: a descriptor closed twice may by then be another file's.
      close: () => {
        if (!open) return
        open = false
        closeSync(fd)
        remove?.()
      },
    }
  } catch {
    if (dir !== undefined) rmSync(dir, {recursive: true, force: true})
    return undefined
  }
}

/** Appends encrypted pieces to a read-ahead file (the writing thread's side). */
export class ReadAheadWriter {
  private end = 0

  constructor(private readonly file: ReadAheadFile) {}

  /** Writes `bytes` after the last piece; throws what the file system throws (a full disk). */
  write(bytes: Uint8Array): ReadAheadPiece {
    const iv = randomBytes(16)
    const cipher = createCipheriv('aes-256-ctr', this.file.key, iv)
    const sealed = Buffer.concat([cipher.update(bytes), cipher.final()])
    const offset = this.end
    for (let done = 0; done < sealed.length; ) done += writeSync(this.file.fd, sealed, done, sealed.length - done, offset + done)
    this.end += sealed.length
    return {offset, length: sealed.length, iv}
  }
}

/** The bytes of one piece, decrypted (the reading thread's side). */
export function readAheadPiece(file: ReadAheadFile, piece: ReadAheadPiece): Buffer {
  const sealed = Buffer.allocUnsafe(piece.length)
  for (let got = 0; got < piece.length; ) {
    const n = readSync(file.fd, sealed, got, piece.length - got, piece.offset + got)
    if (n === 0) throw new Error('the read-ahead file was cut short')
    got += n
  }
  const decipher = createDecipheriv('aes-256-ctr', file.key, piece.iv)
  return Buffer.concat([decipher.update(sealed), decipher.final()])
}
