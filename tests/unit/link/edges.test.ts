import {describe, expect, it} from 'vitest'

import {EDGE, EdgeList, weightOf} from '../../../src/link/edges.js'

describe('EdgeList', () => {
  it('gives back every edge it was given, past its first capacity', () => {
    const list = new EdgeList(2)
    for (let i = 0; i < 5; i++) list.add(i, i + 10, 0.5 + i / 10, i - 1.5, -i / 4, 3 * i, i % 2 ? EDGE.MATCH | EDGE.CORROBORATED : EDGE.BRIDGE)
    expect(list.length).toBe(5)
    expect(list.at(3)).toEqual({a: 3, b: 13, probability: 0.8, match: true, pattern: 9, weight: 1.5, tf: -0.75, corroborated: true})
    expect(list.at(4)).toEqual({a: 4, b: 14, probability: 0.9, match: false, pattern: 12, weight: 2.5, tf: -1, corroborated: false, bridge: true})
    expect([...list].map((e) => e.a)).toEqual([0, 1, 2, 3, 4])
    expect(list.columns().b).toEqual(new Int32Array([10, 11, 12, 13, 14]))
  })

  it('demotes a match and nothing else', () => {
    const list = EdgeList.of([{a: 0, b: 1, probability: 0.99, match: true, bridge: true}])
    list.demote(0)
    expect(list.isMatch(0)).toBe(false)
    expect(list.flags(0)).toBe(EDGE.BRIDGE)
  })

  it('orders an edge without a weight by the log-odds of its probability', () => {
    expect(weightOf({a: 0, b: 1, probability: 0.8, match: true})).toBeCloseTo(2, 12)
    expect(EdgeList.of([{a: 0, b: 1, probability: 0.8, match: true, weight: 7}]).weight(0)).toBe(7)
  })
})
