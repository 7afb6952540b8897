import {createHash} from 'node:crypto'

// Fingerprints (docs/architecture.md "Contracts"): lowercase hex of the first 8 bytes of SHA-256 over `code|field|department|key|n`,
// `n` counting findings that share the rest in the order they are added (file order: rows are read
// in order, and a child's findings are emitted row by row).

/** The department part of a fingerprint: the department id, else `other`. */
export function fingerprintDepartment(department: string | undefined): string {
  return department && department !== '' ? department : 'other'
}

export function fingerprintOf(code: string, field: string, department: string, key: string, n: number): string {
  return createHash('sha256').update(`${code}|${field}|${department}|${key}|${n}`, 'utf8').digest('hex').slice(0, 16)
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
    const digest = createHash('sha256').update(base, 'utf8').digest().subarray(0, 8).toString('latin1')
    const n = this.seen.get(digest) ?? 0
    this.seen.set(digest, n + 1)
    return fingerprintOf(code, field, department, key, n)
  }
}
