// Registry size and bulk-write speed: writes two monthly snapshots of N synthetic children (a
// civil-affairs roster of 25 columns with realistic cell widths and repetition: one county's
// towns, villages and schools, real-looking IDs, phones and addresses), checkpoints, and prints
// the file's bytes per child-snapshot row, with the time each step took.
//   npm run build && node bench/registry-size.js [ROWS]      (default 320,000)
import {mkdtempSync, rmSync, statSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {openRegistry} from '../dist/src/registry/index.js'
import {mulberry32} from '../dist/src/sample/random.js'

const rows = Number(process.argv[2] ?? 320_000)
const r = mulberry32(7)
const pick = (list) => list[Math.floor(r() * list.length)]
const digits = (n) => Array.from({length: n}, () => Math.floor(r() * 10)).join('')
const pad = (n, w) => String(n).padStart(w, '0')

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = '子涵梓轩浩宇欣怡雨萱一诺俊杰思远佳怡嘉豪明轩紫涵诗琪博文梓豪宇航晨曦雅琪佳琪志强海燕建华丽娟文静晓东春梅秀英桂兰国强'
const name = () => pick(SURNAMES) + Array.from({length: 1 + Math.floor(r() * 2)}, () => pick(GIVEN)).join('')
const COUNTY = '430524'
const TOWNS = Array.from({length: 22}, (_, i) => ({name: `${pick(SURNAMES)}${pick(GIVEN)}镇`, code: `${COUNTY}${pad(100 + i, 3)}`}))
const VILLAGES = TOWNS.flatMap((t) => Array.from({length: 18}, (_, i) => ({town: t, name: `${pick(GIVEN)}${pick(GIVEN)}村`, code: `${t.code}${pad(200 + i, 3)}`})))
const SCHOOLS = TOWNS.flatMap((t) => [`${t.name}中心小学`, `${t.name}中学`, `${t.name}第二小学`])
const WORK = ['广东省深圳市宝安区', '广东省东莞市长安镇', '浙江省杭州市萧山区', '浙江省宁波市鄞州区', '上海市闵行区', '江苏省苏州市昆山市', '福建省厦门市湖里区', '湖南省长沙市岳麓区']
const STATUS = ['外出务工', '外出务工', '外出务工', '在家', '服刑', '重病']
const GUARD = ['祖辈监护', '亲属监护', '委托监护', '父母一方监护']
const REL = ['祖父', '祖母', '外祖父', '外祖母', '叔叔', '姑姑']
const GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级']

const HEADER = ['序号', '姓名', '性别', '民族', '身份证号', '出生日期', '行政区划代码', '乡镇', '村（居）', '现住址', '联系电话', '就学状况', '学校名称', '年级', '监护类型', '监护人姓名', '与儿童关系', '监护人身份证号', '监护人联系电话', '父亲姓名', '父亲状况', '父亲务工地', '母亲姓名', '母亲状况', '母亲务工地']
const FIELDS = ['seq', 'name', 'gender', 'ethnicity', 'idNumber', 'birthDate', 'regionCode', 'town', 'village', 'address', 'phone', 'schoolStatus', 'school', 'grade', 'guardianshipType', 'guardianName', 'guardianRelation', 'guardianIdNumber', 'guardianPhone', 'fatherName', 'fatherStatus', 'fatherWorkplace', 'motherName', 'motherStatus', 'motherWorkplace']

function person(i) {
  const v = pick(VILLAGES)
  const year = 2010 + Math.floor(r() * 15)
  const birth = `${year}-${pad(1 + Math.floor(r() * 12), 2)}-${pad(1 + Math.floor(r() * 28), 2)}`
  return [
    String(i + 1), name(), r() < 0.5 ? '男' : '女', r() < 0.9 ? '汉族' : '土家族', `${COUNTY}${birth.replaceAll('-', '')}${digits(4)}`, birth, v.code,
    v.town.name, v.name, `湖南省邵阳市绥宁县${v.town.name}${v.name}${1 + Math.floor(r() * 12)}组${1 + Math.floor(r() * 80)}号`, r() < 0.7 ? `1${pick('3578')}${digits(9)}` : '',
    year > 2018 ? '学前' : '在校', year > 2018 ? '' : pick(SCHOOLS), year > 2018 ? '' : pick(GRADES), pick(GUARD), name(), pick(REL), `${COUNTY}19${50 + Math.floor(r() * 25)}${pad(1 + Math.floor(r() * 12), 2)}${pad(1 + Math.floor(r() * 28), 2)}${digits(4)}`,
    `1${pick('3578')}${digits(9)}`, name(), pick(STATUS), pick(WORK), name(), pick(STATUS), r() < 0.8 ? pick(WORK) : '',
  ]
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'liushou-registry-bench-'))
const file = path.join(dir, 'bench.duckdb')
const seconds = (t) => ((performance.now() - t) / 1000).toFixed(2)
try {
  const people = Array.from({length: rows}, (_, i) => person(i))
  let ids = []
  const sizes = []
  for (const [month, asOf] of ['2026-08-01', '2026-09-01'].entries()) {
    // The second month: the same children, 2 % of them with a changed cell.
    if (month === 1) for (let i = 0; i < rows; i += 50) people[i][10] = `1${pick('3578')}${digits(9)}`
    const t = performance.now()
    const cpu = process.cpuUsage()
    const registry = await openRegistry(file, {create: true})
    await registry.transaction(async (tx) => {
      const ingest = await tx.beginIngest({asOf, version: 'bench'})
      const writer = await tx.snapshotWriter({department: 'civil', asOf, ingestId: ingest.id, files: [{name: `civil-${asOf}.csv`, sha256: digits(64), dataset: 'civil', format: 'csv', header: HEADER, fields: FIELDS}]})
      if (month === 0) ids = await tx.createChildren(people.map(() => COUNTY), {ingestId: ingest.id, snapshotId: writer.id})
      for (const [i, cells] of people.entries()) {
        const canonical = {}
        for (let c = 0; c < FIELDS.length; c++) if (cells[c] !== '') canonical[FIELDS[c]] = cells[c]
        await writer.append({fileIndex: 0, row: i + 2, cells, canonical, childId: ids[i]})
      }
      await writer.finish()
    })
    const written = seconds(t)
    const t2 = performance.now()
    registry.close() // checkpoints
    const used = process.cpuUsage(cpu)
    sizes.push(statSync(file).size)
    console.log(`${asOf}: ${rows.toLocaleString('en')} rows × ${HEADER.length} cells written and committed in ${written} s, closed (checkpoint) in ${seconds(t2)} s, ${((used.user + used.system) / 1e6).toFixed(1)} s of CPU; file ${(sizes.at(-1) / 1e6).toFixed(1)} MB`)
  }
  const registry = await openRegistry(file, {create: false, readOnly: true})
  let t = performance.now()
  let n = 0
  for await (const row of registry.snapshotRows(2)) n += row.cells.length > 0 ? 1 : 0
  console.log(`read the latest snapshot back (${n.toLocaleString('en')} rows, cells and canonical values) in ${seconds(t)} s`)
  t = performance.now()
  n = 0
  for await (const rec of registry.childRecords()) n += rec.canonical.idNumber ? 1 : 0
  console.log(`every child's latest canonical values (${n.toLocaleString('en')}) in ${seconds(t)} s`)
  t = performance.now()
  const latest = await registry.latestSnapshot('civil', '2026-12-31')
  const found = await registry.findSnapshot('civil', latest.asOf, latest.files.map((f) => f.sha256))
  console.log(`latest snapshot and idempotence lookup: ${found?.id === latest.id ? 'found' : 'MISSING'} in ${seconds(t)} s`)
  registry.close()
  console.log(`bytes per child-snapshot row: ${(sizes[0] / rows).toFixed(0)} (one snapshot), ${((sizes[1] - sizes[0]) / rows).toFixed(0)} (the second month added)`)
} finally {
  rmSync(dir, {recursive: true, force: true})
}
