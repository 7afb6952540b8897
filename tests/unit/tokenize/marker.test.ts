import {describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {assertComparableInputs, markerHeader, tokenMarker} from '../../../src/tokens/marker.js'
import {compareRegionTokens, parseRegionToken} from '../../../src/tokens/tokens.js'

const marker = (key: string, keep: string) => tokenMarker({columns: [{index: 0, header: '姓名', field: 'name'}, {index: 1, header: `liushou-tk1 key=${key} keep=${keep}`}]})

describe('the marker of a tokenized file', () => {
  it('names the key fingerprint and what was kept; plain rosters have none', () => {
    expect(markerHeader('0123456789ab', ['birthYear', 'gender', 'county'])).toBe('liushou-tk1 key=0123456789ab keep=birthYear+gender+county')
    expect(marker('0123456789ab', 'birthYear+gender+county')).toEqual({version: 'tk1', key: '0123456789ab', keep: ['birthYear', 'gender', 'county'], column: 1})
    expect(marker('0123456789ab', '')?.keep).toEqual([])
    // Under a two-row header the reader joins a group label in front of it.
    expect(tokenMarker({columns: [{index: 4, header: '母亲/liushou-tk1 key=0123456789ab keep=gender'}]})?.keep).toEqual(['gender'])
    expect(tokenMarker({columns: [{index: 0, header: '姓名', field: 'name'}]})).toBeUndefined()
  })

  it('refuses plain files next to tokenized ones, and files of two keys; warns when the kept items differ', () => {
    const a = marker('0123456789ab', 'birthYear+gender+county')
    const b = marker('ba9876543210', 'birthYear+gender+county')
    const c = marker('0123456789ab', 'gender')
    expect(assertComparableInputs([{file: 'x.csv', marker: undefined}, {file: 'y.csv', marker: undefined}])).toEqual([])
    expect(assertComparableInputs([{file: 'x.csv', marker: a}, {file: 'y.csv', marker: a}])).toEqual([])
    expect(() => assertComparableInputs([{file: 'x.csv', marker: a}, {file: 'plain.csv', marker: undefined}])).toThrow(UserError)
    expect(() => assertComparableInputs([{file: 'x.csv', marker: a}, {file: 'plain.csv', marker: undefined}])).toThrow(/is not tokenized but x\.csv is/)
    expect(() => assertComparableInputs([{file: 'x.csv', marker: a}, {file: 'y.csv', marker: b}])).toThrow(/different keys never match/)
    expect(assertComparableInputs([{file: 'x.csv', marker: a}, {file: 'y.csv', marker: c}])).toEqual([
      'y.csv: kept gender in clear, x.csv birthYear,county,gender: what only one of them kept in clear is not compared',
    ])
  })

  it('region codes kept in clear (--keep village) compare by their digits', () => {
    expect(parseRegionToken('433122108212')).toEqual({county: '433122', code: '433122108212'})
    expect(compareRegionTokens(parseRegionToken('433122108212'), parseRegionToken('433122108213'))).toBe('town')
    expect(compareRegionTokens(parseRegionToken('433122108212'), parseRegionToken('433122108212'))).toBe('village')
    expect(compareRegionTokens(parseRegionToken('433122108212'), parseRegionToken('433123'))).toBe('city')
  })
})
