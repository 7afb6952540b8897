import path from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {type FindingInput, type Registry, type StoredFinding, openRegistry} from '../../../src/registry/index.js'
import {tempDirs} from './helpers.js'

const dirs = tempDirs()
afterEach(() => dirs.cleanup())

const A = 'LS430524-0000001'
const B = 'LS430524-0000002'
const C = 'LS430524-0000003'

function finding(fingerprint: string, code: string, childId: string | undefined, extra: Partial<FindingInput> = {}): FindingInput {
  const f: FindingInput = {fingerprint, code, severity: 'error', message: `${code} message`, field: 'idNumber', department: 'civil', dataset: 'civil', file: 'civil.csv', row: 2, ...extra}
  if (childId) f.childId = childId
  return f
}

async function ingest(registry: Registry, asOf: string, findings: FindingInput[]): Promise<{id: number; states: Record<string, string>; all: StoredFinding[]}> {
  const id = await registry.transaction(async (tx) => {
    const info = await tx.beginIngest({asOf, version: 't'})
    await tx.recordFindings(info, findings)
    return info.id
  })
  const all: StoredFinding[] = []
  for await (const f of registry.findings(id)) all.push(f)
  // The state of each by fingerprint, and `fingerprint@firstSeen` for the dates.
  const states = Object.fromEntries(all.map((f) => [`${f.fingerprint}@${f.firstSeen}`, f.state]))
  return {id, states, all}
}

async function fresh(): Promise<Registry> {
  const registry = await openRegistry(path.join(dirs.make(), 'r.duckdb'), {create: true})
  await registry.transaction((tx) => tx.createChildren(['430524', '430524', '430524']))
  return registry
}

