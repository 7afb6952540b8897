import {createHash} from 'node:crypto'
import {createReadStream} from 'node:fs'
import {chmod, readdir, stat} from 'node:fs/promises'
import path from 'node:path'

import {UserError} from '../errors.js'
import type {Finding, Report} from '../findings/model.js'
import {findingsOf} from '../findings/report-findings.js'
import {PRIVATE_DIR_MODE, makePrivateDir, writeFileAtomic} from '../io/atomic-write.js'
import {fieldLabel} from '../schema/fields.js'
import type {Lang, MaskMode} from '../types.js'
import {identityCheck} from './identity.js'
import {type PacketsBy, recipientOf, safeFileName} from './route.js'
import {type InputRows, type ReadOptions, type RowFactsSource, readRowFacts} from './rows.js'
import {type IndexEntry, type PacketLine, indexWorkbook, packetWorkbook} from './workbook.js'

// `--packets DIR` (docs/packets.md): every listed finding of a report goes to exactly one packet —
// the workbook of the unit, town, village or department that must check it — and findings with no
// recipient to 未分配.xlsx; index.xlsx lists the packets. Packets hold personal data: the folder is
// created 0700, every file 0600, each written atomically.

export const UNASSIGNED = '未分配'
export const INDEX = 'index'

export interface PacketOptions {
  dir: string
  by: PacketsBy
  lang: Lang
  mask: MaskMode
  deadline?: string
  read: ReadOptions
  /** Where the rows' facts come from (default: the report's input files, read again). */
  rows?: RowFactsSource
  /** The source files' SHA-256 for the cover sheet (default: the report's inputs, hashed now). */
  sources?: {file: string; sha256: string}[]
  /** Risk packets go to the child's village, whatever `by` says: the child director's visit list. */
  risk?: {labels: (finding: Finding) => {level: string; factors: string} | undefined}
}

export interface PacketSummary {
  dir: string
  packets: IndexEntry[]
  lines: number
}

/** The folder must not exist, or be empty: packets never mix with files of another run. */
async function prepareDir(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined)
  if (info && !info.isDirectory()) throw new UserError({en: 'exists and is not a folder: --packets needs a new or empty folder', zh: '已存在且不是文件夹：--packets 需要一个新的或空的文件夹'}, dir)
  if (info && (await readdir(dir)).length > 0) throw new UserError({en: 'is not empty: --packets writes into a new or empty folder only', zh: '不是空文件夹：--packets 只写入新的或空的文件夹'}, dir)
  // A folder of packets holds children's data: 0700 whatever the umask, made here or found empty.
  await makePrivateDir(dir)
  await chmod(dir, PRIVATE_DIR_MODE)
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256')
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
    return hash.digest('hex')
  } catch {
    return ''
  }
}

/** File names for the recipients: safe, unique whatever the case, never the index's or 未分配's. */
function fileNames(recipients: readonly string[]): Map<string, string> {
  const taken = new Set([INDEX, UNASSIGNED].map((n) => n.toLowerCase()))
  const out = new Map<string, string>()
  for (const r of recipients) {
    const base = safeFileName(r)
    let name = base
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`
    taken.add(name.toLowerCase())
    out.set(r, `${name}.xlsx`)
  }
  return out
}

function countOf(lines: readonly PacketLine[]): Omit<IndexEntry, 'recipient' | 'file'> {
  const entry = {lines: lines.length, errors: 0, warnings: 0, infos: 0, byCode: {} as Record<string, number>}
  for (const l of lines) {
    const f = l.finding
    if (f.severity === 'error') entry.errors++
    else if (f.severity === 'warning') entry.warnings++
    else entry.infos++
    entry.byCode[f.code] = (entry.byCode[f.code] ?? 0) + 1
  }
  return entry
}

/** Writes the packets of a report (its findings unmasked: packets mask per line, see workbook.ts). */
export async function writePackets(report: Report, options: PacketOptions): Promise<PacketSummary> {
  await prepareDir(options.dir)
  const findings: Finding[] = [...findingsOf(report)]
  const wanted = new Map<string, Set<number>>()
  for (const f of findings) {
    let rows = wanted.get(f.file)
    if (!rows) wanted.set(f.file, (rows = new Set()))
    rows.add(f.row)
  }
  const inputs = options.rows ? await options.rows(wanted) : await readRowFacts(report.inputs, wanted, options.read)
  const departmentOf = new Map(report.inputs.map((i) => [i.dataset, i.department]))

  // Recipients in the order their first line comes (the report's order: by file, then row).
  const groups = new Map<string, {department?: string; lines: PacketLine[]}>()
  const unassigned: PacketLine[] = []
  const by: PacketsBy = options.risk ? 'village' : options.by
  for (const f of findings) {
    const input: InputRows | undefined = inputs.get(f.file)
    const facts = input?.rows.get(f.row)
    const department = departmentOf.get(f.dataset)
    const recipient = recipientOf(f, facts, by, department, options.lang)
    const column = f.column ?? (f.field ? (input?.headers.get(f.field) ?? fieldLabel(f.field, options.lang)) : undefined)
    const line: PacketLine = {
      finding: f,
      own: by !== 'department' || recipient?.department === department,
      check: facts ? identityCheck(f.dataset, facts.identity) : '',
    }
    if (facts) line.facts = facts
    if (column !== undefined) line.column = column
    const risk = options.risk?.labels(f)
    if (risk) line.risk = risk
    if (!recipient) {
      unassigned.push(line)
      continue
    }
    let group = groups.get(recipient.name)
    if (!group) groups.set(recipient.name, (group = {lines: [], ...(recipient.department ? {department: recipient.department} : {})}))
    group.lines.push(line)
  }

  const sources = options.sources ?? (await Promise.all(report.inputs.map(async (i) => ({file: i.file, sha256: await sha256Of(i.file)}))))
  const names = fileNames([...groups.keys()])
  const packets: IndexEntry[] = []
  const write = async (recipient: string, file: string, lines: PacketLine[]) => {
    const bytes = await packetWorkbook(lines, {
      recipient,
      command: report.command,
      period: report.asOf,
      ...(options.deadline ? {deadline: options.deadline} : {}),
      generatedAt: report.generatedAt,
      version: report.version,
      sources,
      lang: options.lang,
      mask: options.mask,
      risk: options.risk !== undefined,
    })
    await writeFileAtomic(path.join(options.dir, file), bytes, {private: true})
    packets.push({recipient, file, ...countOf(lines)})
  }
  for (const [recipient, group] of groups) await write(recipient, names.get(recipient)!, group.lines)
  if (unassigned.length > 0) await write(UNASSIGNED, `${UNASSIGNED}.xlsx`, unassigned)
  await writeFileAtomic(path.join(options.dir, `${INDEX}.xlsx`), await indexWorkbook(packets, options.lang), {private: true})
  return {dir: options.dir, packets, lines: findings.length}
}
