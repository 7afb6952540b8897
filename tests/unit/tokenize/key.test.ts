import {randomBytes} from 'node:crypto'
import {readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {decodeKeyFile, generateKeyFile, keyFromBytes, keyWeakness, loadKey} from '../../../src/tokens/key.js'
import {TokenEncoder} from '../../../src/tokens/encoder.js'
import {tempDir} from '../../helpers/cli.js'

const KEY_HEX = '6f1d2c9a8b7e4f3051a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718'

function messageOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return (error as UserError).line
  }
  throw new Error('expected a UserError')
}

describe('key files', () => {
  it('reads hex, base64, base64url and raw bytes to the same key, ignoring comments, spaces and a BOM', () => {
    const bytes = Buffer.from(KEY_HEX, 'hex')
    const forms = [
      Buffer.from(`${KEY_HEX}\n`),
      Buffer.from(`# 令牌密钥 — keep it secret\n${KEY_HEX.toUpperCase().slice(0, 32)}\n  ${KEY_HEX.toUpperCase().slice(32)}\r\n`),
      Buffer.from(`\ufeff${bytes.toString('base64')}\n`),
      Buffer.from(bytes.toString('base64url')),
      bytes,
    ]
    for (const form of forms) expect(decodeKeyFile(form, 'k').equals(bytes)).toBe(true)
    const fingerprints = forms.map((f) => keyFromBytes(decodeKeyFile(f, 'k')).fingerprint)
    expect(new Set(fingerprints).size).toBe(1)
    expect(fingerprints[0]).toMatch(/^[0-9a-f]{12}$/)
  })

  it('refuses short, passphrase, empty and patterned keys with one line that never shows the key', () => {
    const short = randomBytes(16).toString('hex')
    const cases: [string | Buffer, RegExp][] = [
      [short, /too short: 16 bytes/],
      ['correct horse battery staple and some more words', /hex or base64 \(a passphrase is not a key/],
      ['这是一个很长的中文口令但它不是密钥这是一个很长的中文口令', /hex or base64/],
      ['', /empty/],
      ['# only a comment\n', /no key, only comments/],
      ['00'.repeat(32), /not random: only 1 distinct/],
      [Buffer.from(Array.from({length: 32}, (_, i) => i)).toString('hex'), /constant step/],
      [Buffer.from([3, 1, 4, 15, 9, 2, 6, 5, 35, 8, 97, 93, 23, 84, 62, 64]).toString('hex').repeat(2), /block of 16 bytes repeated/],
      ['abc', /odd number of digits/],
    ]
    const dir = tempDir()
    for (const [content, pattern] of cases) {
      const file = path.join(dir, 'dept.key')
      writeFileSync(file, content, {mode: 0o600})
      const line = messageOf(() => loadKey(file))
      expect(line).toMatch(pattern)
      expect(line.startsWith(`${file}: `)).toBe(true)
      expect(line).not.toContain('\n')
      if (typeof content === 'string' && content.length >= 8) expect(line).not.toContain(content.slice(0, 8))
    }
  })

  it('accepts 32 random bytes and rejects what chance cannot produce', () => {
    for (let i = 0; i < 200; i++) expect(keyWeakness(randomBytes(32))).toBeUndefined()
    expect(keyWeakness(Buffer.alloc(64, 7))).toMatch(/distinct/)
  })

  it('loadKey: a missing file is named, a key pasted where a file belongs is not echoed', () => {
    const dir = tempDir()
    expect(messageOf(() => loadKey(path.join(dir, 'none.key')))).toMatch(/none\.key: the key file does not exist/)
    const pasted = messageOf(() => loadKey(KEY_HEX))
    expect(pasted).toMatch(/never the key itself/)
    expect(pasted).not.toContain(KEY_HEX.slice(0, 12))
    const b64 = Buffer.from(KEY_HEX, 'hex').toString('base64')
    expect(messageOf(() => loadKey(b64))).not.toContain(b64.slice(0, 12))
  })

  it('loadKey warns about a key file others can read (POSIX) and still loads it', () => {
    if (process.platform === 'win32') return
    const dir = tempDir()
    const file = path.join(dir, 'open.key')
    writeFileSync(file, KEY_HEX, {mode: 0o644})
    const warnings: string[] = []
    const key = loadKey(file, (w) => warnings.push(w))
    expect(key.fingerprint).toMatch(/^[0-9a-f]{12}$/)
    expect(warnings.join('')).toMatch(/chmod 600/)
    expect(warnings.join('')).not.toContain(KEY_HEX.slice(0, 12))
  })

  it('generateKeyFile writes a 0600 hex key that loads back, and never overwrites', () => {
    const dir = tempDir()
    const file = path.join(dir, 'new.key')
    const {fingerprint} = generateKeyFile(file)
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8')).toMatch(/^# liushou tokenize key[\s\S]*\n[0-9a-f]{64}\n$/)
    const warnings: string[] = []
    expect(loadKey(file, (w) => warnings.push(w)).fingerprint).toBe(fingerprint)
    expect(warnings).toEqual([])
    expect(messageOf(() => generateKeyFile(file))).toMatch(/already exists/)
    expect(generateKeyFile(path.join(dir, 'other.key')).fingerprint).not.toBe(fingerprint)
  })

  it('derives one sub-key per purpose: the same digits give unrelated ID and phone tokens', () => {
    const enc = new TokenEncoder(keyFromBytes(Buffer.from(KEY_HEX, 'hex')), new Set())
    const digits = '13812345678'
    expect(enc.mac('id', digits)).not.toBe(enc.mac('phone', digits))
    expect(enc.mac('id', digits)).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })

  it('appearsIn finds the key as hex (either case, split across lines) and base64, and nothing else', () => {
    const key = keyFromBytes(Buffer.from(KEY_HEX, 'hex'))
    const b64 = Buffer.from(KEY_HEX, 'hex').toString('base64')
    expect(key.appearsIn(`key: ${KEY_HEX}`)).toBe(true)
    expect(key.appearsIn(KEY_HEX.toUpperCase())).toBe(true)
    expect(key.appearsIn(`${KEY_HEX.slice(0, 20)}\n${KEY_HEX.slice(20)}`)).toBe(true)
    expect(key.appearsIn(b64)).toBe(true)
    expect(key.appearsIn(Buffer.from(KEY_HEX, 'hex').toString('base64url'))).toBe(true)
    expect(key.appearsIn('湘西土家族苗族自治州泸溪县农村留守儿童花名册（截至2026年9月1日）')).toBe(false)
    expect(key.appearsIn(randomBytes(32).toString('hex'))).toBe(false)
  })
})
