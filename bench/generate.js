// Writes a large synthetic roster fast (not the sample generator: that one favours realism and
// documents every fault; this one favours speed). Deterministic for a given row count.
import iconv from 'iconv-lite'
import {createWriteStream} from 'node:fs'
import {once} from 'node:events'

import {mulberry32} from '../dist/src/sample/random.js'
import {checkDigit} from '../dist/src/cn/id-number.js'
import {listChildren} from '../dist/src/cn/region.js'

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = '子涵梓轩浩宇欣怡雨萱一诺俊杰思远佳怡嘉豪明轩紫涵诗琪博文梓豪宇航晨曦雅琪佳琪志强海燕建华丽娟文静晓东春梅秀英桂兰国强'
const COUNTIES = ['430121', '430181', '430582', '430522', '430523', '431181', '431122', '433122', '433123', '430621']

function stageFor(age) {
  if (age < 3) return '未入园'
  if (age < 6) return '幼儿园'
  if (age < 12) return '小学'
  if (age < 15) return '初中'
  return '高中'
}

// Real village codes of each county, so that region checks see what real rosters hold.
function villagesOf(county) {
  return listChildren(county).flatMap((town) => listChildren(town.code).map((v) => v.code)).slice(0, 200)
}
const GUARD = ['祖辈监护', '亲属监护', '委托监护', '父母一方监护']
const REL = ['祖父', '祖母', '外祖父', '外祖母', '叔叔', '姑姑']

const pad = (n, w) => String(n).padStart(w, '0')

// A child's ID is drawn from county × birth day × sequence number: 10 × (15 years × 12 months ×
// 28 days) × 1,000 = 50.4 million IDs. Drawn at random (`ids: 'random'`, the generator of version
// 1), ten million rows collide like in a birthday paradox: 1.75 million rows share an ID, no
// roster looks like that, though it stays a good load test (two million findings). By default the
// space is walked by a stride coprime with its size, which gives every row its own ID, and a
// planted share of rows repeats a recent one.
const DAYS = 15 * 12 * 28
const ID_SPACE = COUNTIES.length * DAYS * 1000
const STRIDE = 40_000_003
/** Share of rows that repeat the ID of a recent row (the same child entered twice). */
export const DUPLICATE_SHARE = 0.003

/** Bump when the rows a seed gives change, so that cached rosters are not mistaken for new ones. */
export const GENERATOR_VERSION = 2

export async function generateRoster(file, rows, seed = 1, {ids = 'planted'} = {}) {
  const r = mulberry32(seed)
  const pick = (s) => s[Math.floor(r() * s.length)]
  const villages = new Map(COUNTIES.map((c) => [c, villagesOf(c)]))
  const out = createWriteStream(file)
  const header = ['序号', '姓名', '性别', '民族', '身份证号', '出生日期', '行政区划代码', '就学状况', '监护类型', '监护人姓名', '与儿童关系', '监护人身份证号', '监护人联系电话', '父亲状况', '母亲状况']
  let buf = [header.join(',')]
  const offset = ids === 'random' ? 0 : Math.floor(r() * ID_SPACE)
  const recent = []
  /** The row's slot in the ID space: county, then birth day, then sequence number. */
  const draw = (i) => {
    if (ids === 'random') {
      const county = Math.floor(r() * COUNTIES.length)
      const year = Math.floor(r() * 15)
      const month = Math.floor(r() * 12)
      const day = Math.floor(r() * 28)
      return ((county * DAYS + year * 12 * 28 + month * 28 + day) * 1000) + Math.floor(r() * 1000)
    }
    let slot = (offset + (i - 1) * STRIDE) % ID_SPACE
    if (recent.length > 0 && r() < DUPLICATE_SHARE) slot = recent[Math.floor(r() * recent.length)]
    else if (recent.length < 1000) recent.push(slot)
    else recent[i % 1000] = slot
    return slot
  }
  for (let i = 1; i <= rows; i++) {
    const slot = draw(i)
    const county = COUNTIES[Math.floor(slot / 1000 / DAYS)]
    const day = Math.floor(slot / 1000) % DAYS
    const y = 2011 + Math.floor(day / (12 * 28))
    const age = 2026 - y - 1
    const m = 1 + (Math.floor(day / 28) % 12)
    const d = 1 + (day % 28)
    const seq = pad(slot % 1000, 3)
    const first17 = `${county}${y}${pad(m, 2)}${pad(d, 2)}${seq}`
    let id = first17 + checkDigit(first17)
    const sex = Number(seq[2]) % 2 === 1 ? '男' : '女'
    let birth = `${y}-${pad(m, 2)}-${pad(d, 2)}`
    const gy = 1950 + Math.floor(r() * 30)
    const g17 = `${county}${gy}0101${pad(Math.floor(r() * 1000), 3)}`
    const fault = r()
    if (fault < 0.01) id = id.slice(0, 17) + (id.endsWith('1') ? '2' : '1')
    else if (fault < 0.02) birth = `${y}年${m}月${d}日`
    else if (fault < 0.025) id = `${id.slice(0, 15)}000`
    const name = pick(SURNAMES) + pick(GIVEN) + pick(GIVEN)
    buf.push(
      [i, name, sex, '汉族', id, birth, pick(villages.get(county)), stageFor(age), pick(GUARD), pick(SURNAMES) + pick(GIVEN) + pick(GIVEN), pick(REL), g17 + checkDigit(g17), `13${pad(Math.floor(r() * 1e9), 9)}`, '外出务工', '外出务工'].join(','),
    )
    if (buf.length >= 5000) {
      if (!out.write(iconv.encode(buf.join('\r\n') + '\r\n', 'gb18030'))) await once(out, 'drain')
      buf = []
    }
  }
  if (buf.length) out.write(iconv.encode(buf.join('\r\n') + '\r\n', 'gb18030'))
  out.end()
  await once(out, 'finish')
}
