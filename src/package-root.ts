import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

// Modules run from src/ (tests) and from dist/src/ (the built CLI) at different depths, so data
// files are found by walking up to the package's own package.json rather than by a fixed path.
let root: string | undefined

export function packageRoot(): string {
  if (root) return root
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = path.join(dir, 'package.json')
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as {name?: string}
      if (pkg.name === 'liushou') return (root = dir)
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('liushou package.json not found above ' + fileURLToPath(import.meta.url))
    dir = parent
  }
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {version: string}
  return pkg.version
}

export function dataPath(...parts: string[]): string {
  return path.join(packageRoot(), 'data', ...parts)
}
