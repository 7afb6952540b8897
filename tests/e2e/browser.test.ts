import {copyFileSync, existsSync, readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {type Browser, chromium} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import {listChildren} from '../../src/cn/region.js'
import type {Report} from '../../src/findings/model.js'
import {ROOT, runCli, tempDir, writeTemp} from '../helpers/cli.js'

// The HTML report in a real browser: Debian's chromium driven by playwright-core (`.ci/run`
// installs chromium when it is missing). The report of the samples must load with no console
// error and no request beyond its own file, draw one bar per code with the JSON's counts, drill
// down from a county to its towns, and filter its findings table. The screenshot in docs/ is taken
// here: it is rewritten when missing or with LIUSHOU_UPDATE_SCREENSHOT=1 (every run would
// otherwise change a committed file, since the report carries the time it was made).

const CHROMIUM = process.env.LIUSHOU_CHROMIUM ?? '/usr/bin/chromium'
const HAVE_CHROMIUM = existsSync(CHROMIUM)
const SCREENSHOT = path.join(ROOT, 'docs/report-screenshot.png')
const AS_OF = '2026-06-30'

if (!HAVE_CHROMIUM) {
  process.stderr.write(`browser test skipped: no chromium at ${CHROMIUM} (apt-get install chromium, as .ci/run does, or set LIUSHOU_CHROMIUM)\n`)
}

/** The rosters of samples/ (written by `liushou sample`), when there are any. */
function sampleRosters(): string[] {
  const dir = path.join(ROOT, 'samples')
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => /\.(csv|xlsx)$/i.test(f) && !/^truth\./i.test(f))
    .sort()
    .map((f) => path.join(dir, f))
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴']
const GIVEN = ['子涵', '梓轩', '雨桐', '浩然', '欣怡', '一诺', '宇航', '诗琪', '俊杰', '可馨']

/**
 * A roster of three Hunan counties, their first rural towns and villages (real 12-digit codes),
 * four children a village, with errors sprinkled in: check digits, spaced names, bad phones,
 * birth dates that disagree with the ID.
 */
function generatedRoster(dir: string): string {
  const header = ['序号', '姓名', '性别', '身份证号', '出生日期', '行政区划代码', '填报单位', '监护人姓名', '监护人联系电话']
  const rows: string[][] = []
  let n = 0
  for (const county of ['430121', '430181', '430321']) {
    const towns = listChildren(county)
      .filter((t) => /[镇乡]$/.test(t.name))
      .slice(0, 3)
    for (const town of towns) {
      const villages = listChildren(town.code)
        .filter((v) => v.name.includes('村'))
        .slice(0, 3)
      for (const village of villages) {
        for (let k = 0; k < 4; k++) {
          n++
          const y = 2012 + (n % 7)
          const mm = String(1 + (n % 12)).padStart(2, '0')
          const dd = String(1 + (n % 28)).padStart(2, '0')
          const male = n % 2 === 0
          const seq = String(10 + (n % 80)).padStart(2, '0') + String((n % 4) * 2 + (male ? 1 : 0))
          const first17 = `${county}${y}${mm}${dd}${seq}`
          let idNumber = first17 + checkDigit(first17)
          let name = SURNAMES[n % 10]! + GIVEN[(n * 3) % 10]!
          let phone = `139${String(10_000_000 + n * 7919).slice(0, 8)}`
          let birth = `${y}-${mm}-${dd}`
          if (n % 9 === 0) idNumber = idNumber.slice(0, 17) + (idNumber.endsWith('0') ? '1' : '0')
          if (n % 11 === 0) name = `${name[0]} ${name.slice(1)}`
          if (n % 13 === 0) phone = '12345'
          if (n % 17 === 0) birth = `${y - 1}-01-01`
          rows.push([String(n), name, male ? '男' : '女', idNumber, birth, village.code, `${town.name}中心校`, `${SURNAMES[n % 10]}大山`, phone])
        }
      }
    }
  }
  return writeTemp(dir, '花名册.csv', `${[header, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`)
}

describe.skipIf(!HAVE_CHROMIUM)(HAVE_CHROMIUM ? 'html report in chromium' : `html report in chromium (skipped: no chromium at ${CHROMIUM})`, () => {
  let browser: Browser
  let report: Report
  let htmlFile: string

  beforeAll(async () => {
    const dir = tempDir()
    // Paths relative to where the CLI runs, as a user would type them (the report shows them).
    let inputs = sampleRosters().map((f) => path.relative(ROOT, f))
    let cwd = ROOT
    if (inputs.length === 0) {
      inputs = [path.basename(generatedRoster(dir))]
      cwd = dir
    }
    const json = runCli(['validate', ...inputs, '--as-of', AS_OF, '--format', 'json', '--lang', 'zh'], {cwd})
    expect(json.stderr).toBe('')
    report = JSON.parse(json.stdout) as Report
    htmlFile = path.join(dir, 'report.html')
    const html = runCli(['validate', ...inputs, '--as-of', AS_OF, '--format', 'html', '--lang', 'zh', '--output', htmlFile], {cwd})
    expect(html.stderr).toMatch(/^liushou: 已写入 .*report\.html：\d+ 个错误，\d+ 个警告/)
    expect([0, 1]).toContain(html.code)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
  })

  afterAll(async () => {
    await browser?.close()
  })

  async function open() {
    const page = await browser.newPage({viewport: {width: 1280, height: 900}})
    const requests: string[] = []
    const errors: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    page.on('pageerror', (e) => errors.push(String(e)))
    await page.goto(pathToFileURL(htmlFile).href)
    await page.waitForSelector('#findings-table tbody tr')
    return {page, requests, errors}
  }

  it('fits its findings table in a 1280-pixel window: nothing clipped on the right, related rows shown', async () => {
    const {page} = await open()
    const fit = await page.$eval('#findings-table', (table) => {
      const box = table.closest('.table-box')!
      const right = box.getBoundingClientRect().right
      const cells = [...table.querySelectorAll('td')].map((td) => td.getBoundingClientRect().right)
      return {overflow: box.scrollWidth - box.clientWidth, beyond: cells.filter((r) => r > right + 1).length, columns: table.querySelectorAll('thead th').length}
    })
    await page.close()
    expect(fit).toEqual({overflow: 0, beyond: 0, columns: 8})
  })

  it('contains no address of anything outside the file', () => {
    const html = readFileSync(htmlFile, 'utf8')
    expect(html).not.toMatch(/https?:\/\//i)
    expect(html).not.toMatch(/:\/\//)
  })

  it('loads with no console error and no request but its own file, and takes the screenshot', async () => {
    const {page, requests, errors} = await open()
    expect(errors).toEqual([])
    expect(requests).toEqual([pathToFileURL(htmlFile).href])
    const shot = path.join(tempDir(), 'report.png')
    await page.screenshot({path: shot, fullPage: true})
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG')
    if (!existsSync(SCREENSHOT) || process.env.LIUSHOU_UPDATE_SCREENSHOT === '1') copyFileSync(shot, SCREENSHOT)
    await page.close()
  })

  it('draws one bar per finding code with the JSON report’s count', async () => {
    const {page} = await open()
    const bars = await page.$$eval('#by-code g.bar', (gs) => gs.map((g) => ({code: g.getAttribute('data-code'), count: Number(g.getAttribute('data-count')), shown: g.querySelector('text.value')?.textContent ?? ''})))
    expect(Object.fromEntries(bars.map((b) => [b.code, b.count]))).toEqual(report.summary.byCode)
    for (const b of bars) expect(b.shown.replace(/,/g, '')).toBe(String(b.count))
    expect(bars.length).toBe(Object.keys(report.summary.byCode).length)
    await page.close()
  })

  it('drills down from a county to its towns and from a town to its villages', async () => {
    const {page, errors} = await open()
    const breakdown = report.breakdown ?? []
    const counties = breakdown.filter((e) => e.level === 'county')
    expect(counties.length).toBeGreaterThan(0)
    const visibleUnits = (level: string) =>
      page.$$eval(`#by-area .area-panel:not([hidden]) g.bar[data-level="${level}"]`, (gs) => gs.map((g) => ({unit: g.getAttribute('data-unit')!, count: Number(g.getAttribute('data-count'))})))
    const total = (byCode: Record<string, number>) => Object.values(byCode).reduce((a, b) => a + b, 0)

    const top = await visibleUnits('county')
    expect(top.map((u) => u.unit).sort()).toEqual(counties.map((c) => c.unit).sort().slice(0, 40))
    for (const u of top) expect(u.count).toBe(total(counties.find((c) => c.unit === u.unit)!.byCode))
    expect(await page.$$eval('#by-area .area-panel:not([hidden]) g.bar[data-level="town"]', (gs) => gs.length)).toBe(0)

    const county = top[0]!.unit
    await page.click(`#by-area g.bar[data-level="county"][data-unit="${county}"]`)
    const towns = await visibleUnits('town')
    const expected = breakdown.filter((e) => e.level === 'town' && e.unit.startsWith(`${county} / `))
    expect(towns.length).toBe(Math.min(40, expected.length))
    for (const t of towns) expect(t.count).toBe(total(expected.find((e) => e.unit === t.unit)!.byCode))
    expect(await visibleUnits('county')).toEqual([])
    expect(await page.textContent('#by-area .crumbs')).toContain(county)

    const town = towns[0]!.unit
    await page.click(`#by-area g.bar[data-level="town"][data-unit="${town}"]`)
    const villages = await visibleUnits('village')
    expect(villages.length).toBeGreaterThan(0)
    for (const v of villages) expect(v.unit.startsWith(`${town} / `)).toBe(true)

    // The breadcrumb leads back up.
    await page.click('#by-area .crumbs button[data-path=""]')
    expect((await visibleUnits('county')).length).toBe(top.length)
    expect(errors).toEqual([])
    await page.close()
  })

  it('filters the findings table as one types', async () => {
    const {page, errors} = await open()
    const rows = () => page.$$eval('#findings-table tbody tr[data-code]', (trs) => trs.map((tr) => ({code: tr.getAttribute('data-code'), text: tr.textContent ?? ''})))
    expect((await rows()).length).toBe(Math.min(500, report.findings.length))

    // The rarest listed code: typing it leaves exactly its rows.
    const counts = new Map<string, number>()
    for (const f of report.findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1)
    const [code, n] = [...counts].sort((a, b) => a[1] - b[1])[0]!
    await page.fill('#filter', code.toLowerCase())
    const filtered = await rows()
    expect(filtered.length).toBe(Math.min(500, n))
    for (const r of filtered) expect(r.code).toBe(code)
    expect(await page.textContent('#f-count')).toContain(String(n))

    // A word and a row number together: every shown row has both.
    const target = report.findings.find((f) => f.value)!
    await page.fill('#filter', `${target.code} ${target.value}`)
    const both = await rows()
    expect(both.length).toBeGreaterThan(0)
    for (const r of both) {
      expect(r.code).toBe(target.code)
      expect(r.text).toContain(target.value)
    }

    await page.fill('#filter', 'no-such-thing-zzz')
    expect(await rows()).toEqual([])
    expect(await page.textContent('#findings-table tbody')).toContain('没有符合条件的问题')

    // Clicking a code bar filters the table to that code.
    await page.fill('#filter', '')
    await page.click(`#by-code g.bar[data-code="${code}"]`)
    expect(await page.inputValue('#f-code')).toBe(code)
    for (const r of await rows()) expect(r.code).toBe(code)
    expect(errors).toEqual([])
    await page.close()
  })
})
