import {readFileSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {ROOT} from '../../helpers/cli.js'

// The shape of src/link: the engine reads records through one interface (representation.ts),
// implemented twice — plain/ and tokenized/ — which never import each other; only the loader
// picks one; nothing in src/link imports src/tokenize (the token format is src/tokens, below);
// and no two modules import each other, however indirectly.

const LINK = 'src/link'

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`
    return statSync(path.join(ROOT, rel)).isDirectory() ? filesUnder(rel) : rel.endsWith('.ts') ? [rel] : []
  })
}

/** Every module `file` imports or re-exports from (type-only imports too), as paths from the root. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8')
  const out: string[] = []
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gms)) {
    const source = m[1]!
    if (!source.startsWith('.')) continue
    out.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), source)).replace(/\.js$/, '.ts'))
  }
  return out
}

const files = filesUnder(LINK)
const graph = new Map(files.map((f) => [f, importsOf(f)]))

/** The import cycles among `nodes` (each as a path of files, first repeated last). */
function cycles(edges: Map<string, string[]>): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (f: string): void => {
    state.set(f, 'open')
    stack.push(f)
    for (const g of edges.get(f) ?? []) {
      if (!edges.has(g)) continue
      if (state.get(g) === 'open') found.push([...stack.slice(stack.indexOf(g)), g])
      else if (state.get(g) === undefined) visit(g)
    }
    stack.pop()
    state.set(f, 'done')
  }
  for (const f of edges.keys()) if (state.get(f) === undefined) visit(f)
  return found
}

describe('the imports of src/link', () => {
  it('are read (the test sees the imports it checks)', () => {
    expect(graph.get(`${LINK}/load.ts`)).toContain(`${LINK}/plain/plain.ts`)
    expect(graph.get(`${LINK}/plain/plain.ts`)).toContain(`${LINK}/representation.ts`)
  })

  it('form no circle', () => {
    expect(cycles(graph).map((c) => c.join(' -> '))).toEqual([])
  })

  it('never join plain and tokenized: neither imports the other', () => {
    for (const [file, imports] of graph) {
      for (const [from, to] of [
        ['plain', 'tokenized'],
        ['tokenized', 'plain'],
      ] as const) {
        if (file.startsWith(`${LINK}/${from}/`)) expect(imports.filter((i) => i.startsWith(`${LINK}/${to}/`)), file).toEqual([])
      }
    }
  })

  it('choose a representation in one place: the engine imports neither, the loader both', () => {
    for (const [file, imports] of graph) {
      if (file.startsWith(`${LINK}/plain/`) || file.startsWith(`${LINK}/tokenized/`) || file === `${LINK}/load.ts`) continue
      expect(imports.filter((i) => i.startsWith(`${LINK}/plain/`) || i.startsWith(`${LINK}/tokenized/`)), file).toEqual([])
    }
  })

  it('take nothing from src/tokenize', () => {
    for (const [file, imports] of graph) expect(imports.filter((i) => i.startsWith('src/tokenize/')), file).toEqual([])
  })

  it('leave tokens to the tokenized representation: no other module of src/ reads a store’s tokens', () => {
    for (const file of filesUnder('src')) {
      if (file.startsWith(`${LINK}/tokenized/`) || file.startsWith('src/tokens/') || file.startsWith('src/tokenize/')) continue
      expect(readFileSync(path.join(ROOT, file), 'utf8'), file).not.toMatch(/\b(?:s|store)\.tokens\b|TokenColumns/)
    }
  })

  it('finds a circle when there is one (the check can fail)', () => {
    const edges = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ])
    expect(cycles(edges)).toEqual([['a', 'b', 'c', 'a']])
  })
})
