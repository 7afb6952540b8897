// Header synonyms as the departments write them: civil-affairs rosters (民政), education's student
// roster exports (学籍系统), public security's household register exports (户籍), women's federation
// and county templates. Keys are compared after normalizeHeader().

const ID_WORDS = ['身份证号', '身份证号码', '公民身份号码', '公民身份证号', '公民身份证号码', '身份证', '证件号码', '证件号', '身份证件号', '身份证件号码', '身份号码', '居民身份证号', '居民身份证号码', '身份证编号']
const NAME_WORDS = ['姓名', '名字', '名称']
const PHONE_WORDS = ['电话', '联系电话', '手机', '手机号', '手机号码', '联系方式', '电话号码', '联系手机', '移动电话']
const WORKPLACE_WORDS = ['务工地', '务工地点', '务工地址', '外出务工地', '外出务工地点', '工作单位', '务工单位', '工作地点', '打工地点', '务工所在地', '外出地点', '所在地']
const STATUS_WORDS = ['状况', '情况', '状态', '去向', '外出情况', '外出状况', '务工情况', '是否外出', '是否外出务工', '在家情况']

const CHILD_PREFIXES = ['', '儿童', '学生', '幼儿', '留守儿童', '困境儿童', '未成年人', '子女', '孩子', '本人']
// 家长 on school and women's-federation templates is whoever looks after the child; 监护人一 is
// the first guardian of public security's 常住人口 register (监护人二 stays unmapped).
const GUARDIAN_PREFIXES = ['监护人', '实际监护人', '委托监护人', '受托监护人', '受委托监护人', '被委托监护人', '主要监护人', '现监护人', '法定监护人', '第一监护人', '监护人一', '家长']
const FATHER_PREFIXES = ['父亲', '父', '爸爸']
const MOTHER_PREFIXES = ['母亲', '母', '妈妈']

function cross(prefixes: string[], words: string[]): string[] {
  return prefixes.flatMap((p) => words.map((w) => p + w))
}

