import {readdirSync, statSync} from 'node:fs'
import path from 'node:path'

import {UserError} from '../errors.js'
import {DEPARTMENT_ZH, type Department, departmentId} from './dataset-args.js'

// A department given as several files or a folder (a province's education list comes as one
// workbook per county: Excel stops at 1,048,576 rows a sheet): `education=学籍/`, or
// `education=a.xlsx education=b.xlsx`, read as one list whose findings still name their own file.

/** One department's list: its files, in the order given (a folder's in name order). */
export interface DepartmentList {
  department: Department
  files: string[]
}

const ROSTER = /\.(csv|tsv|txt|xlsx|xls)$/i

/** A folder given as a department's list: its rosters, in name order (Excel's lock files passed over). */
export function rostersIn(folder: string): string[] {
  const files = readdirSync(folder)
    .filter((n) => ROSTER.test(n) && !n.startsWith('~$') && !n.startsWith('.'))
    .sort()
    .map((n) => path.join(folder, n))
  if (files.length === 0) throw new UserError({en: 'holds no roster (.csv, .tsv, .xlsx)', zh: '中没有名单文件（.csv、.tsv、.xlsx）'}, folder)
  return files
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
    let isFolder = false
    try {
      isFolder = statSync(target).isDirectory()
    } catch {
      // A missing file is reported, with its name, when it is read.
    }
    lists.set(department, [...(lists.get(department) ?? []), ...(isFolder ? rostersIn(target) : [target])])
  }
  return [...lists].map(([department, files]) => ({department, files}))
}
