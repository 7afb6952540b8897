// The import-boundary rule of `npm run lint`: the layers are read from the table of
// docs/architecture.md (one row a layer, bottom first, its paths in backticks), so the map and
// the rule cannot drift apart. A module may import from its own folder and from lower layers;
// folders on a layer named "(peers)" do not import each other; src/ never imports oclif.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DOC = path.join(ROOT, 'docs/architecture.md')

/** The layers of the table: [{rank, name, peers, paths}], bottom first. */
export function readLayers(text = readFileSync(DOC, 'utf8')) {
  const start = text.indexOf('<!-- layers')
  if (start < 0) throw new Error('docs/architecture.md has no "<!-- layers" table')
  const layers = []
  for (const line of text.slice(start).split('\n').slice(1)) {
    if (layers.length > 0 && !line.startsWith('|')) break
    const m = /^\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|([^|]+)\|/.exec(line)
    if (!m) continue
    const paths = [...m[3].matchAll(/`([^`]+)`/g)].map((p) => p[1])
    layers.push({rank: Number(m[1]), name: m[2], peers: /\(peers\)/.test(m[2]), paths})
  }
  if (layers.length === 0) throw new Error('docs/architecture.md: the layers table is empty')
  return layers
}

/** The layer and the path (folder or file) of the table that holds `file` (relative to the root). */
export function placeOf(layers, file) {
  let best
  for (const layer of layers) {
    for (const p of layer.paths) {
      const hit = p.endsWith('/') ? file.startsWith(p) : file === p
      if (hit && (!best || p.length > best.unit.length)) best = {layer, unit: p}
    }
  }
  return best
}

/** Why importing `to` from `from` breaks the layering, or undefined when it does not. */
export function violation(layers, from, to) {
  const a = placeOf(layers, from)
  const b = placeOf(layers, to)
  if (!a || !b || a.unit === b.unit) return undefined
  if (b.layer.rank > a.layer.rank) return `${from} (layer ${a.layer.rank} ${a.layer.name}) imports ${to} from a higher layer (${b.layer.rank} ${b.layer.name}); see docs/architecture.md`
  if (b.layer.rank === a.layer.rank && a.layer.peers) return `${from} imports ${to}: the folders of layer ${a.layer.rank} (${a.layer.name}) never import each other; move what they share lower (docs/architecture.md)`
  return undefined
}

const rule = {
  meta: {
    type: 'problem',
    docs: {description: 'imports follow the layers of docs/architecture.md'},
    schema: [
      {
        type: 'object',
        properties: {allow: {type: 'array', items: {type: 'object', properties: {from: {type: 'string'}, to: {type: 'string'}, why: {type: 'string'}}, required: ['from', 'to', 'why']}}},
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const layers = readLayers()
    const allow = context.options[0]?.allow ?? []
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/')
    const inSrc = file.startsWith('src/')
    const check = (node, source) => {
      if (typeof source !== 'string') return
      if (inSrc && /^@oclif\//.test(source)) {
        context.report({node, message: `${file} imports ${source}: src/ is a library and never imports oclif (docs/architecture.md)`})
        return
      }
      if (!source.startsWith('.')) return
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), source)).replace(/\.js$/, '.ts')
      const why = violation(layers, file, target)
      if (!why) return
      if (allow.some((a) => file.startsWith(a.from) && target.startsWith(a.to))) return
      context.report({node, message: why})
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    }
  },
}

export default {rules: {boundaries: rule}}
