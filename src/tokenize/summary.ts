import type {Lang} from '../findings/model.js'
import {scrubText} from '../mask.js'
import type {TokenizeResult} from './tokenize.js'

const KEEP_LABEL: Record<string, {zh: string; en: string}> = {
  birthYear: {zh: '出生年份', en: 'birth year'},
  gender: {zh: '性别', en: 'sex'},
  county: {zh: '县级区划', en: 'county'},
  village: {zh: '村级区划', en: 'village'},
}

function rowList(rows: number[], lang: Lang): string {
  const shown = rows.slice(0, 10).join(', ')
  const more = rows.length > 10 ? (lang === 'zh' ? ' 等' : ', …') : ''
  return shown + more
}

/** tokenize's short human summary: what became tokens, what was dropped, what stayed in clear. */
export function tokenizeSummary(result: TokenizeResult, input: string, output: string, lang: Lang): string {
  const zh = lang === 'zh'
  const lines: string[] = []
  const label = (header: string, index: number): string => scrubText(header || (zh ? `第${index + 1}列` : `column ${index + 1}`))
  lines.push(
    zh
      ? `${scrubText(input)} → ${scrubText(output)}：${result.rows} 行（行序不变），密钥指纹 ${result.fingerprint}`
      : `${scrubText(input)} → ${scrubText(output)}: ${result.rows} rows (same order), key fingerprint ${result.fingerprint}`,
  )
  const groups: Record<'tokenized' | 'dropped' | 'clear', string[]> = {tokenized: [], dropped: [], clear: []}
  const problems: string[] = []
  for (const c of result.columns) {
    const name = label(c.header, c.index)
    if (c.action === 'tokenized') {
      const n = (c.cells.tokenized ?? 0) + (c.cells.partial ?? 0)
      groups.tokenized.push(`${name} ${n}`)
      const partial = c.cells.partial ?? 0
      const unreadable = c.cells.unreadable ?? 0
      if (partial + unreadable > 0) {
        problems.push(
          zh
            ? `  ${name}：${partial} 个仅保留可确定部分，${unreadable} 个无法识别已置空（行 ${rowList(c.rows, lang)}）`
            : `  ${name}: ${partial} kept in part, ${unreadable} unreadable and left empty (rows ${rowList(c.rows, lang)})`,
        )
      }
    } else if (c.action === 'dropped') {
      groups.dropped.push(c.cells.dropped ? `${name} ${c.cells.dropped}` : name)
    } else {
      groups.clear.push(name)
    }
  }
  const line = (head: string, items: string[]): void => {
    if (items.length > 0) lines.push(`  ${head} ${items.join(zh ? '、' : ', ')}`)
  }
  line(zh ? '令牌化：' : 'tokenized:', groups.tokenized)
  line(zh ? '已删除：' : 'dropped:  ', groups.dropped)
  line(zh ? '保留明文：' : 'in clear: ', groups.clear)
  const kept = result.keep.map((k) => KEEP_LABEL[k]?.[lang] ?? k)
  lines.push(zh ? `  从身份信息中保留明文：${kept.length > 0 ? kept.join('、') : '无'}` : `  kept in clear from identities: ${kept.length > 0 ? kept.join(', ') : 'nothing'}`)
  if (problems.length > 0) {
    lines.push(zh ? '部分单元格无法完整令牌化（用 liushou validate 查看原因）：' : 'Cells that could not be tokenized whole (liushou validate says why):')
    lines.push(...problems)
  }
  if (result.ragged.length > 0) {
    lines.push(
      zh
        ? `错位行已输出为空行（修正后重新令牌化）：行 ${rowList(result.ragged, lang)}`
        : `Ragged rows written blank (fix them and tokenize again): rows ${rowList(result.ragged, lang)}`,
    )
  }
  lines.push(
    zh
      ? '把令牌化文件发给对方；密钥文件另行安全传递，切勿与数据一起发送。'
      : 'Send the tokenized file; share the key file separately and securely, never together with the data.',
  )
  return `${lines.join('\n')}\n`
}
