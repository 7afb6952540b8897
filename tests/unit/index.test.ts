import {describe, expect, it} from 'vitest'

import * as liushou from '../../src/index.js'

describe('the library entry point', () => {
  it('exposes the commands and primitives without the CLI', () => {
    for (const name of ['validateFiles', 'normalizeFile', 'openRoster', 'analyzeId', 'parseDate', 'maskReport', 'renderReport', 'describeSchema'] as const) {
      expect(typeof liushou[name]).toBe('function')
    }
    expect(liushou.analyzeId('11010519491231002X').canonical).toBe('11010519491231002X')
    const care = liushou.readCare((field) => ({fatherStatus: '外出务工', motherWorkplace: '在家（残疾）'})[field])
    expect([care.mother.state, liushou.careBasis(care), liushou.leftBehindState(care)]).toEqual(['home-incapable', 'one-away-other-incapable', 'yes'])
  })
})
