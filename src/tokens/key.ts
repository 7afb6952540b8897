// The secret that tokenize's HMACs and Bloom filters are keyed with (令牌密钥). Two departments
// that hold the same key get the same tokens for the same person; nobody without it can compute
// a token, test a guess against one, or read one back.
//
// Decisions:
// - A key file holds at least 32 random bytes (256 bits), written as hex or base64 (lines
//   starting with # are comments), or as raw bytes. A text file that is neither hex nor base64
//   is a passphrase, not a key, and is refused: a passphrase a person can remember is a
//   dictionary away from a key an attacker can guess.
// - Weak keys are refused with one line: too short, too few distinct bytes, a repeated block, a
//   constant step (00 01 02 …). These catch placeholder and hand-typed keys, not every bad one:
//   `--generate-key` is the way to make a key.
// - The key is never written, printed or put in an error message. It is read into a Buffer,
//   turned into one sub-key per purpose with HKDF-SHA-256 (RFC 5869), then zeroed. Separate
//   sub-keys mean an ID token cannot be compared with a phone token even for the same digits.
// - A fingerprint (12 hex digits from HKDF with its own label) names the key in outputs and on
//   stdout, so two departments can check that they used the same key without showing it.

import {type KeyObject, createSecretKey, hkdfSync, randomBytes} from 'node:crypto'
import {existsSync, openSync, readFileSync, statSync, writeSync, closeSync} from 'node:fs'

import {type Bilingual, UserError} from '../errors.js'

export const MIN_KEY_BYTES = 32
const MAX_KEY_FILE_BYTES = 64 * 1024
const SALT = Buffer.from('liushou tokenize tk1', 'utf8')

/** Purposes of the sub-keys. Tokens of different purposes never compare equal. */
export type KeyPurpose =
  | 'id'
  | 'id-prefix'
  | 'id-near'
  | 'phone'
  | 'birth'
  | 'name-bloom'
  | 'name-exact'
  | 'place'
  | 'region'
  | 'household'
  | 'student'
  | 'unit'
  | 'sex'
  | 'text'

const PURPOSES: readonly KeyPurpose[] = ['id', 'id-prefix', 'id-near', 'phone', 'birth', 'name-bloom', 'name-exact', 'place', 'region', 'household', 'student', 'unit', 'sex', 'text']

/** The derived sub-keys and the key's fingerprint; the master key itself is not kept. */
export interface TokenKey {
  /** 12 hex digits that name the key (not secret: it cannot be turned back into the key). */
  readonly fingerprint: string
  subkey(purpose: KeyPurpose): KeyObject
  /**
   * Whether `text` contains the key in any form this module reads (hex either case, base64,
   * base64url). Outputs pass through this check so that a key pasted into a roster cell (or a
   * key file given as the input) never leaves the machine in clear.
   */
  appearsIn(text: string): boolean
}

function derive(master: Uint8Array, label: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', master, SALT, Buffer.from(`liushou tk1 ${label}`, 'utf8'), length))
}

/** Builds the sub-keys from the key bytes (at least 32), then zeroes the copy it was given. */
export function keyFromBytes(bytes: Uint8Array): TokenKey {
  const weakness = keyWeaknessTexts(bytes)
  if (weakness) throw new UserError(weakness)
  const subkeys = new Map<KeyPurpose, KeyObject>()
  for (const p of PURPOSES) subkeys.set(p, createSecretKey(derive(bytes, p)))
  const fingerprint = derive(bytes, 'fingerprint', 6).toString('hex')
  // Pieces of the key as text, to look for in what is written (in memory only); short cells are
  // skipped at once.
  const forms = keyForms(bytes)
  const probeLength = Math.min(...forms.map((f) => f.length))
  bytes.fill(0)
  return {
    fingerprint,
    subkey(purpose) {
      const k = subkeys.get(purpose)
      if (!k) throw new Error(`no sub-key for ${purpose}`)
      return k
    },
    appearsIn(text) {
      if (text.length < probeLength) return false
      for (const f of forms) if (text.includes(f)) return true
      // Hex in upper case, and the key split by whitespace (a key pasted across lines).
      const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text
      const lower = compact.toLowerCase()
      return forms.some((f) => lower.includes(f) || compact.includes(f))
    },
  }
}

