import {randomBytes} from 'node:crypto'
import {realpathSync} from 'node:fs'
import {open, rename, rm, stat} from 'node:fs/promises'
import path from 'node:path'

import {forgetTemporary, registerTemporary} from '../cleanup.js'
import {UserError} from '../errors.js'


function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b)
  } catch {
    return path.resolve(a) === path.resolve(b)
  }
}

/** Refuses to write over one of the run's input files unless the user asked for it. */
export function assertNotInput(output: string, inputs: string[], inPlace = false): void {
  if (inPlace) return
  for (const input of inputs) {
    if (samePath(output, input)) {
      throw new UserError('is also an input file; choose another --output (or pass --in-place)', output)
    }
  }
}

/**
 * Writes the whole content to a temporary file beside the target, flushes it, then renames it
 * over the target: readers see the old file or the complete new one, never a partial one.
 */
export interface AtomicWriteOptions {
  /** Permission bits of a new file; 0o600 for files that hold personal data unmasked (the umask does not widen it). */
  mode?: number
}

export async function writeFileAtomic(target: string, content: string | Uint8Array | Iterable<string> | AsyncIterable<string | Uint8Array>, options: AtomicWriteOptions = {}): Promise<void> {
  // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written to as it is: renaming a file
  // over it would replace the device itself.
  const existing = await stat(target).catch(() => undefined)
  if (existing?.isDirectory()) throw new UserError('is a folder: give a file name to write to', target)
  if (existing && !existing.isFile()) return writeStream(target, content)
  const dir = path.dirname(path.resolve(target))
  const temp = path.join(dir, `.liushou-tmp-${process.pid}-${randomBytes(4).toString('hex')}-${path.basename(target)}`)
  // Ctrl-C or a kill between writing and renaming must not leave a half-written temporary file.
  registerTemporary(temp)
  let handle
  try {
    handle = await open(temp, 'wx', options.mode ?? 0o644)
    // open() applies the umask; chmod makes the mode exact (a private file stays private).
    if (options.mode !== undefined) await handle.chmod(options.mode)
  } catch (error) {
    forgetTemporary(temp)
    const code = (error as NodeJS.ErrnoException).code
    throw new UserError(`cannot write here (${code ?? 'error'}): does the folder exist and is it writable?`, target)
  }
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) {
      await handle.writeFile(content)
    } else {
      for await (const chunk of content) await (typeof chunk === 'string' ? handle.write(chunk) : handle.write(chunk))
    }
    await handle.sync()
    await handle.close()
    handle = undefined
    await rename(temp, target)
  } catch (error) {
    await handle?.close().catch(() => {})
    await rm(temp, {force: true})
    if (error instanceof UserError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code) throw new UserError(`cannot write (${code})`, target)
    throw error
  } finally {
    forgetTemporary(temp)
  }
}

async function writeStream(target: string, content: string | Uint8Array | Iterable<string> | AsyncIterable<string | Uint8Array>): Promise<void> {
  let handle
  try {
    handle = await open(target, 'w')
    if (typeof content === 'string' || content instanceof Uint8Array) await handle.writeFile(content)
    else for await (const chunk of content) await (typeof chunk === 'string' ? handle.write(chunk) : handle.write(chunk))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UserError(`cannot write (${code ?? 'error'})`, target)
  } finally {
    await handle?.close().catch(() => {})
  }
}