export const SYNONYMS: Record<string, string[]> = {
  seq: ['序号', '编号', '序', 'no', 'no.', '行号', '顺序号'],
  name: cross(CHILD_PREFIXES, ['姓名', '名字']).concat(['留守儿童名单', 'name']),
  gender: cross(CHILD_PREFIXES, ['性别']).concat(['sex', 'gender']),
  idType: ['证件类型', '身份证件类型', '证件种类'],
  // Not a bare `ID`: system exports use it for their own record number.
  idNumber: cross(CHILD_PREFIXES, ID_WORDS).concat(['idnumber', 'idcard', 'idno']),
  birthDate: cross(CHILD_PREFIXES, ['出生日期', '出生年月', '出生年月日', '生日', '出生时间', '出生日']).concat(['birthdate', 'birthday']),
  ethnicity: cross(CHILD_PREFIXES, ['民族', '族别']),
  regionCode: ['行政区划代码', '区划代码', '行政区划编码', '区划编码', '行政区代码', '行政代码', '统计用区划代码', '地区代码', '村代码', '村居代码', '村级代码', '所在地区划代码', '行政区划'],
  province: ['省', '省份', '所在省', '省级', '省区市', '省名称', '省自治区直辖市'],
  city: ['市', '市州', '地市', '市级', '地区', '州市', '市名称', '所在市', '市地州盟'],
  county: ['县', '县区', '区县', '县市区', '县级', '县名称', '所在县', '县市', '区', '旗县', '县市区旗'],
  town: ['乡镇', '乡镇街道', '乡', '镇', '街道', '乡镇名称', '所在乡镇', '镇街', '乡镇街', '乡镇办', '乡镇场'],
  village: ['村', '村居', '社区', '村委会', '居委会', '村社区', '村居委会', '村名', '村名称', '所在村', '村组', '村居名称', '村(社区)委会'],
  address: cross(['', '儿童', '学生', '家庭'], ['现住址', '住址', '家庭住址', '家庭地址', '现居住地址', '居住地址', '联系地址', '现居住地', '现住地址', '详细地址', '地址', '居住地']),
  hukouAddress: cross(['', '儿童', '学生'], ['户籍地址', '户籍所在地', '户口所在地', '户籍地', '户口地址', '户籍住址', '户口所在地址', '户籍所在地址', '户口登记地', '户籍登记地址', '户籍地详址', '户籍详细地址', '户籍地址详址', '户口所在地详址']),
  hukouType: cross(['', '儿童', '学生'], ['户口性质', '户籍性质', '户口类型', '户籍类型', '户口类别', '户籍类别']),
  phone: ['联系电话', '联系方式', '电话', '家庭电话', '联系人电话', '手机', '手机号码', '手机号', '电话号码'],
  schoolStatus: cross(CHILD_PREFIXES, ['就学状况', '就学情况', '就读情况', '在校情况', '就学状态', '学习状况', '入学情况', '在学情况', '受教育状况', '就学', '就读状况', '读书情况']),
  school: ['学校名称', '就读学校', '学校', '所在学校', '就读学校名称', '就读学校全称', '学校全称', '就读幼儿园', '所在学校名称', '在读学校'],
  schoolCode: ['学校标识码', '学校代码', '学校编码', '学校标识'],
  grade: ['年级', '就读年级', '所在年级', '所读年级', '年级名称'],
  className: ['班级', '班级名称', '所在班级', '班别', '班号'],
  studentId: ['学籍号', '全国学籍号', '学籍编号', '学生学籍号', '全国中小学生学籍号', '国家学籍号'],
  boarding: ['是否寄宿', '寄宿', '是否住校', '就读方式', '寄宿情况', '是否寄宿生', '住校'],
  health: cross(CHILD_PREFIXES, ['健康状况', '身体状况', '健康情况', '身体健康状况']),
  disability: cross(CHILD_PREFIXES, ['残疾类别', '残疾类型', '残疾情况', '残疾种类', '是否残疾', '是否有残疾', '残疾人类型', '残疾人类别']),
  leftBehind: ['是否留守儿童', '是否留守', '留守儿童', '是否为留守儿童', '留守儿童标识', '留守情况'],
  childCategory: ['儿童类别', '儿童类型', '困境类型', '困境儿童类别', '困境儿童类型', '保障类别', '儿童分类'],
  guardianshipType: ['监护类型', '监护情况', '监护方式', '监护状况', '监护形式', '监护类别'],
  guardianName: cross(GUARDIAN_PREFIXES, NAME_WORDS).concat(['监护人', '监护人一', '家长']),
  guardianIdNumber: cross(GUARDIAN_PREFIXES, ID_WORDS),
  guardianRelation: cross(GUARDIAN_PREFIXES, ['关系', '与儿童关系', '与儿童的关系', '与被监护人关系', '与被监护人的关系', '与学生关系', '与本人关系', '与孩子关系']).concat(['与儿童关系', '与儿童的关系', '与学生关系', '与被监护人关系', '与本人关系', '与孩子关系', '与监护人关系', '与监护人的关系', '监护关系', '监护关系一', '关系']),
  guardianPhone: cross(GUARDIAN_PREFIXES, PHONE_WORDS),
  guardianBirthDate: cross(GUARDIAN_PREFIXES, ['出生日期', '出生年月']),
  guardianAge: cross(GUARDIAN_PREFIXES, ['年龄', '岁数']),
  guardianHealth: cross(GUARDIAN_PREFIXES, ['健康状况', '身体状况', '健康情况', '监护能力']),
  guardianAddress: cross(GUARDIAN_PREFIXES, ['住址', '地址', '现住址', '家庭住址']),
  fatherName: cross(FATHER_PREFIXES, NAME_WORDS),
  fatherIdNumber: cross(FATHER_PREFIXES, ID_WORDS),
  fatherStatus: cross(FATHER_PREFIXES, STATUS_WORDS),
  fatherWorkplace: cross(FATHER_PREFIXES, WORKPLACE_WORDS),
  fatherPhone: cross(FATHER_PREFIXES, PHONE_WORDS),
  motherName: cross(MOTHER_PREFIXES, NAME_WORDS),
  motherIdNumber: cross(MOTHER_PREFIXES, ID_WORDS),
  motherStatus: cross(MOTHER_PREFIXES, STATUS_WORDS),
  motherWorkplace: cross(MOTHER_PREFIXES, WORKPLACE_WORDS),
  motherPhone: cross(MOTHER_PREFIXES, PHONE_WORDS),
  householdId: ['户号', '户编号', '户籍户号'],
  relationToHead: ['与户主关系', '与户主的关系', '户主关系'],
  status: ['户籍状态', '人员状态', '户口状态', '状态', '人口状态', '登记状态', '户籍状况'],
  statusReason: ['注销原因', '变动原因', '迁出原因', '注销类别', '变动类型', '变更原因'],
  statusDate: ['注销日期', '变动日期', '迁出日期', '注销时间', '变动时间', '迁出时间', '死亡日期'],
  reportingUnit: ['填报单位', '报送单位', '上报单位', '填表单位', '填报单位名称', '单位'],
  // Not 登记日期: on a household register that is the person's registration date.
  reportDate: ['填报日期', '报送日期', '填表日期', '上报日期', '更新日期', '填报时间'],
  remarks: ['备注', '说明', '备注说明', '其他情况'],
}
