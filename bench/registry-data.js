// Synthetic roster rows for the registry benches: a civil-affairs roster of 25 columns with
// realistic cell widths and repetition (one county's towns, villages and schools, real-looking
// IDs, phones and addresses). Deterministic.
import {mulberry32} from '../dist/src/sample/random.js'

const r = mulberry32(7)
const pick = (list) => list[Math.floor(r() * list.length)]
const digits = (n) => Array.from({length: n}, () => Math.floor(r() * 10)).join('')
const pad = (n, w) => String(n).padStart(w, '0')

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = '子涵梓轩浩宇欣怡雨萱一诺俊杰思远佳怡嘉豪明轩紫涵诗琪博文梓豪宇航晨曦雅琪佳琪志强海燕建华丽娟文静晓东春梅秀英桂兰国强'
const name = () => pick(SURNAMES) + Array.from({length: 1 + Math.floor(r() * 2)}, () => pick(GIVEN)).join('')
export const COUNTY = '430524'
const TOWNS = Array.from({length: 22}, (_, i) => ({name: `${pick(SURNAMES)}${pick(GIVEN)}镇`, code: `${COUNTY}${pad(100 + i, 3)}`}))
const VILLAGES = TOWNS.flatMap((t) => Array.from({length: 18}, (_, i) => ({town: t, name: `${pick(GIVEN)}${pick(GIVEN)}村`, code: `${t.code}${pad(200 + i, 3)}`})))
const SCHOOLS = TOWNS.flatMap((t) => [`${t.name}中心小学`, `${t.name}中学`, `${t.name}第二小学`])
const WORK = ['广东省深圳市宝安区', '广东省东莞市长安镇', '浙江省杭州市萧山区', '浙江省宁波市鄞州区', '上海市闵行区', '江苏省苏州市昆山市', '福建省厦门市湖里区', '湖南省长沙市岳麓区']
const STATUS = ['外出务工', '外出务工', '外出务工', '在家', '服刑', '重病']
const GUARD = ['祖辈监护', '亲属监护', '委托监护', '父母一方监护']
const REL = ['祖父', '祖母', '外祖父', '外祖母', '叔叔', '姑姑']
const GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级']

export const HEADER = ['序号', '姓名', '性别', '民族', '身份证号', '出生日期', '行政区划代码', '乡镇', '村（居）', '现住址', '联系电话', '就学状况', '学校名称', '年级', '监护类型', '监护人姓名', '与儿童关系', '监护人身份证号', '监护人联系电话', '父亲姓名', '父亲状况', '父亲务工地', '母亲姓名', '母亲状况', '母亲务工地']
export const FIELDS = ['seq', 'name', 'gender', 'ethnicity', 'idNumber', 'birthDate', 'regionCode', 'town', 'village', 'address', 'phone', 'schoolStatus', 'school', 'grade', 'guardianshipType', 'guardianName', 'guardianRelation', 'guardianIdNumber', 'guardianPhone', 'fatherName', 'fatherStatus', 'fatherWorkplace', 'motherName', 'motherStatus', 'motherWorkplace']

export function person(i) {
  const v = pick(VILLAGES)
  const year = 2010 + Math.floor(r() * 15)
  const birth = `${year}-${pad(1 + Math.floor(r() * 12), 2)}-${pad(1 + Math.floor(r() * 28), 2)}`
  return [
    String(i + 1), name(), r() < 0.5 ? '男' : '女', r() < 0.9 ? '汉族' : '土家族', `${COUNTY}${birth.replaceAll('-', '')}${digits(4)}`, birth, v.code,
    v.town.name, v.name, `湖南省邵阳市隆回县${v.town.name}${v.name}${1 + Math.floor(r() * 12)}组${1 + Math.floor(r() * 80)}号`, r() < 0.7 ? `1${pick('3578')}${digits(9)}` : '',
    year > 2018 ? '学前' : '在校', year > 2018 ? '' : pick(SCHOOLS), year > 2018 ? '' : pick(GRADES), pick(GUARD), name(), pick(REL), `${COUNTY}19${50 + Math.floor(r() * 25)}${pad(1 + Math.floor(r() * 12), 2)}${pad(1 + Math.floor(r() * 28), 2)}${digits(4)}`,
    `1${pick('3578')}${digits(9)}`, name(), pick(STATUS), pick(WORK), name(), pick(STATUS), r() < 0.8 ? pick(WORK) : '',
  ]
}


export function randomPhone() {
  return `1${pick('3578')}${digits(9)}`
}

export function randomHex(n) {
  return Array.from({length: n}, () => Math.floor(r() * 16).toString(16)).join('')
}
