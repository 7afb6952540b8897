// `liushou sample`: realistic synthetic rosters of one area's left-behind children, as three
// departments keep them, with known faults, duplicates and disagreements — deterministic from a
// seed. The command (commands/sample.ts) is a thin wrapper around generateSamples().

import path from 'node:path'

import {parseDate} from '../cn/dates.js'
import {UserError} from '../errors.js'
import {makePrivateDir, writeFileAtomic} from '../io/atomic-write.js'
import {writeTable} from '../io/write-table.js'
import {CIVIL_AFFAIRS_FILE, SUPPLEMENT_FILE, renderCivilAffairs, renderSupplement} from './civil-affairs.js'
import {EDUCATION_FILE, renderEducation, writeEducationXlsx} from './education.js'
import {deriveCrosscheck} from './expectations.js'
import {type RowRef, type SheetRow, resolveFaults} from './faults.js'
import {type DistinctGroup, type SampleFile, type SampleManifest, faultsMarkdown} from './manifest.js'
import {pickArea} from './places.js'
import {type Child, buildPopulation} from './population.js'
import {PUBLIC_SECURITY_FILE, renderPublicSecurity} from './public-security.js'
import {Random} from './random.js'
import {RISKS_FILE, expectedRisks} from './risk-truth.js'
import {planScenarios} from './scenarios.js'

export type {Fault} from './faults.js'
export type {ByDesign, DistinctGroup, DuplicateGroup, SampleFile, SampleManifest} from './manifest.js'
export type {CareForm} from './parent-forms.js'
export type {ExpectedNotRated, ExpectedRisk, RisksManifest} from './risk-truth.js'

export interface SampleOptions {
  seed: number
  /** Distinct children in the area's population (0–17); the civil-affairs roster lists the left-behind among them. */
  children: number
  outputDir: string
  /** Reference date (YYYY-MM-DD) for ages and school grades. */
  asOf: string
}

export const SAMPLE_FILES = {
  civilAffairs: CIVIL_AFFAIRS_FILE,
  supplement: SUPPLEMENT_FILE,
  education: EDUCATION_FILE,
  publicSecurity: PUBLIC_SECURITY_FILE,
  faults: 'faults.json',
  faultsMarkdown: 'FAULTS.md',
  truth: 'truth.csv',
  risks: RISKS_FILE,
} as const

export const MIN_SAMPLE_CHILDREN = 100
export const MAX_SAMPLE_CHILDREN = 300_000

function checkOptions(o: SampleOptions): void {
  if (!Number.isSafeInteger(o.seed)) throw new UserError({en: `--seed must be an integer (got ${o.seed})`, zh: `--seed 必须是整数（而不是 ${o.seed}）`})
  if (!Number.isInteger(o.children) || o.children < MIN_SAMPLE_CHILDREN || o.children > MAX_SAMPLE_CHILDREN) {
    throw new UserError({en: `--children must be an integer from ${MIN_SAMPLE_CHILDREN} to ${MAX_SAMPLE_CHILDREN} (got ${o.children})`, zh: `--children 必须是 ${MIN_SAMPLE_CHILDREN} 到 ${MAX_SAMPLE_CHILDREN} 之间的整数（而不是 ${o.children}）`})
  }
  const d = parseDate(o.asOf)
  if (d.kind !== 'date' || !d.canonical || d.year < 2010 || d.year > 2100) {
    throw new UserError({en: `--as-of must be a date written YYYY-MM-DD between 2010 and 2100 (got "${o.asOf}")`, zh: `--as-of 必须是 2010 至 2100 年之间、写作 YYYY-MM-DD 的日期（而不是“${o.asOf}”）`})
  }
}

