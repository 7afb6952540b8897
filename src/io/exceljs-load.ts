import type ExcelJSModule from 'exceljs'
import {createRequire} from 'node:module'

// exceljs and its zip libraries take a third of a second to load, as long as a CSV command's
// whole start-up: every module that needs it loads it through here, on first use.
let loaded: typeof ExcelJSModule | undefined

/** The exceljs module, loaded on the first call. */
export function excelJs(): typeof ExcelJSModule {
  loaded ??= createRequire(import.meta.url)('exceljs') as typeof ExcelJSModule
  return loaded
}