describe('finding states', () => {
  it('new, then open with firstSeen kept, then resolved, then new again', async () => {
    const registry = await fresh()
    const first = await ingest(registry, '2026-06-01', [finding('f1', 'ID_CHECKSUM', A), finding('f2', 'PHONE_INVALID', B, {field: 'phone'})])
    expect(first.states).toEqual({'f1@2026-06-01': 'new', 'f2@2026-06-01': 'new'})
    expect(first.all[0]).toMatchObject({lastSeen: '2026-06-01', childId: A, row: 2, severity: 'error', ingestId: first.id, ordinal: 0})

    const second = await ingest(registry, '2026-07-01', [finding('f1', 'ID_CHECKSUM', A), finding('f3', 'NAME_EMPTY', C, {field: 'name'})])
    expect(second.states).toEqual({'f1@2026-06-01': 'open', 'f3@2026-07-01': 'new', 'f2@2026-06-01': 'resolved'})
    expect(second.all.find((f) => f.fingerprint === 'f1')).toMatchObject({lastSeen: '2026-07-01'})
    // The resolved one comes last, as it was last seen.
    expect(second.all.map((f) => [f.fingerprint, f.ordinal, f.lastSeen])).toEqual([
      ['f1', 0, '2026-07-01'],
      ['f3', 1, '2026-07-01'],
      ['f2', 2, '2026-06-01'],
    ])
    expect(await registry.findingCounts(second.id)).toEqual({new: 1, open: 1, resolved: 1, waived: 0})

    const third = await ingest(registry, '2026-08-01', [finding('f1', 'ID_CHECKSUM', A), finding('f2', 'PHONE_INVALID', B, {field: 'phone'})])
    // f2 comes back: new again (it was resolved); f3 resolved; resolved ones are not carried further.
    expect(third.states).toEqual({'f1@2026-06-01': 'open', 'f2@2026-08-01': 'new', 'f3@2026-07-01': 'resolved'})
    const fourth = await ingest(registry, '2026-09-01', [])
    expect(fourth.states).toEqual({'f1@2026-06-01': 'resolved', 'f2@2026-08-01': 'resolved'})
    expect((await ingest(registry, '2026-10-01', [])).all).toEqual([])
    await registry.close()
  })

  it('track by child number, code, field and department: a corrected ID (new fingerprint) stays open', async () => {
    const registry = await fresh()
    await ingest(registry, '2026-06-01', [finding('old-fp', 'GUARDIAN_AGE', A, {field: 'guardianAge'})])
    const next = await ingest(registry, '2026-07-01', [
      finding('new-fp', 'GUARDIAN_AGE', A, {field: 'guardianAge'}),
      // Same code and child, other field or department: separate findings.
      finding('other-field', 'GUARDIAN_AGE', A, {field: 'guardianBirthDate'}),
      finding('other-dept', 'GUARDIAN_AGE', A, {field: 'guardianAge', department: 'education'}),
    ])
    expect(next.states).toEqual({'new-fp@2026-06-01': 'open', 'other-field@2026-07-01': 'new', 'other-dept@2026-07-01': 'new'})
    await registry.close()
  })

  it('count repeated findings of one child in file order, and track file-level ones by fingerprint', async () => {
    const registry = await fresh()
    await ingest(registry, '2026-06-01', [
      finding('d1', 'DUP_ROW', A, {row: 2}),
      finding('d2', 'DUP_ROW', A, {row: 9}),
      finding('file1', 'HEADER_MISSING', undefined, {field: undefined, row: undefined}),
    ])
    const next = await ingest(registry, '2026-07-01', [finding('d1x', 'DUP_ROW', A, {row: 3}), finding('file1', 'HEADER_MISSING', undefined, {field: undefined, row: undefined})])
    expect(next.states).toEqual({'d1x@2026-06-01': 'open', 'file1@2026-06-01': 'open', 'd2@2026-06-01': 'resolved'})
    expect(next.all.find((f) => f.fingerprint === 'file1')).not.toHaveProperty('row')
    expect(next.all.find((f) => f.fingerprint === 'file1')).not.toHaveProperty('childId')
    await registry.close()
  })

  it('follow merges: a finding of the merged-away number continues under the kept one', async () => {
    const registry = await fresh()
    await ingest(registry, '2026-06-01', [finding('f-b', 'PHONE_INVALID', B, {field: 'phone'})])
    await registry.transaction((tx) => tx.merge({keep: A, other: B, by: '张', reason: '同一人'}))
    const next = await ingest(registry, '2026-07-01', [finding('f-a', 'PHONE_INVALID', A, {field: 'phone'})])
    expect(next.states).toEqual({'f-a@2026-06-01': 'open'})
    await registry.close()
  })

  it('waive by fingerprint, and keep waiving after the fingerprint changes', async () => {
    const registry = await fresh()
    await ingest(registry, '2026-06-01', [finding('f1', 'ID_CHECKSUM', A), finding('f2', 'PHONE_INVALID', B, {field: 'phone'})])
    const waiver = await registry.transaction((tx) => tx.waive({fingerprint: 'f1', reason: '已核实', by: '王', date: '2026-06-05'}, '2026-06-05T02:00:00Z'))
    // What the waiver was recorded for comes from the finding.
    expect(waiver).toEqual({fingerprint: 'f1', reason: '已核实', by: '王', date: '2026-06-05', code: 'ID_CHECKSUM', field: 'idNumber', department: 'civil', childId: A})
    expect(await registry.waivers()).toEqual([waiver])
    const next = await ingest(registry, '2026-07-01', [finding('f1-new', 'ID_CHECKSUM', A), finding('f2', 'PHONE_INVALID', B, {field: 'phone'})])
    expect(next.states).toEqual({'f1-new@2026-06-01': 'waived', 'f2@2026-06-01': 'open'})
    // Waived ones can be left out when reading.
    const open = []
    for await (const f of registry.findings(next.id, ['new', 'open'])) open.push(f.fingerprint)
    expect(open).toEqual(['f2'])
    // A waiver for a fingerprint never seen still matches by fingerprint.
    await registry.transaction((tx) => tx.waive({fingerprint: 'f2', reason: 'r', by: 'b', date: '2026-07-02'}))
    await registry.transaction((tx) => tx.waive({fingerprint: 'future', reason: 'r', by: 'b', date: '2026-07-02'}))
    const third = await ingest(registry, '2026-08-01', [finding('f2', 'PHONE_INVALID', B, {field: 'phone'}), finding('future', 'X', C, {field: 'x'})])
    expect(third.states).toEqual({'f2@2026-06-01': 'waived', 'future@2026-08-01': 'waived'})
    // A waived finding that disappears is not reported resolved.
    const fourth = await ingest(registry, '2026-09-01', [])
    expect(fourth.all).toEqual([])
    await registry.close()
  })

  it('keep the detail, refuse recording an ingest twice, and roll back with the transaction', async () => {
    const registry = await fresh()
    const detail = {hint: '核对', value: '4305********1234', related: [{dataset: 'edu', file: 'edu.csv', row: 3}]}
    const first = await ingest(registry, '2026-06-01', [finding('f1', 'ID_CHECKSUM', A, {detail})])
    expect(first.all[0]!.detail).toEqual(detail)
    expect(await registry.findingByFingerprint('f1')).toMatchObject({fingerprint: 'f1', ingestId: first.id, detail})
    await expect(registry.transaction((tx) => tx.recordFindings({id: first.id, asOf: '2026-06-01'}, []))).rejects.toThrow(/already recorded/)
    await expect(
      registry.transaction(async (tx) => {
        const info = await tx.beginIngest({asOf: '2026-07-01', version: 't'})
        await tx.recordFindings(info, [finding('f9', 'X', A)])
        throw new Error('cross-check failed')
      }),
    ).rejects.toThrow('cross-check failed')
    expect((await registry.ingests()).map((i) => i.id)).toEqual([first.id])
    expect(await registry.findingByFingerprint('f9')).toBeUndefined()
    // The next ingest compares with the last committed one.
    const next = await ingest(registry, '2026-07-01', [finding('f1', 'ID_CHECKSUM', A)])
    expect(next.states).toEqual({'f1@2026-06-01': 'open'})
    await registry.close()
  })

  it('give many findings their states in SQL', async () => {
    const registry = await fresh()
    const many = (n: number, offset: number): FindingInput[] =>
      Array.from({length: n}, (_, i) => finding(`fp${i + offset}`, 'CODE', undefined, {row: i + 2, field: undefined}))
    await ingest(registry, '2026-06-01', many(30_000, 0))
    const next = await ingest(registry, '2026-07-01', many(30_000, 10_000))
    expect(await registry.findingCounts(next.id)).toEqual({new: 10_000, open: 20_000, resolved: 10_000, waived: 0})
    await registry.close()
  })

  it('refuse to record states that cannot be told apart, rather than pair texts and states wrongly', async () => {
    const registry = await fresh()
    // Two findings of one ingest under one fingerprint and no child (a report's fingerprints are
    // unique: this is a bug upstream): which of them the next one continues is undecidable.
    await ingest(registry, '2026-06-01', [finding('same', 'X', undefined), finding('same', 'X', undefined, {row: 3})])
    await expect(ingest(registry, '2026-07-01', [finding('same', 'X', undefined), finding('other', 'Y', undefined)])).rejects.toThrow(/out of step/)
    expect((await registry.ingests()).length).toBe(1)
    await registry.close()
  })
})

