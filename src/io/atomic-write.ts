import {randomBytes} from 'node:crypto'
import {realpathSync} from 'node:fs'
import {chmod, mkdir, open, rename, rm, stat} from 'node:fs/promises'
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

/** A file a run writes, and the flag that named it. */
export interface OutputFile {
  /** The flag without dashes: `output`, `changes`, `report`, `merged`, … */
  flag: string
  file: string
  /** --in-place was given: this output may replace the input. */
  inPlace?: boolean
  /** The command has --in-place for this output (the message suggests it). */
  canInPlace?: boolean
}

/**
 * Refuses outputs that would overwrite an input (unless --in-place says so) or each other: two
 * flags naming one file would leave only the one written last.
 */
export function assertOutputs(outputs: OutputFile[], inputs: string[]): void {
  for (const out of outputs) {
    if (out.inPlace) continue
    if (inputs.some((input) => samePath(out.file, input))) {
      throw new UserError(
        out.canInPlace
          ? {en: `is an input file; choose another --${out.flag} (or pass --in-place to replace it)`, zh: `是输入文件；请为 --${out.flag} 另选文件名（或加 --in-place 直接替换它）`}
          : {en: `is an input file; choose another --${out.flag}`, zh: `是输入文件；请为 --${out.flag} 另选文件名`},
        out.file,
      )
    }
  }
  for (let i = 0; i < outputs.length; i++) {
    for (let j = i + 1; j < outputs.length; j++) {
      const [a, b] = [outputs[i]!, outputs[j]!]
      if (samePath(a.file, b.file)) {
        throw new UserError({en: `--${a.flag} and --${b.flag} name the same file; choose two different files`, zh: `--${a.flag} 与 --${b.flag} 指向同一个文件；请使用两个不同的文件名`}, a.file)
      }
    }
  }
}

/** Refuses to write over one of the run's input files unless the user asked for it. */
export function assertNotInput(output: string, inputs: string[], inPlace = false): void {
  assertOutputs([{flag: 'output', file: output, inPlace, canInPlace: true}], inputs)
}

/** How a file is written. */
export interface WriteOptions {
  /**
   * The file holds unmasked personal data (a cleaned roster, a change log or report with --mask
   * none, merged records): it is created readable and writable by its owner only (0600) whatever
   * the umask — children's ID numbers are sensitive personal information (PIPL art. 28).
   */
  private?: boolean
}

/** Mode of a private file, and of a folder the tool creates. */
export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_DIR_MODE = 0o700

/**
 * Creates `dir` (and any missing parent) readable by its owner only (0700 whatever the umask);
 * a folder that exists already is left as it is.
 */
export async function makePrivateDir(dir: string): Promise<void> {
  const first = await mkdir(dir, {recursive: true, mode: PRIVATE_DIR_MODE}).catch((error: NodeJS.ErrnoException) => {
    throw new UserError({en: `cannot create the folder (${error.code ?? 'error'})`, zh: `无法创建文件夹（${error.code ?? 'error'}）`}, dir)
  })
  if (first === undefined) return
  // mkdir's mode passes through the umask: each folder made here gets 0700 exactly.
  const made = path.resolve(first)
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    await chmod(d, PRIVATE_DIR_MODE)
    if (d === made || path.dirname(d) === d) break
  }
}

/**
 * Writes the whole content to a temporary file beside the target, flushes it, then renames it
 * over the target: readers see the old file or the complete new one, never a partial one.
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array | Iterable<string> | AsyncIterable<string | Uint8Array>, options: WriteOptions = {}): Promise<void> {
  // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written to as it is: renaming a file
  // over it would replace the device itself.
  const existing = await stat(target).catch(() => undefined)
  if (existing?.isDirectory()) throw new UserError({en: 'is a folder: give a file name to write to', zh: '是文件夹：请给出要写入的文件名'}, target)
  if (existing && !existing.isFile()) return writeStream(target, content)
  const dir = path.dirname(path.resolve(target))
  const temp = path.join(dir, `.liushou-tmp-${process.pid}-${randomBytes(4).toString('hex')}-${path.basename(target)}`)
  // Ctrl-C or a kill between writing and renaming must not leave a half-written temporary file.
  registerTemporary(temp)
  let handle
  try {
    handle = await open(temp, 'wx', options.private ? PRIVATE_FILE_MODE : 0o644)
  } catch (error) {
    forgetTemporary(temp)
    const code = (error as NodeJS.ErrnoException).code
    throw new UserError({en: `cannot write here (${code ?? 'error'}): does the folder exist and is it writable?`, zh: `无法在此写入（${code ?? 'error'}）：文件夹是否存在、是否可写？`}, target)
  }
  try {
    // The mode given to open() passes through the umask; a private file is 0600 exactly, before
    // any byte is in it.
    if (options.private) await handle.chmod(PRIVATE_FILE_MODE)
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
    if (code) throw new UserError({en: `cannot write (${code})`, zh: `无法写入（${code}）`}, target)
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
    throw new UserError({en: `cannot write (${code ?? 'error'})`, zh: `无法写入（${code ?? 'error'}）`}, target)
  } finally {
    await handle?.close().catch(() => {})
  }
}
