import {readdirSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import {runCli, tempDir, writeTemp} from '../helpers/cli.js'

const id = (first17: string) => first17 + checkDigit(first17)

/** Sixty rows: bad check digits, bad phones, and IDs repeated far apart (ID_DUPLICATE comes last). */
function roster(): string {
  const rows = [['序号', '姓名', '性别', '身份证号', '出生日期', '监护人联系电话']]
  for (let i = 1; i <= 60; i++) {
    const good = id(`430121201503${String(10 + (i % 18)).padStart(2, '0')}${String(100 + i).padStart(3, '0')}`)
    const child = i % 7 === 0 ? good.slice(0, 17) + (good.endsWith('1') ? '2' : '1') : i % 11 === 0 ? id('43012120150310101') : good
    rows.push([String(i), i % 5 === 0 ? '李' : '李小红', Number(child[16]) % 2 ? '男' : '女', child, `2015-03-${child.slice(12, 14)}`, i % 4 === 0 ? '12345' : '13812345678'])
  }
  return `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`
}

describe('validate with findings spilled to disk', () => {
  it('writes the same report in every streamed format, and leaves no temporary files', () => {
    const dir = tempDir()
    const file = writeTemp(dir, '花名册.csv', roster())
    const tmp = tempDir('liushou-tmpdir-')
    for (const format of ['json', 'csv', 'junit']) {
      const args = ['validate', file, '--format', format, '--as-of', '2026-06-30']
      const inMemory = runCli(args)
      const spilled = runCli(args, {env: {LIUSHOU_FINDINGS_IN_MEMORY: '3', TMPDIR: tmp}})
      expect(spilled.code).toBe(1)
      expect(spilled.stderr).toBe('')
      const stable = (s: string) => s.replace(/"generatedAt": "[^"]+"|timestamp="[^"]+"/g, '')
      expect(stable(spilled.stdout)).toBe(stable(inMemory.stdout))
      if (format === 'json') {
        const report = JSON.parse(spilled.stdout) as {findings: {code: string; row: number}[]}
        expect(report.findings.length).toBeGreaterThan(20)
        expect(report.findings.some((f) => f.code === 'ID_DUPLICATE')).toBe(true)
        const rows = report.findings.map((f) => f.row)
        expect(rows).toEqual([...rows].sort((a, b) => a - b))
      }
      expect(readdirSync(tmp)).toEqual([])
    }
  }, 300_000)
})