describe('findings a batch at a time, and counted for a report', () => {
  it('record in batches as in one call; tally by severity, code and state in first-seen order; list the open errors and warnings', async () => {
    const [one, batches] = [await fresh(), await fresh()]
    const june = [finding('f1', 'ID_CHECKSUM', A), finding('f2', 'PHONE_INVALID', B, {field: 'phone', severity: 'warning'})]
    const july = [finding('f1', 'ID_CHECKSUM', A), finding('i1', 'NOT_CANONICAL', C, {severity: 'info', field: 'birthDate'}), finding('f3', 'NAME_FORMAT', C, {field: 'name'})]
    for (const registry of [one, batches]) await ingest(registry, '2026-06-01', june)
    const whole = await ingest(one, '2026-07-01', july)
    const id = await batches.transaction(async (tx) => {
      const info = await tx.beginIngest({asOf: '2026-07-01', version: 't'})
      const recorder = await tx.findingRecorder(info)
      await recorder.add(july.slice(0, 2))
      await recorder.add([])
      await recorder.add(july.slice(2))
      expect(await recorder.finish()).toEqual({new: 2, open: 1, resolved: 1, waived: 0})
      await expect(recorder.add(july)).rejects.toThrow(/recorded already/)
      return info.id
    })
    const all: StoredFinding[] = []
    for await (const f of batches.findings(id)) all.push(f)
    expect(all).toEqual(whole.all)

    await batches.transaction((tx) => tx.waive({fingerprint: 'f3', reason: 'checked', by: 't', date: '2026-07-02'}))
    expect(await batches.findingTally(id)).toEqual([
      {severity: 'error', code: 'ID_CHECKSUM', state: 'open', n: 1, first: 0},
      {severity: 'info', code: 'NOT_CANONICAL', state: 'new', n: 1, first: 1},
      {severity: 'error', code: 'NAME_FORMAT', state: 'waived', n: 1, first: 2},
      {severity: 'warning', code: 'PHONE_INVALID', state: 'resolved', n: 1, first: 3},
    ])
    const listed: string[] = []
    for await (const f of batches.listedFindings(id)) listed.push(f.fingerprint)
    expect(listed).toEqual(['f1'])
    await one.close()
    await batches.close()
  })
})

