import crypto from 'node:crypto'

// Fingerprints (docs/architecture.md "Contracts"): lowercase hex of the first 8 bytes of SHA-256 over `code|field|department|key|n`,
// `n` counting findings that share the rest in the order they are added (file order: rows are read
// in order, and a child's findings are emitted row by row).

/** The department part of a fingerprint: the department id, else `other`. */
export function fingerprintDepartment(department: string | undefined): string {
  return department && department !== '' ? department : 'other'
}

// crypto.hash, the one-shot form, takes a third of createHash's time (two hashes a finding were a
// tenth of validate's time on a roster with a million findings). It came with Node 20.12; before, createHash.
const oneShot = (crypto as {hash?: (algorithm: string, data: string, encoding: 'hex' | 'latin1') => string}).hash

/** SHA-256 of the UTF-8 of `text`, in hex or as latin1 (a character a byte). */
export function sha256(text: string, encoding: 'hex' | 'latin1'): string {
  if (oneShot) return oneShot('sha256', text, encoding)
  return crypto.createHash('sha256').update(text, 'utf8').digest().toString(encoding)
}

export function fingerprintOf(code: string, field: string, department: string, key: string, n: number): string {
  return sha256(`${code}|${field}|${department}|${key}|${n}`, 'hex').slice(0, 16)
}

/**
 * Gives each finding its `n`: how many findings with the same code, field, department and key came
 * before it. Bases are held by an 8-byte digest, so a million findings cost tens of megabytes, not
 * their texts.
 */
export class FingerprintCounter {
  private readonly seen = new Map<string, number>()

  next(code: string, field: string, department: string, key: string): string {
    const base = `${code}|${field}|${department}|${key}`
    const digest = sha256(base, 'latin1').slice(0, 8)
    const n = this.seen.get(digest) ?? 0
    this.seen.set(digest, n + 1)
    return fingerprintOf(code, field, department, key, n)
  }
}
