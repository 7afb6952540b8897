// The canonical fields (docs/schema.md): every roster column that means one of these
// is read into it, whatever the department called it.

export type FieldKind = 'name' | 'id' | 'date' | 'phone' | 'enum' | 'region' | 'text'

export interface FieldDefinition {
  key: string
  zh: string
  en: string
  kind: FieldKind
  /** The code list its values come from (for `enum` fields). */
  list?: string
}

const f = (key: string, zh: string, en: string, kind: FieldKind = 'text', list?: string): FieldDefinition =>
  list ? {key, zh, en, kind, list} : {key, zh, en, kind}

export const FIELDS: FieldDefinition[] = [
  f('seq', '序号', 'serial number'),
  f('name', '姓名', 'name', 'name'),
  f('gender', '性别', 'gender', 'enum', 'gender'),
  f('idType', '证件类型', 'ID document type'),
  f('idNumber', '身份证号', 'ID number', 'id'),
  f('birthDate', '出生日期', 'birth date', 'date'),
  f('ethnicity', '民族', 'ethnic group', 'enum', 'ethnicity'),
  f('regionCode', '行政区划代码', 'region code', 'region'),
  f('province', '省', 'province'),
  f('city', '市', 'city'),
  f('county', '县', 'county'),
  f('town', '乡镇', 'town'),
  f('village', '村（居）', 'village'),
  f('address', '现住址', 'address'),
  f('hukouAddress', '户籍地址', 'household registration address'),
  f('hukouType', '户口性质', 'household registration type', 'enum', 'hukouType'),
  f('phone', '联系电话', 'contact phone', 'phone'),
  f('schoolStatus', '就学状况', 'school status', 'enum', 'schoolStatus'),
  f('school', '学校名称', 'school'),
  f('schoolCode', '学校标识码', 'school code'),
  f('grade', '年级', 'grade'),
  f('className', '班级', 'class'),
  f('studentId', '学籍号', 'student number'),
  f('boarding', '是否寄宿', 'boarding', 'enum', 'yesNo'),
  f('health', '健康状况', 'health', 'enum', 'health'),
  f('disability', '残疾类别', 'disability'),
  f('leftBehind', '是否留守儿童', 'left-behind flag', 'enum', 'yesNo'),
  f('childCategory', '儿童类别', 'child category'),
  f('guardianshipType', '监护类型', 'guardianship type', 'enum', 'guardianshipType'),
  f('guardianName', '监护人姓名', 'guardian name', 'name'),
  f('guardianIdNumber', '监护人身份证号', 'guardian ID number', 'id'),
  f('guardianRelation', '与儿童关系', 'guardian relation', 'enum', 'relation'),
  f('guardianPhone', '监护人联系电话', 'guardian phone', 'phone'),
  f('guardianBirthDate', '监护人出生日期', 'guardian birth date', 'date'),
  f('guardianAge', '监护人年龄', 'guardian age'),
  f('guardianHealth', '监护人健康状况', 'guardian health', 'enum', 'health'),
  f('guardianAddress', '监护人住址', 'guardian address'),
  f('fatherName', '父亲姓名', 'father name', 'name'),
  f('fatherIdNumber', '父亲身份证号', 'father ID number', 'id'),
  f('fatherStatus', '父亲状况', 'father status', 'enum', 'parentStatus'),
  f('fatherWorkplace', '父亲务工地', 'father workplace'),
  f('fatherPhone', '父亲联系电话', 'father phone', 'phone'),
  f('motherName', '母亲姓名', 'mother name', 'name'),
  f('motherIdNumber', '母亲身份证号', 'mother ID number', 'id'),
  f('motherStatus', '母亲状况', 'mother status', 'enum', 'parentStatus'),
  f('motherWorkplace', '母亲务工地', 'mother workplace'),
  f('motherPhone', '母亲联系电话', 'mother phone', 'phone'),
  f('householdId', '户号', 'household number'),
  f('relationToHead', '与户主关系', 'relation to household head'),
  f('status', '人员状态', 'registration status', 'enum', 'personStatus'),
  f('statusReason', '变动原因', 'status change reason'),
  f('statusDate', '变动日期', 'status change date', 'date'),
  f('reportingUnit', '填报单位', 'reporting unit'),
  f('reportDate', '填报日期', 'report date', 'date'),
  f('remarks', '备注', 'remarks'),
]

export const FIELD_KEYS = new Set(FIELDS.map((d) => d.key))
export const FIELD_BY_KEY = new Map(FIELDS.map((d) => [d.key, d]))

export function isField(key: string): boolean {
  return FIELD_KEYS.has(key)
}

/** Fields that hold a resident ID number (each is checked by the ID rules). */
export const ID_FIELDS = ['idNumber', 'guardianIdNumber', 'fatherIdNumber', 'motherIdNumber'] as const
export const NAME_FIELDS = ['name', 'guardianName', 'fatherName', 'motherName'] as const
export const PHONE_FIELDS = ['phone', 'guardianPhone', 'fatherPhone', 'motherPhone'] as const

export function fieldLabel(key: string, lang: 'zh' | 'en'): string {
  const def = FIELD_BY_KEY.get(key)
  return def ? def[lang] : key
}
