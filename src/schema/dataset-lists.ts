import {readdirSync, statSync} from 'node:fs'
import path from 'node:path'

import {UserError} from '../errors.js'
import {DEPARTMENT_ZH, type DatasetInput, type Department, departmentId} from './dataset-args.js'

// A department given as several files or a folder (a province's education list comes as one
// workbook per county: Excel stops at 1,048,576 rows a sheet): `education=学籍/`,
// `education=a.xlsx education=b.xlsx`, or a quoted glob liushou expands itself
// (`education='学籍/*.xlsx'`: Windows shells do not expand globs, and Node 20 has no fs.glob),
// read as one list whose findings still name their own file and row.

/** One department's list: its files, in the order given (a folder's in name order). */
export interface DepartmentList {
  department: Department
  files: string[]
}

/**
 * A list of a run that may come as several files: its files in reading order, the dataset name
 * its findings carry and the department it was given with. The files are one list: a child on two
 * of them is a duplicate within the list, and record numbers run on from file to file while each
 * finding names its own file and row.
 */
export interface ListInput {
  files: string[]
  /** The name findings carry (default: the first file's base name without extension, a folder's name). */
  dataset?: string
  department?: string
}

/** What the features take: one file (DatasetInput) or a list of several (ListInput). */
export type RosterInput = DatasetInput | ListInput

/** The files of an input, in reading order. */
export function filesOf(input: RosterInput): string[] {
  return 'files' in input ? input.files : [input.file]
}

/** An input as a list (one file is a list of one). */
export function asList(input: RosterInput): ListInput {
  if ('files' in input) return input
  const out: ListInput = {files: [input.file]}
  if (input.dataset !== undefined) out.dataset = input.dataset
  if (input.department !== undefined) out.department = input.department
  return out
}

/** The dataset name of an input: as given, else the first file's base name without extension. */
export function datasetNameOf(input: RosterInput): string {
  return input.dataset ?? baseName(filesOf(input)[0] ?? '')
}

const baseName = (file: string): string => (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]+$/, '')

const ROSTER = /\.(csv|tsv|txt|xlsx|xls)$/i

/** Excel's and WPS's lock files (`~$花名册.xlsx`, `.~花名册.xlsx`) and hidden files are no rosters. */
const skipped = (name: string): boolean => name.startsWith('~$') || name.startsWith('.')

/** A folder given as a department's list: its rosters, in name order (Excel's lock files passed over). */
export function rostersIn(folder: string): string[] {
  const files = readdirSync(folder)
    .filter((n) => ROSTER.test(n) && !skipped(n) && isFile(path.join(folder, n)))
    .sort()
    .map((n) => path.join(folder, n))
  if (files.length === 0) throw new UserError({en: 'holds no roster (.csv, .tsv, .xlsx)', zh: '中没有名单文件（.csv、.tsv、.xlsx）'}, folder)
  return files
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile()
  } catch {
    return false
  }
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory()
  } catch {
    return false
  }
}

/** `*` or `?` in the last segment of a path that does not exist as written. */
export function isGlob(target: string): boolean {
  return /[*?]/.test(path.basename(target)) && !isFile(target) && !isFolder(target)
}

/**
 * The rosters a glob names, in name order: `*` any run of characters and `?` one, in the file name
 * only (`学籍/*.xlsx`, `户籍/4301??.csv`); lock files and files that are no roster passed over. A
 * small matcher, not a dependency: Node 20 has no fs.glob, and a department's files sit in one folder.
 */
export function expandGlob(pattern: string): string[] {
  const folder = path.dirname(pattern)
  if (/[*?]/.test(folder)) {
    throw new UserError({en: 'only the file name may hold * or ? (e.g. 学籍/*.xlsx), not the folders', zh: '只有文件名可以含 * 或 ?（如 学籍/*.xlsx），文件夹名不可以'}, pattern)
  }
  const re = globPattern(path.basename(pattern))
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    throw new UserError({en: `no folder ${folder} for the pattern`, zh: `找不到该通配符所在的文件夹 ${folder}`}, pattern)
  }
  const files = names
    .filter((n) => re.test(n) && ROSTER.test(n) && !skipped(n) && isFile(path.join(folder, n)))
    .sort()
    .map((n) => (folder === '.' && !pattern.startsWith('.') ? n : path.join(folder, n)))
  if (files.length === 0) throw new UserError({en: 'matches no roster (.csv, .tsv, .xlsx)', zh: '没有匹配到名单文件（.csv、.tsv、.xlsx）'}, pattern)
  return files
}

/** A file-name glob as a regular expression: `*` any run, `?` one character, the rest literal. */
export function globPattern(glob: string): RegExp {
  const body = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.+()[\]{}|/]/g, '\\$&'))).join('')
  // Windows file names ignore case; elsewhere they do not.
  return new RegExp(`^${body}$`, process.platform === 'win32' ? 'iu' : 'u')
}

