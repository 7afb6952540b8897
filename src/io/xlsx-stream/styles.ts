import {attr} from './xml-scanner.js'
import {handler, scanPart} from './xml-part.js'

// The number format of each cell style (`s="3"` → cellXfs[3] → numFmtId → format code). The
// rest of a style (fonts, fills, borders) does not change the text a cell shows.

/**
 * Excel's built-in formats, as exceljs lists them; ids 27–36 and 50–58 depend on the locale and
 * are given as a Chinese (zh-CN) Excel shows them: dates and times, so they read as dates.
 */
const BUILT_IN: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"',
  35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
}

export interface CellFormats {
  /** The format code of a cell style, undefined for General or an unknown style. */
  formatOf(styleId: number): string | undefined
}

export const NO_FORMATS: CellFormats = {formatOf: () => undefined}

export function parseStyles(bytes: Buffer, name: string): CellFormats {
  const custom = new Map<number, string>()
  const xfs: number[] = []
  let inCellXfs = 0
  scanPart(
    bytes,
    name,
    handler({
      open(tag, attrs, selfClosing) {
        if (tag === 'cellXfs') {
          if (!selfClosing) inCellXfs++
        } else if (tag === 'xf') {
          if (inCellXfs > 0) xfs.push(parseInt(attr(attrs, 'numFmtId') ?? '', 10))
        } else if (tag === 'numFmt') {
          const id = parseInt(attr(attrs, 'numFmtId') ?? '', 10)
          // Backslash escapes dropped, as exceljs stores format codes (`0\-0` → `0-0`).
          const code = attr(attrs, 'formatCode')?.replace(/[\\](.)/g, '$1')
          if (Number.isInteger(id) && code !== undefined) custom.set(id, code)
        }
      },
      close(tag) {
        if (tag === 'cellXfs') inCellXfs--
      },
    }),
  )
  const cache: (string | undefined)[] = xfs.map((id) => (id ? custom.get(id) || BUILT_IN[id] : undefined))
  return {formatOf: (styleId) => cache[styleId]}
}
