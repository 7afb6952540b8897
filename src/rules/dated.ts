// The findings of validate that depend on the as-of date: they come from the rules that read it
// (row-checks.ts DATED_RULES) — a birth, from an ID number or the birth date column, compared with
// the date, or an age at it (RowContext.usableId, childBirth, childAge) — and from those rules
// only. Every other finding depends on the row's cells (ID_DUPLICATE and the header's findings on
// the list's rows and header): the same list checked at another date finds them again, the same,
// under the same fingerprints, since a fingerprint counts only findings of its own code. The
// registry checks a snapshot it checked before for these codes alone and carries the others
// over (registry/carry.ts); tests/unit/rules/dated.test.ts checks the samples at dates far apart.

/** Codes whose findings may come out otherwise at another as-of date (their text too: AGE_OUT_OF_RANGE names the date). */
export const DATED_CODES: ReadonlySet<string> = new Set([
  // identity.ts: born after the date; the region checks are skipped then.
  'ID_BIRTH_INVALID',
  'ID_REGION_UNKNOWN',
  'ID_REGION_ANACHRONISM',
  // consistency.ts: through an ID usable only when its birth is not after the date, or an age.
  'BIRTH_MISMATCH',
  'GENDER_MISMATCH',
  'AGE_OUT_OF_RANGE',
  'SCHOOL_AGE_MISMATCH',
  'GUARDIAN_INVALID',
  'PARENT_AGE_IMPLAUSIBLE',
])