/** The files one argument names: a folder's rosters, a glob's matches, or the file itself. */
export function expandTarget(target: string): {files: string[]; kind: 'file' | 'folder' | 'glob'} {
  if (isFolder(target)) return {files: rostersIn(target), kind: 'folder'}
  if (isGlob(target)) return {files: expandGlob(target), kind: 'glob'}
  // A missing file is reported, with its name, when it is read.
  return {files: [target], kind: 'file'}
}

/**
 * DEPT=FILE or DEPT=FOLDER arguments (the department by its id or Chinese name: 民政=, 教育=),
 * one list per department, its files in the order given.
 */
export function parseDepartmentLists(args: readonly string[]): DepartmentList[] {
  if (args.length === 0) throw new UserError({en: 'give the lists as DEPT=FILE, e.g. civil-affairs=民政.csv', zh: '请以 部门=文件 的形式给出名单，例如 民政=民政.csv'})
  const lists = new Map<Department, string[]>()
  for (const arg of args) {
    const at = arg.indexOf('=')
    const department = at > 0 ? departmentId(arg.slice(0, at)) : undefined
    const target = at > 0 ? arg.slice(at + 1) : ''
    if (!department || target === '') {
      throw new UserError({
        en: `"${arg}" is not DEPT=FILE with DEPT a department (civil-affairs, education, public-security, … or 民政, 教育, 公安, …)`,
        zh: `“${arg}”不是 部门=文件 的写法；部门可写 ${Object.keys(DEPARTMENT_ZH).join('、')}（或 civil-affairs、education、public-security 等）`,
      })
    }
    lists.set(department, [...(lists.get(department) ?? []), ...expandTarget(target).files])
  }
  return [...lists].map(([department, files]) => ({department, files}))
}

/**
 * One argument as one list, a glob's files too (diff's OLD and NEW: each snapshot is one
 * argument, so a snapshot of several files is a folder or a quoted glob).
 */
export function parseListArg(arg: string): ListInput {
  const m = /^([A-Za-z][\w-]*|[\u4e00-\u9fff]{2,4})=(.+)$/.exec(arg)
  if (!m || isFile(arg) || isFolder(arg)) {
    const {files, kind} = expandTarget(arg)
    return kind === 'file' ? {files} : {files, dataset: kind === 'folder' ? path.basename(path.resolve(arg)) : baseName(files[0]!)}
  }
  return parseListArgs([arg])[0]!
}

/**
 * `FILE`, `FOLDER`, `GLOB` or `NAME=…` arguments of validate, dedupe, crosscheck, diff and risk,
 * as lists. NAME is a department (id or Chinese name: the dataset is the id) or a dataset name;
 * arguments with one NAME are one list, their files in the order given (`education=a.xlsx
 * education=b.xlsx`). A folder is one list of its rosters in name order, named after the folder
 * when no NAME is given. A glob without NAME gives its files one by one, as a shell expanding it
 * would: quoted or not, the same run. A path that merely contains `=` and exists stays a path.
 */
export function parseListArgs(args: readonly string[]): ListInput[] {
  const lists: ListInput[] = []
  const named = new Map<string, ListInput>()
  for (const arg of args) {
    const m = /^([A-Za-z][\w-]*|[\u4e00-\u9fff]{2,4})=(.+)$/.exec(arg)
    if (!m || isFile(arg) || isFolder(arg)) {
      const {files, kind} = expandTarget(arg)
      if (kind === 'glob') for (const file of files) lists.push({files: [file]})
      else lists.push(kind === 'folder' ? {files, dataset: path.basename(path.resolve(arg))} : {files})
      continue
    }
    const [, written, target] = m as unknown as [string, string, string]
    const department = departmentId(written)
    if (!department && !/^[A-Za-z]/.test(written)) {
      throw new UserError({
        en: `"${written}" is no department: write one of ${Object.keys(DEPARTMENT_ZH).join(', ')} or civil-affairs, education, public-security, …`,
        zh: `“${written}”不是部门名称：请写 ${Object.keys(DEPARTMENT_ZH).join('、')} 之一（或 civil-affairs、education、public-security 等）`,
      })
    }
    const name = department ?? written
    const {files} = expandTarget(target)
    const list = named.get(name)
    if (list) {
      // A file named twice (a folder and a file in it) is read once.
      const seen = new Set(list.files.map((f) => path.resolve(f)))
      list.files.push(...files.filter((f) => !seen.has(path.resolve(f))))
      continue
    }
    const fresh: ListInput = department ? {files, dataset: name, department} : {files, dataset: name}
    named.set(name, fresh)
    lists.push(fresh)
  }
  return lists
}
