/**
 * Shanghai wall-clock time of an ISO timestamp: `2026-06-30 22:03`. Reports carry `generatedAt`
 * in UTC (JSON); a person reads the time in Beijing, in the HTML page and the workbook alike.
 */
export function beijingTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const parts = new Intl.DateTimeFormat('en-GB', {timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}).formatToParts(d)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}
