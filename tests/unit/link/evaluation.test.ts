import {describe, expect, it} from 'vitest'

import {generatePopulation, pairwiseQuality} from '../../../src/sample/linkage-population.js'
import {linkStore} from '../../../src/link/link.js'
import {storeFromPopulation} from './helpers.js'

// A labelled population with known truth: families in real villages with twins, siblings sharing
// a 字辈 character, common same-name children in one county, and children listed again (in the
// same file or another department's) with homophones, look-alike and traditional characters, ID
// typos and swaps, Excel damage, missing IDs, other date formats, lunar birthdays, another
// village or guardian. Pairwise precision and recall of the match clusters, and twin merges.

function evaluate(options: Parameters<typeof generatePopulation>[0]) {
  const pop = generatePopulation(options)
  const {store, truth} = storeFromPopulation(pop)
  const link = linkStore(store)
  const clusters = link.clustering.clusters
  return pairwiseQuality(
    truth,
    clusters.filter((c) => c.decision === 'match').map((c) => c.members),
    pop.twins,
    clusters.filter((c) => c.decision === 'possible').map((c) => c.members),
  )
}

describe('evaluation on labelled synthetic populations', () => {
  it('one fault per duplicate row, three departments: precision ≥ 0.99, recall ≥ 0.95, no twins merged', () => {
    const q = evaluate({children: 4000, seed: 101, files: ['civil-affairs', 'education', 'public-security'], faultsPerDuplicate: [1]})
    expect(q.truePairs).toBeGreaterThan(500)
    expect(q.precision).toBeGreaterThanOrEqual(0.99)
    expect(q.recall).toBeGreaterThanOrEqual(0.95)
    expect(q.twinsMerged).toBe(0)
  })

  it('one or two faults per duplicate row: precision ≥ 0.99, recall ≥ 0.95, no twins merged', () => {
    const q = evaluate({children: 4000, seed: 202, files: ['roster'], faultsPerDuplicate: [1, 2]})
    expect(q.precision).toBeGreaterThanOrEqual(0.99)
    expect(q.recall).toBeGreaterThanOrEqual(0.95)
    expect(q.twinsMerged).toBe(0)
  })

  it('up to three faults per duplicate row, three departments: precision ≥ 0.99, recall ≥ 0.95, no twins merged', () => {
    const q = evaluate({children: 3000, seed: 303, files: ['civil-affairs', 'education', 'public-security'], faultsPerDuplicate: [1, 1, 2, 2, 2, 3]})
    expect(q.precision).toBeGreaterThanOrEqual(0.99)
    expect(q.recall).toBeGreaterThanOrEqual(0.95)
    expect(q.twinsMerged).toBe(0)
  })

  it('up to three faults per duplicate row in one roster: precision holds, no twins merged, the rest waits as possible', () => {
    const q = evaluate({children: 4000, seed: 404, files: ['roster'], faultsPerDuplicate: [1, 1, 2, 2, 2, 3]})
    expect(q.precision).toBeGreaterThanOrEqual(0.99)
    expect(q.twinsMerged).toBe(0)
    expect(q.recall).toBeGreaterThanOrEqual(0.88)
    // What match misses (a changed name and no ID: twins look exactly like that) is offered for review.
    expect(q.correctPairs + q.possiblePairs).toBeGreaterThanOrEqual(0.97 * q.truePairs)
  })
})
