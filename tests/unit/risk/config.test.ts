import {describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {DEFAULT_RISK_CONFIG, RISK_FACTORS, loadRiskConfig} from '../../../src/risk/config.js'
import {files} from '../diff/fixtures.js'

function load(name: string, text: string) {
  return loadRiskConfig(files({[name]: text})[name]!)
}

function failure(name: string, text: string): UserError {
  try {
    load(name, text)
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('no error')
}

describe('risk --config', () => {
  it('has a weight for every factor, and left-behind alone stays below high', () => {
    expect(Object.keys(DEFAULT_RISK_CONFIG.weights).sort()).toEqual([...RISK_FACTORS].sort())
    expect(DEFAULT_RISK_CONFIG.weights.RISK_BOTH_PARENTS_AWAY).toBeLessThan(DEFAULT_RISK_CONFIG.levels.medium)
  })

  it('by default, any factor beyond both parents away makes a child at least medium', () => {
    for (const f of RISK_FACTORS) {
      if (f === 'RISK_BOTH_PARENTS_AWAY') continue
      expect(DEFAULT_RISK_CONFIG.weights[f], f).toBeGreaterThanOrEqual(DEFAULT_RISK_CONFIG.levels.medium)
    }
  })

  it('reads YAML and JSON over the defaults; false turns a factor off', () => {
    const yaml = load('risk.yaml', 'levels:\n  high: 8\nfactors:\n  RISK_UNREACHABLE: false\n  RISK_GUARDIAN_ELDERLY: 4\nages:\n  elderlyGuardian: 75\nageLimit: 18\n')
    expect(yaml.levels).toEqual({high: 8, medium: 2})
    expect(yaml.weights.RISK_UNREACHABLE).toBe(0)
    expect(yaml.weights.RISK_GUARDIAN_ELDERLY).toBe(4)
    expect(yaml.weights.RISK_NO_GUARDIAN).toBe(6)
    expect(yaml.ages.elderlyGuardian).toBe(75)
    expect(yaml.ageLimit).toBe(18)
    const json = load('risk.json', '{"levels": {"medium": 2}}')
    expect(json.levels).toEqual({high: 6, medium: 2})
    expect(load('empty.yaml', '').weights).toEqual(DEFAULT_RISK_CONFIG.weights)
  })

  it('names the key and the line of a problem', () => {
    const unknown = failure('risk.yaml', 'levels:\n  high: 8\nfactors:\n  RISK_UNREACHABLE: 2\n  RISK_LONELY: 3\n')
    expect(unknown.message).toMatch(/key "factors": unknown key "RISK_LONELY"/)
    expect(unknown.row).toBe(5)
    const type = failure('risk.json', '{\n  "levels": {\n    "high": "very"\n  }\n}\n')
    expect(type.message).toMatch(/key "levels.high"/)
    expect(type.row).toBe(3)
    expect(failure('risk.yaml', 'ageLimit: 17\n').message).toMatch(/key "ageLimit"/)
    expect(failure('risk.yaml', 'levels: {high: 2, medium: 4}\n').message).toMatch(/key "levels": medium \(4\) must not be above high \(2\)/)
    expect(failure('risk.yaml', 'factors: {RISK_BOTH_PARENTS_AWAY: 9}\n').message).toMatch(/left-behind alone must not make a child high-risk/)
    expect(failure('risk.yaml', 'levels: [1\n').message).toMatch(/is not valid YAML/)
  })

  it('a file that cannot be read is a user error', () => {
    expect(() => loadRiskConfig('/nonexistent/risk.yaml')).toThrow(UserError)
  })
})
