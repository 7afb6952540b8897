import type {CodeDefinition} from './definition.js'

// Codes about the run's own bookkeeping (docs/architecture.md "Contracts").
export const STATE_CODES = {
  EXCEPTION_STALE: {
    severity: 'info',
    message: {
      zh: '例外记录已不再对应任何问题（{code}，问题编号 {fingerprint}）',
      en: 'Exception no longer matches any finding ({code}, finding id {fingerprint})',
    },
    hint: {
      zh: '问题已不存在（可能已更正）：可从例外文件中删除这一行',
      en: 'The finding is gone (perhaps corrected): the line can be removed from the exceptions file',
    },
  },
} as const satisfies Record<string, CodeDefinition>