/** Generates the sample rosters into `outputDir` and returns what it wrote. */
export async function generateSamples(options: SampleOptions): Promise<SampleManifest> {
  checkOptions(options)
  const {seed, asOf, outputDir} = options
  const rng = new Random(seed)
  const area = pickArea(rng.fork('area'), options.children)
  const pop = buildPopulation(rng.fork('population'), area, asOf, options.children)
  const plan = planScenarios(pop, rng.fork('scenarios'))
  const ca = renderCivilAffairs(pop, plan, rng.fork('civil-affairs'))
  const supplement = renderSupplement(pop, plan, ca, rng.fork('supplement'))
  const edu = renderEducation(pop, plan, rng.fork('education'))
  const ps = renderPublicSecurity(pop)
  const cross = deriveCrosscheck(pop, plan, ca, edu, ps)

  const headerRows = new Map([
    [CIVIL_AFFAIRS_FILE, 2],
    [SUPPLEMENT_FILE, 1],
    [EDUCATION_FILE, 1],
    [PUBLIC_SECURITY_FILE, 1],
  ])
  const faults = resolveFaults([...ca.faults, ...supplement.faults, ...edu.faults, ...cross], headerRows)
  const byCode: Record<string, number> = {}
  for (const f of faults) byCode[f.code] = (byCode[f.code] ?? 0) + 1
  const faultyRows = (file: string): number => new Set(faults.filter((f) => f.file === file && f.kind === 'validate' && f.row > (headerRows.get(file) ?? 1)).map((f) => f.row)).size

  const files: SampleFile[] = [
    {file: CIVIL_AFFAIRS_FILE, department: 'civil-affairs', format: 'csv', encoding: 'gb18030', headerRow: 2, rows: ca.rows.length, faultyRows: faultyRows(CIVIL_AFFAIRS_FILE),
      description: '民政 roster of left-behind children under 16, compiled from the villages; title row above the header; saved by Excel as GB18030'},
    {file: SUPPLEMENT_FILE, format: 'csv', encoding: 'gb18030', headerRow: 1, rows: supplement.rows.length, faultyRows: faultyRows(SUPPLEMENT_FILE),
      description: "a town's hand-made late supplement (补报): no ID or birth-date column, two remarks columns"},
    {file: EDUCATION_FILE, department: 'education', format: 'xlsx', headerRow: 1, rows: edu.rows.length, faultyRows: faultyRows(EDUCATION_FILE),
      description: '学籍 export of enrolled students aged 6+; text cells, birth dates as Excel date cells in some rows'},
    {file: PUBLIC_SECURITY_FILE, department: 'public-security', format: 'csv', encoding: 'utf8-bom', headerRow: 1, rows: ps.rows.length, faultyRows: faultyRows(PUBLIC_SECURITY_FILE),
      description: '户籍 extract of every registered child (0–17) of the area, with deaths, moves and cancellations; UTF-8 with BOM'},
  ]

  const located = (file: string, rows: (SheetRow | undefined)[]): (RowRef & {childId: string})[] =>
    rows.filter((r): r is SheetRow => r !== undefined).map((r) => ({file, row: r.row, childId: r.childId}))
  const everywhere = (c: Child): (RowRef & {childId: string})[] => [
    ...located(CIVIL_AFFAIRS_FILE, ca.rowsOf.get(c) ?? []),
    ...located(EDUCATION_FILE, [edu.rowOf.get(c)]),
    ...located(PUBLIC_SECURITY_FILE, [ps.rowOf.get(c)]),
  ]
  const distinct: DistinctGroup[] = []
  if (plan.twins) {
    const [a, b] = plan.twins
    distinct.push({kind: 'twins', description: `twins ${a.surname}${a.given} and ${b.surname}${b.given}: same parents, birth date and village, different IDs`, members: [...everywhere(a), ...everywhere(b)]})
  }
  for (const c of pop.children) {
    if (c.twin && plan.twins && !plan.twins.includes(c) && c.twin.key > c.key) {
      distinct.push({kind: 'twins', description: `twins ${c.surname}${c.given} and ${c.twin.surname}${c.twin.given}`, members: [...everywhere(c), ...everywhere(c.twin)]})
    }
  }
  if (plan.sameName) {
    const [a, b] = plan.sameName
    distinct.push({kind: 'same-name', description: `two ${a.surname}${a.given} in one county, different IDs and birth dates`, members: [...everywhere(a), ...everywhere(b)]})
  }
  for (const w of ca.wrongNumbers) {
    distinct.push({kind: 'one-number', description: `${w.kind === 'twin' ? 'twins' : 'two children'} under one ID number: ${w.description}`, members: [...everywhere(w.carrier), ...everywhere(w.owner)]})
  }

  const byKey = new Map(pop.children.map((c) => [c.key, c]))
  const agedRows = (rows: SheetRow[]): number[] => rows.filter((r) => (byKey.get(r.childId)?.age ?? 0) >= 16).map((r) => r.row)
  const manifest: SampleManifest = {
    tool: 'liushou',
    kind: 'sample',
    version: 1,
    seed,
    asOf,
    children: pop.children.length,
    area: {
      province: area.city.province ?? '湖南省',
      city: area.city.name,
      counties: area.counties.map((c) => ({code: c.code, name: c.name})),
      towns: new Set(area.places.map((p) => p.town.code)).size,
      villages: area.places.length,
    },
    files,
    outputs: Object.values(SAMPLE_FILES),
    byCode,
    faults,
    duplicates: ca.duplicates.map((d) => ({childId: d.child.key, kind: d.kind, description: d.description, members: d.rows.map((r) => ({file: CIVIL_AFFAIRS_FILE, row: r.row}))})),
    distinct,
    byDesign: [
      {file: EDUCATION_FILE, code: 'AGE_OUT_OF_RANGE', field: 'birthDate', severity: 'error', rows: agedRows(edu.rows),
        description: 'the student roster lists students of every age; 16+ is only out of range for a left-behind roster (use --age-limit 18)'},
      {file: PUBLIC_SECURITY_FILE, code: 'AGE_OUT_OF_RANGE', field: 'birthDate', severity: 'error', rows: agedRows(ps.rows),
        description: 'the household register lists every child up to 17'},
      {file: PUBLIC_SECURITY_FILE, code: 'NOT_CANONICAL', field: 'birthDate', severity: 'info', rows: 'all',
        description: 'the register exports dates as YYYYMMDD (20110506); the 注销日期 column likewise where it is filled'},
    ],
    skipped: [...new Set(plan.skipped)],
    careForms: ca.careForms,
  }

  // Folders the tool creates are its owner's only (README, Privacy), synthetic data or not.
  await makePrivateDir(outputDir)
  const out = (name: string): string => path.join(outputDir, name)
  const width = ca.header.length
  await writeTable(out(CIVIL_AFFAIRS_FILE), ca.header, ca.rows.map((r) => r.cells), {
    encoding: 'gb18030',
    preamble: [[ca.title, ...Array<string>(width - 1).fill('')]],
  })
  await writeTable(out(SUPPLEMENT_FILE), supplement.header, supplement.rows.map((r) => r.cells), {encoding: 'gb18030'})
  await writeEducationXlsx(out(EDUCATION_FILE), edu, asOf)
  await writeTable(out(PUBLIC_SECURITY_FILE), ps.header, ps.rows.map((r) => r.cells), {encoding: 'utf8-bom'})

  const truth: string[][] = []
  for (const [file, rows] of [
    [CIVIL_AFFAIRS_FILE, ca.rows],
    [SUPPLEMENT_FILE, supplement.rows],
    [EDUCATION_FILE, edu.rows],
    [PUBLIC_SECURITY_FILE, ps.rows],
  ] as const) {
    for (const r of rows) truth.push([file, String(r.row), r.childId])
  }
  await writeTable(out(SAMPLE_FILES.truth), ['file', 'row', 'childId'], truth, {encoding: 'utf8'})
  await writeFileAtomic(out(SAMPLE_FILES.faults), `${JSON.stringify(manifest, null, 2)}\n`)
  await writeFileAtomic(out(SAMPLE_FILES.faultsMarkdown), faultsMarkdown(manifest))
  const risks = expectedRisks(pop, ca, edu, {education: EDUCATION_FILE, publicSecurity: PUBLIC_SECURITY_FILE})
  await writeFileAtomic(out(SAMPLE_FILES.risks), `${JSON.stringify(risks, null, 2)}\n`)
  return {...manifest, outputDir}
}
