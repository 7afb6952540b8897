// The Chinese side of --help (commands/_help.ts): what a command class says in `static zh`, and the
// help of the flags several commands share, by flag name. The English texts are where the flags are
// declared (_base.ts, _flags.ts); a test checks that every flag of every command has both.

/** A command's help in Chinese, beside its English `summary`, `description` and `examples`. */
export interface CommandZh {
  summary: string
  description: string
  examples?: {description: string; command: string}[]
  /** Flag name → help, for the command's own flags (shared ones are in FLAGS_ZH). */
  flags?: Record<string, string>
  /** Argument name → help. */
  args?: Record<string, string>
}

export const EXIT_CODES_ZH = `退出码
  0    运行完成；没有达到 --fail-on 级别的问题（已豁免、已知、已解决的问题不计）
  1    有达到 --fail-on 级别的问题（默认：错误）
  2    用法或配置有误，或输入文件完全无法读取
  129  被 SIGHUP 终止，130 被 Ctrl-C（SIGINT）终止，143 被 SIGTERM 终止：不留下不完整的输出
  管道读取方提前关闭（如 | head）时输出静默结束，退出码仍按问题计算。`

/** Flags of every report command (_base.ts) and the shared ones (_flags.ts). */
export const FLAGS_ZH: Record<string, string> = {
  'as-of': '计算年龄的基准日期，YYYY-MM-DD（默认：北京时间今天）',
  lang: '提示信息的语言（默认：系统语言为中文时用 zh，否则 en）',
  mask: '报告中的脱敏：ids（身份证号和电话）、all（另加姓名和村级以下地址）、none（不脱敏）',
  format: '报告格式：table、json、csv、xlsx、html、junit（默认：按报告文件的扩展名；输出到终端时为 table，否则 json）',
  json: '等同于 --format json',
  output: '把报告写入此文件（原子写入）；扩展名决定格式（.json .csv .xlsx .html .xml，其他扩展名：json）',
  limit: '表格最多列出的问题条数（默认：输出到终端时 50 条，否则全部；0 表示全部）',
  'fail-on': '达到此级别的问题使退出码为 1：error、warning、info、never',
  'include-info': '同时列出“提示”级别的问题（汇总中始终计数）',
  encoding: '强制指定 CSV/TSV 输入的编码（utf8、utf8-bom、gb18030、gbk、utf16le、utf16be）；默认自动识别',
  sheet: '.xlsx 输入的工作表，按名称或从 1 开始的序号（默认：第一个可见工作表）',
  columns: '表头对应关系的 JSON 文件：{"原表头": "idNumber"}',
  exceptions: '例外文件（JSON Lines，每行一个 {fingerprint, reason, by, date}）：与之匹配的问题记为已豁免',
  baseline: '此前的 JSON 报告：其中已有的问题记为已知，只有新问题决定退出码',
  debug: '内部错误时显示调用栈',
  match: '两行判为同一儿童的匹配概率下限，大于 0、不超过 1',
  possible: '两行列为待核查的匹配概率下限，大于 0、不超过 --match',
  'age-limit': '超出范围的年龄：16（留守儿童）或 18（困境儿童）',
  'output-encoding': 'CSV/TSV 输出的编码：utf8-bom（Excel 可直接打开）、utf8、gb18030',
  'in-place': '允许 --output 与输入文件相同（原子替换）',
  report: '把报告写入此文件而不是标准输出；扩展名决定格式（.json .csv .xlsx .html .xml，其他扩展名：json）',
  kind: '名单的类型，决定适用的规则：left-behind（留守儿童名册，适用 AGE_OUT_OF_RANGE 和 NOT_LEFT_BEHIND）、 student（学籍）、 household（户籍）、 other。默认按部门：民政 → left-behind，教育 → student，公安 → household，其他部门 → other；未写部门的文件 → left-behind',
  packets: '另为每个接收单位写一份核实单工作簿，存入此新建的或空的文件夹，供其核实和答复（见 docs/packets.md）',
  'packets-by': '核实单发给谁：unit（该行的填报单位，没有时为所在村）、town（乡镇）、village（村）或 department（部门）',
  deadline: '核实单的答复期限，YYYY-MM-DD（写在封面上）',
  registry: '数据库文件（默认：环境变量 LIUSHOU_REGISTRY，否则当前文件夹下的 liushou.duckdb）',
}

/** Topics (folders of commands) in Chinese, for the root help. */
export const TOPICS_ZH: Record<string, string> = {
  registry: '基础信息数据库：每个儿童在各期快照和各部门间使用同一个稳定编号',
}
