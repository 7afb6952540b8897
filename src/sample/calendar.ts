// Date arithmetic on ISO strings for the generator (UTC, no local time zone involved).

const DAY_MS = 86_400_000

export function isoToDays(iso: string): number {
  return Math.floor(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS)
}

export function daysToIso(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10)
}

export function addDays(iso: string, n: number): string {
  return daysToIso(isoToDays(iso) + n)
}

/** The same month and day `years` earlier (29 February → 28 February in common years). */
export function minusYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) - years
  let md = iso.slice(5)
  if (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) md = '02-28'
  return `${String(y).padStart(4, '0')}-${md}`
}

export function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))]
}

/** YYYYMMDD, as inside an ID number. */
export function compact(iso: string): string {
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10)
}

/** Excel 1900-system serial of a date (serials from 61 on, i.e. after 1900-02-28). */
export function excelSerial(iso: string): number {
  return isoToDays(iso) - isoToDays('1899-12-30')
}
