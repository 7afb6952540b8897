import {type Command, Help, type Interfaces} from '@oclif/core'

import type {Lang} from '../src/findings/model.js'
import {langOf} from '../src/options.js'
import {type CommandZh, FLAGS_ZH, TOPICS_ZH} from './_zh.js'

// --help in the run's language (`--lang zh`, or a Chinese locale): each command class carries its
// Chinese summary, description, examples and flag help in `static zh` (beside the English ones, so
// that one file holds both), shared flags theirs in _zh.ts; oclif's own words (section headers,
// "[default: …]") are put into Chinese here.

const HEADERS_ZH: Record<string, string> = {
  USAGE: '用法',
  ARGUMENTS: '参数',
  FLAGS: '选项',
  'GLOBAL FLAGS': '通用选项',
  DESCRIPTION: '说明',
  EXAMPLES: '示例',
  ALIASES: '别名',
  'FLAG DESCRIPTIONS': '选项说明',
  VERSION: '版本',
  TOPICS: '主题',
  COMMANDS: '命令',
}

// Commands of plugins (shell completion), which carry no `zh` of their own.
const PLUGIN_ZH: Record<string, CommandZh> = {
  autocomplete: {
    summary: '显示命令行自动补全（bash、zsh、PowerShell）的安装方法',
    description: '打印一行需要加入 ~/.bashrc（zsh 为 ~/.zshrc，PowerShell 为 $PROFILE）的配置；更新 liushou 后运行 liushou autocomplete --refresh-cache。',
    examples: [
      {description: '显示 bash 的安装方法', command: '<%= config.bin %> autocomplete bash'},
      {description: '显示 zsh 的安装方法', command: '<%= config.bin %> autocomplete zsh'},
      {description: '更新补全缓存', command: '<%= config.bin %> autocomplete --refresh-cache'},
    ],
    flags: {'refresh-cache': '只重建补全缓存（忽略 SHELL 参数）'},
    args: {shell: '要显示安装方法的 shell'},
  },
}

const ROOT_ZH = '核查、规范、去重和比对农村留守儿童花名册（民政、教育、公安等部门的名单），逐行指出哪一行有什么问题、为什么、怎样改正。'

/** A cached command in Chinese: summary, description, examples, flag and argument help. */
export function commandInChinese<T extends Command.Loadable | Command.Cached>(command: T): T {
  const zh = (command as unknown as {zh?: CommandZh}).zh ?? PLUGIN_ZH[command.id]
  const copy: T = {...command, flags: {...command.flags}, args: {...command.args}}
  if (zh) {
    copy.summary = zh.summary
    copy.description = zh.description
    if (zh.examples) copy.examples = zh.examples
  }
  for (const [name, flag] of Object.entries(command.flags)) {
    const text = zh?.flags?.[name] ?? FLAGS_ZH[name]
    if (text !== undefined) copy.flags[name] = {...flag, description: text, summary: undefined} as typeof flag
  }
  for (const [name, arg] of Object.entries(command.args)) {
    const text = zh?.args?.[name]
    if (text !== undefined) copy.args[name] = {...arg, description: text}
  }
  return copy
}

/** oclif's own words in a help text, in Chinese. */
export function helpTextInChinese(text: string): string {
  return text
    .split('\n')
    .map((line) => HEADERS_ZH[line] ?? line.replace(/^(\S+ )?(GLOBAL FLAGS|FLAGS)$/, (_m, group: string | undefined, h: string) => `${group ?? ''}${HEADERS_ZH[h]}`))
    .join('\n')
    .replace(/\[default: ([^\]]*)\]/g, '[默认：$1]')
    .replace(/<options: ([^>]*)>/g, '<可选：$1>')
    // `=<value>` stays: oclif has aligned the flag list on it already.
    .replace(/\[COMMAND\]/g, '[命令]')
}

export default class LiushouHelp extends Help {
  private lang: Lang = langOf(process.argv.slice(2))

  constructor(config: Interfaces.Config, options: Partial<Interfaces.HelpOptions> = {}) {
    super(config, options)
  }

  override async showHelp(argv: string[]): Promise<void> {
    this.lang = langOf(argv)
    // `--lang zh` is not a help subject: oclif would take its value for a command's name.
    const rest: string[] = []
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === '--lang') i++
      else if (!argv[i]!.startsWith('--lang=')) rest.push(argv[i]!)
    }
    return super.showHelp(rest)
  }

  override async showCommandHelp(command: Command.Loadable): Promise<void> {
    return super.showCommandHelp(this.lang === 'zh' ? commandInChinese(command) : command)
  }

  override formatCommand(command: Command.Loadable): string {
    const text = super.formatCommand(command)
    return this.lang === 'zh' ? helpTextInChinese(text) : text
  }

  override formatCommands(commands: Command.Loadable[]): string {
    if (this.lang !== 'zh') return super.formatCommands(commands)
    return helpTextInChinese(super.formatCommands(commands.map((c) => commandInChinese(c))))
  }

  override formatTopic(topic: Interfaces.Topic): string {
    if (this.lang !== 'zh') return super.formatTopic(topic)
    return helpTextInChinese(super.formatTopic({...topic, description: TOPICS_ZH[topic.name] ?? topic.description}))
  }

  override formatTopics(topics: Interfaces.Topic[]): string {
    if (this.lang !== 'zh') return super.formatTopics(topics)
    return helpTextInChinese(super.formatTopics(topics.map((t) => ({...t, description: TOPICS_ZH[t.name] ?? t.description}))))
  }

  override formatRoot(): string {
    const text = super.formatRoot()
    if (this.lang !== 'zh') return text
    const description = this.config.pjson.description ?? ''
    return helpTextInChinese(description ? text.replace(description, ROOT_ZH) : text)
  }
}