function keyForms(bytes: Uint8Array): string[] {
  const b = Buffer.from(bytes)
  const base64 = b.toString('base64').replace(/=+$/, '')
  const base64url = b.toString('base64url')
  // Half the key is enough to prove it is there: either half in hex (16 bytes), or the first
  // 22 base64 characters.
  const hex = b.toString('hex')
  return [...new Set([hex.slice(0, 32), hex.slice(32, 64), base64.slice(0, 22), base64url.slice(0, 22)])]
}

/** Why the key bytes are not a usable key, or undefined. Never mentions the bytes themselves. */
export function keyWeakness(bytes: Uint8Array): string | undefined {
  return keyWeaknessTexts(bytes)?.en
}

function keyWeaknessTexts(bytes: Uint8Array): Bilingual | undefined {
  const n = bytes.length
  const how = 'make one with: liushou tokenize --generate-key FILE'
  const howZh = '用 liushou tokenize --generate-key 文件 生成'
  if (n < MIN_KEY_BYTES) return {en: `the key is too short: ${n} bytes where at least ${MIN_KEY_BYTES} random bytes are needed (${how})`, zh: `密钥太短：只有 ${n} 字节，至少需要 ${MIN_KEY_BYTES} 个随机字节（${howZh}）`}
  const distinct = new Set(bytes).size
  // 32 random bytes have about 30 distinct values; fewer than half is not chance.
  if (distinct < Math.min(n / 2, 64)) return {en: `the key is not random: only ${distinct} distinct byte values in ${n} bytes (${how})`, zh: `密钥不是随机的：${n} 个字节中只有 ${distinct} 种取值（${howZh}）`}
  const step = (bytes[1]! - bytes[0]! + 256) % 256
  let constantStep = true
  for (let i = 2; i < n && constantStep; i++) constantStep = (bytes[i]! - bytes[i - 1]! + 256) % 256 === step
  if (constantStep) return {en: `the key is not random: its bytes go up by a constant step (${how})`, zh: `密钥不是随机的：字节按固定步长递增（${howZh}）`}
  for (let period = 1; period <= n / 2; period++) {
    let repeats = true
    for (let i = period; i < n && repeats; i++) repeats = bytes[i] === bytes[i - period]
    if (repeats) return {en: `the key is not random: a block of ${period} bytes repeated (${how})`, zh: `密钥不是随机的：${period} 个字节的片段反复出现（${howZh}）`}
  }
  return undefined
}

const HEX = /^[0-9a-fA-F]+$/
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/

/** The file as text when it reads as UTF-8 without control characters (tabs and line breaks aside). */
function asText(buf: Buffer): string | undefined {
  let text: string
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(buf)
  } catch {
    return undefined
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? undefined : text
}

/** The key bytes a key file holds (hex, base64 or raw); refuses what cannot be a key. */
export function decodeKeyFile(content: Buffer, file: string): Buffer {
  let text = content
  // A UTF-8 BOM from a Windows editor is not part of the key.
  if (text.length >= 3 && text[0] === 0xef && text[1] === 0xbb && text[2] === 0xbf) text = text.subarray(3)
  if (text.length === 0) throw new UserError({en: 'the key file is empty (make one with: liushou tokenize --generate-key FILE)', zh: '密钥文件是空的（用 liushou tokenize --generate-key 文件 生成）'}, file)
  const asString = asText(text)
  if (asString === undefined) return Buffer.from(text)
  const body = asString
    .split(/\r\n|\n|\r/)
    .filter((line) => !line.trim().startsWith('#'))
    .join('')
    .replace(/\s+/g, '')
  if (body === '') throw new UserError({en: 'the key file holds no key, only comments (make one with: liushou tokenize --generate-key FILE)', zh: '密钥文件中只有注释，没有密钥（用 liushou tokenize --generate-key 文件 生成）'}, file)
  // Hex first: 32 random bytes in base64 are all hex digits about once in 10^20.
  if (HEX.test(body)) {
    if (body.length % 2 !== 0) throw new UserError({en: 'the hex key has an odd number of digits: the file is damaged or truncated', zh: '十六进制密钥的位数为奇数：文件已损坏或不完整'}, file)
    return Buffer.from(body, 'hex')
  }
  // Random base64 mixes upper and lower case (one letter case only: about once in 10^9); a
  // passphrase of plain words would otherwise decode to bytes that look random.
  if (BASE64.test(body) && /[A-Z]/.test(body) && /[a-z]/.test(body)) {
    const standard = body.replace(/-/g, '+').replace(/_/g, '/')
    const decoded = Buffer.from(standard, 'base64')
    // Node skips characters it cannot read; the round trip proves the text was base64.
    if (decoded.toString('base64').replace(/=+$/, '') === standard.replace(/=+$/, '')) return decoded
  }
  throw new UserError({en: 'the key file must hold the key as hex or base64 (a passphrase is not a key; make one with: liushou tokenize --generate-key FILE)', zh: '密钥文件应以十六进制或 base64 保存密钥（口令不是密钥；用 liushou tokenize --generate-key 文件 生成）'}, file)
}

