import {attr} from './xml-scanner.js'
import {handler, scanPart} from './xml-part.js'

// The workbook's own parts: where the workbook, its sheets, styles and shared strings are (the
// relationships), which sheets there are in tab order, their state, and the date system.

export interface SheetEntry {
  name: string
  state: string | undefined
  /** Path of the sheet's part inside the zip. */
  part: string
}

export interface WorkbookInfo {
  sheets: SheetEntry[]
  date1904: boolean
  styles: string | undefined
  sharedStrings: string | undefined
}

interface Relationship {
  type: string
  target: string
}

/** The `_rels/x.xml.rels` path of a part. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/')
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`
}

/** A relationship's target as a zip path: absolute (`/xl/…`) or relative to the source's folder. */
export function resolveTarget(source: string, target: string): string {
  const trimmed = target.trim()
  const base = trimmed.startsWith('/') ? [] : source.split('/').slice(0, -1)
  for (const seg of trimmed.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') base.pop()
    else base.push(seg)
  }
  return base.join('/')
}

export function parseRels(bytes: Buffer, name: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>()
  scanPart(
    bytes,
    name,
    handler({
      open(tag, attrs) {
        if (tag !== 'Relationship') return
        const id = attr(attrs, 'Id')
        const target = attr(attrs, 'Target')
        if (id !== undefined && target !== undefined && !rels.has(id)) rels.set(id, {type: attr(attrs, 'Type') ?? '', target})
      },
    }),
  )
  return rels
}

/** The officeDocument target of the package's relationships (`xl/workbook.xml` when absent). */
export function workbookPath(rootRels: Map<string, Relationship> | undefined): string {
  for (const rel of rootRels?.values() ?? []) if (rel.type.endsWith('/officeDocument')) return resolveTarget('', rel.target)
  return 'xl/workbook.xml'
}

/** `&amp;lt;` in a sheet name read as `<`: exceljs decodes names twice, and names stay as it read them. */
function decodeAgain(s: string): string {
  return s.replace(/&(lt|gt|amp|apos|quot);/g, (_, e: string) => ({lt: '<', gt: '>', amp: '&', apos: "'", quot: '"'})[e]!)
}

export function parseWorkbook(bytes: Buffer, path: string, rels: Map<string, Relationship>, hasPart: (p: string) => boolean): WorkbookInfo {
  const sheets: SheetEntry[] = []
  let date1904 = false
  scanPart(
    bytes,
    path,
    handler({
      open(tag, attrs) {
        if (tag === 'workbookPr') {
          const v = attr(attrs, 'date1904')
          date1904 = v === '1' || v === 'true'
        } else if (tag === 'sheet') {
          const rel = rels.get(attr(attrs, 'r:id') ?? '')
          // Chart sheets, dialog and macro sheets hold no rows; a sheet without its part is skipped.
          if (!rel || !rel.type.endsWith('/worksheet')) return
          const part = resolveTarget(path, rel.target)
          if (!hasPart(part)) return
          sheets.push({name: decodeAgain(attr(attrs, 'name') ?? ''), state: attr(attrs, 'state'), part})
        }
      },
    }),
  )
  const find = (suffix: string): string | undefined => {
    for (const rel of rels.values()) if (rel.type.endsWith(suffix)) return resolveTarget(path, rel.target)
    return undefined
  }
  return {sheets, date1904, styles: find('/styles'), sharedStrings: find('/sharedStrings')}
}