describe('where each finding is recorded', () => {
  it('by its place (block, file, row, level), then in the order staged; carried ones at their rows and levels', async () => {
    const registry = await fresh()
    const at = (block: number, file: number, row: number, level = 0) => ({place: {block, file, row, level}})
    const june = await ingest(registry, '2026-06-01', [
      finding('n1', 'NOT_CANONICAL', A, {row: 3, severity: 'info', field: 'birthDate', ...at(0, 0, 3, 2)}),
      finding('n2', 'NOT_CANONICAL', B, {row: 5, severity: 'info', field: 'phone', ...at(0, 0, 5, 2)}),
    ])
    expect(june.all.map((f) => f.fingerprint)).toEqual(['n1', 'n2'])
    const id = await registry.transaction(async (tx) => {
      const info = await tx.beginIngest({asOf: '2026-07-01', version: 't'})
      await tx.snapshotWriter({department: 'civil', asOf: '2026-06-01', ingestId: info.id, files: [{name: 'civil.csv', sha256: 's', dataset: 'civil', header: ['a'], fields: [null]}]}).then((w) => w.finish())
      const recorder = await tx.findingRecorder(info)
      expect(recorder.previousIngest).toBe(june.id)
      // Staged out of order: the crosscheck's first, then validate's, a row's later levels before its others.
      await recorder.add([finding('x1', 'XC_NOT_ENROLLED', A, at(1, 0, 0))])
      await recorder.add([finding('a5', 'AGE_OUT_OF_RANGE', B, {row: 5, field: 'birthDate', ...at(0, 0, 5, 1)}), finding('e5', 'ID_CHECKSUM', B, {row: 5, ...at(0, 0, 5)}), finding('e2', 'NAME_FORMAT', C, {row: 2, field: 'name', ...at(0, 0, 2)}), finding('h', 'HEADER_UNKNOWN', undefined, {row: 1, ...at(0, -1, 1)})])
      // The June infos carried from the previous ingest to their rows 3 and 5, last in each (level 2).
      await recorder.carry({snapshotId: 1, department: 'civil'}, [{code: 'ID_CHECKSUM', level: 0}, {code: 'NOT_CANONICAL', level: 2}], 0)
      await recorder.finish()
      return info.id
    })
    const all: StoredFinding[] = []
    for await (const f of registry.findings(id)) all.push(f)
    expect(all.map((f) => [f.fingerprint, f.ordinal, f.state])).toEqual([
      ['h', 0, 'new'],
      ['e2', 1, 'new'],
      ['n1', 2, 'open'],
      ['e5', 3, 'new'],
      ['a5', 4, 'new'],
      ['n2', 5, 'open'],
      ['x1', 6, 'new'],
    ])
    await registry.close()
  })

  it('settled in steps: the same states, order and counts per child as recorded at once; an earlier block after a settle is refused', async () => {
    const june = [finding('v1', 'ID_CHECKSUM', A), finding('v2', 'ID_CHECKSUM', A, {row: 3}), finding('x1', 'XC_NOT_ENROLLED', A, {field: 'schoolStatus'})]
    const july = [
      {...finding('v1', 'ID_CHECKSUM', A), place: {block: 0, file: 0, row: 2, level: 0}},
      {...finding('v2', 'ID_CHECKSUM', A, {row: 3}), place: {block: 0, file: 0, row: 3, level: 0}},
      {...finding('v3', 'ID_CHECKSUM', B, {row: 4}), place: {block: 1, file: 0, row: 4, level: 0}},
      // Of a code validate also found for the child: its n counts on from validate's (two), so it is new.
      {...finding('x2', 'ID_CHECKSUM', A, {row: 9}), place: {block: 2, file: 0, row: 0, level: 0}},
      {...finding('x1', 'XC_NOT_ENROLLED', A, {field: 'schoolStatus'}), place: {block: 2, file: 0, row: 0, level: 0}},
    ]
    const run = async (steps: number[][]) => {
      const registry = await fresh()
      await ingest(registry, '2026-06-01', june)
      const id = await registry.transaction(async (tx) => {
        const info = await tx.beginIngest({asOf: '2026-07-01', version: 't'})
        const recorder = await tx.findingRecorder(info)
        for (const [k, step] of steps.entries()) {
          await recorder.add(step.map((i) => july[i]!))
          if (k < steps.length - 1) await recorder.settle()
        }
        await recorder.finish()
        return info.id
      })
      const all: StoredFinding[] = []
      for await (const f of registry.findings(id)) all.push(f)
      await registry.close()
      return all.map((f) => [f.fingerprint, f.ordinal, f.state, f.firstSeen])
    }
    const once = await run([[4, 3, 2, 1, 0]])
    expect(once).toEqual([
      ['v1', 0, 'open', '2026-06-01'],
      ['v2', 1, 'open', '2026-06-01'],
      ['v3', 2, 'new', '2026-07-01'],
      // One place: in the order staged.
      ['x1', 3, 'open', '2026-06-01'],
      ['x2', 4, 'new', '2026-07-01'],
    ])
    expect(await run([[1, 0], [2], [4, 3]])).toEqual(once)
    expect(await run([[0, 1, 2], [], [4, 3]])).toEqual(once)

    const registry = await fresh()
    await expect(
      registry.transaction(async (tx) => {
        const recorder = await tx.findingRecorder(await tx.beginIngest({asOf: '2026-07-01', version: 't'}))
        await recorder.add([july[2]!])
        await recorder.settle()
        await recorder.add([july[0]!])
        await recorder.finish()
      }),
    ).rejects.toThrow(/block 0 staged after block 1/)
    await registry.close()
  })
})
