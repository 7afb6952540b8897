import type {CodeDefinition} from './definition.js'

// Codes of `liushou registry` (docs/registry.md).
export const REGISTRY_CODES = {
  REG_UNCERTAIN: {
    severity: 'warning',
    message: {
      zh: '无法确定是哪一名已登记儿童（{count} 个候选），已给新编号 {childId}',
      en: 'Cannot tell which registered child this is ({count} candidates): given a new number {childId}',
    },
    hint: {
      zh: '核实后，若确是同一儿童，用 liushou registry merge 保留较早的编号；候选见相关行',
      en: 'Check; if it is the same child, keep the older number with liushou registry merge; the candidates are in related',
    },
  },
} as const satisfies Record<string, CodeDefinition>
