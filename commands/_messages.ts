import type {Lang} from '../src/findings/model.js'

// oclif's own flag and argument errors, in the run's language. oclif writes them in English only;
// each pattern below is one of its messages (@oclif/core lib/parser/errors.js, flags.js, parse.js),
// and a message none of them knows stays English.

const OCLIF_NOISE = /^(The following errors? occurred:|See more help with --help)$/

const ZH: [RegExp, (...m: string[]) => string][] = [
  [/^Nonexistent flags?: (.+)$/, (flags) => `没有这个选项：${flags}`],
  [/^Missing (\d+) required args?:?\s*(\S+)?\s*(.*)$/, (n, name) => `缺少 ${n} 个必需的参数${name ? `：${name}` : ''}`],
  [/^Unexpected arguments?: (.+)$/, (args) => `多余的参数：${args}`],
  [/^Expected --([\w-]+)=(.*) to be one of: (.+)$/, (flag, value, options) => `--${flag} 的值“${value}”无效，可选：${options}`],
  [/^Expected (.*) to be one of: (.+)$/, (value, options) => `参数“${value}”无效，可选：${options}`],
  [/^Flag --([\w-]+) expects a value$/, (flag) => `选项 --${flag} 需要一个值`],
  [/^(?:Parsing --([\w-]+) )?Expected an integer but received: (.*)$/, (flag, value) => `${flag ? `--${flag} ` : ''}需要整数，而不是“${value}”`],
  [/^(?:Parsing --([\w-]+) )?Expected an integer greater than or equal to (-?\d+) but received: (.*)$/, (flag, min, value) => `${flag ? `--${flag} ` : ''}需要不小于 ${min} 的整数，而不是“${value}”`],
  [/^(?:Parsing --([\w-]+) )?Expected an integer less than or equal to (-?\d+) but received: (.*)$/, (flag, max, value) => `${flag ? `--${flag} ` : ''}需要不大于 ${max} 的整数，而不是“${value}”`],
  [/^--([\w-]+)=(.*) cannot also be provided when using --([\w-]+)$/, (a, _v, b) => `--${a} 不能与 --${b} 同时使用`],
  [/^Command (.+) not found\.?$/, (id) => `没有命令“${id}”`],
]

/** oclif's error message as one line in `lang`, with where to read more. */
export function translateOclifError(message: string, lang: Lang): string {
  const line = message
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split(/\r\n|\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !OCLIF_NOISE.test(l))
    .join(' ')
  if (lang === 'en') return `${line} (see --help)`
  for (const [pattern, zh] of ZH) {
    const m = pattern.exec(line)
    if (m) return `${zh(...m.slice(1).map((s) => s ?? ''))}（见 --help）`
  }
  return `${line}（见 --help）`
}
