import type {Hook} from '@oclif/core'

import {langOf} from '../src/options.js'
import {errorLine} from './_base.js'

/**
 * oclif's own "command X not found" joins the first arguments into the id (`nosuch:4301…`), so a
 * mistyped command followed by an ID number would print it unmasked, with oclif's decoration.
 * Only the first word is named here, through the same one-line, masking path as other errors.
 */
const hook: Hook.CommandNotFound = async function (options) {
  const word = options.id.split(':')[0] ?? ''
  const commands = [...new Set(options.config.commands.filter((c) => !c.hidden).map((c) => c.id))].sort()
  const zh = langOf(options.argv ?? []) === 'zh'
  const line = zh ? `没有命令“${word}”；可用的命令：${commands.join('、')}（见 liushou --help）` : `unknown command "${word}"; commands: ${commands.join(', ')} (see liushou --help)`
  process.stderr.write(`liushou: ${errorLine(line)}\n`)
  process.exitCode = 2
}

export default hook