/**
 * Whether a --key value may be the key itself rather than a file name: long, and nothing but
 * hex or base64 characters (no extension, no path). Such a value is never echoed.
 */
function mayBeKeyText(value: string): boolean {
  return value.length >= 32 && /^[A-Za-z0-9+/_=-]+$/.test(value) && !value.includes('.') && !/^[./~]/.test(value)
}

/**
 * Reads and checks a key file. `onWarning` hears of a key file other users can read (POSIX);
 * the run goes on.
 */
export function loadKey(file: string, onWarning?: (message: string) => void): TokenKey {
  if (!existsSync(file)) {
    // Never echo the value: it may be the key itself, pasted where a file name belongs.
    if (mayBeKeyText(file)) throw new UserError({en: '--key names no file (the value is not shown: it may be a key); --key takes the name of a key file, never the key itself, which must not appear on a command line', zh: '--key 指定的文件不存在（不显示其值：它可能是密钥）；--key 应写密钥文件的文件名，绝不能写密钥本身，密钥不应出现在命令行中'})
    throw new UserError({en: 'the key file does not exist', zh: '密钥文件不存在'}, file)
  }
  let stat
  try {
    stat = statSync(file)
  } catch (error) {
    throw new UserError({en: `cannot read the key file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, zh: `无法读取密钥文件（${(error as NodeJS.ErrnoException).code ?? 'error'}）`}, file)
  }
  if (!stat.isFile()) throw new UserError({en: 'the key file is not a regular file', zh: '密钥文件不是普通文件'}, file)
  if (stat.size > MAX_KEY_FILE_BYTES) throw new UserError({en: `is not a key file (${stat.size} bytes; a key file holds a few dozen)`, zh: `不是密钥文件（${stat.size} 字节；密钥文件只有几十字节）`}, file)
  let content: Buffer
  try {
    content = readFileSync(file)
  } catch (error) {
    throw new UserError({en: `cannot read the key file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, zh: `无法读取密钥文件（${(error as NodeJS.ErrnoException).code ?? 'error'}）`}, file)
  }
  let key: TokenKey
  try {
    key = keyFromBytes(decodeKeyFile(content, file))
  } catch (error) {
    if (error instanceof UserError && !error.file) throw new UserError(error.texts, file)
    throw error
  } finally {
    content.fill(0)
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0 && onWarning) {
    onWarning(`${file}: other users on this machine can read the key file; restrict it with: chmod 600 ${file}`)
  }
  return key
}

/**
 * Writes a new random 32-byte key as hex, with a comment, readable by its owner only (0600).
 * Refuses to overwrite an existing file: losing a shared key means re-tokenizing every list.
 */
export function generateKeyFile(file: string): {fingerprint: string} {
  const bytes = randomBytes(MIN_KEY_BYTES)
  const text =
    '# liushou tokenize key (令牌密钥). Keep it secret: anyone holding it can test a guessed ID,\n' +
    '# phone or name against the tokens. Share it out of band, never with the tokenized files.\n' +
    `${bytes.toString('hex')}\n`
  let fd: number
  try {
    fd = openSync(file, 'wx', 0o600)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new UserError({en: 'already exists; a key file is never overwritten (choose another name)', zh: '已存在；密钥文件不会被覆盖（请另选文件名）'}, file)
    throw new UserError({en: `cannot write the key file (${code ?? 'error'})`, zh: `无法写入密钥文件（${code ?? 'error'}）`}, file)
  }
  try {
    writeSync(fd, text)
  } finally {
    closeSync(fd)
  }
  const {fingerprint} = keyFromBytes(bytes)
  return {fingerprint}
}
