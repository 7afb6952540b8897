import {readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {ESLint} from 'eslint'
import {describe, expect, it} from 'vitest'

import {ROOT} from '../../helpers/cli.js'

// @ts-expect-error a plain JS module of the lint configuration, without types
import {placeOf, readLayers} from '../../../eslint/layers.js'

type Layer = {rank: number; name: string; peers: boolean; paths: string[]}
const layers = readLayers() as Layer[]

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`
    return statSync(path.join(ROOT, rel)).isDirectory() ? filesUnder(rel) : [rel]
  })
}

async function lint(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({cwd: ROOT})
  const [result] = await eslint.lintText(code, {filePath: path.join(ROOT, filePath)})
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/boundaries').map((m) => m.message)
}

describe('the layers of docs/architecture.md', () => {
  it('place every file of src/ and commands/ on exactly one layer, bottom first', () => {
    expect(layers.map((l) => l.rank)).toEqual([...layers.map((l) => l.rank)].sort((a, b) => a - b))
    for (const file of [...filesUnder('src'), ...filesUnder('commands')].filter((f) => f.endsWith('.ts'))) {
      expect(placeOf(layers, file), file).toBeDefined()
    }
  })

  it('refuse an import from a lower layer up to a higher one', async () => {
    const messages = await lint('src/cn/wrong-way.ts', "import {RecordStore} from '../link/records.js'\nexport const x = RecordStore\n")
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(/src\/cn\/wrong-way\.ts \(layer 4 cn\) imports src\/link\/records\.ts from a higher layer \(11 link\)/)
  })

  it('refuse an import between two features, and oclif in src/', async () => {
    expect(await lint('src/diff/peer.ts', "export {assessRisk} from '../risk/risk.js'\n")).toEqual([expect.stringMatching(/never import each other/)])
    expect(await lint('src/rules/cli.ts', "import {Command} from '@oclif/core'\nexport const c = Command\n")).toEqual([expect.stringMatching(/never imports oclif/)])
  })

  it('let imports go down, and within a folder', async () => {
    expect(await lint('src/link/fine.ts', "import {analyzeId} from '../cn/id-number.js'\nimport {RecordStore} from './records.js'\nexport const x = [analyzeId, RecordStore]\n")).toEqual([])
    expect(await lint('commands/fine.ts', "import {crosscheck} from '../src/crosscheck/crosscheck.js'\nexport const x = crosscheck\n")).toEqual([])
  })
})
