import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import ts from 'typescript'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * Compiles some of src/ (folders or files, relative to the repository) to JavaScript in a
 * temporary folder, for a child process to run without a build: unit tests must not depend on
 * whether dist/ is fresh. The folder links the repository's node_modules, so packages resolve.
 * Returns the folder and a cleanup.
 */
export function transpileSources(entries: string[]): {dir: string; cleanup(): void} {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liushou-transpiled-'))
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({type: 'module'}))
  const files = entries.flatMap((entry) =>
    entry.endsWith('.ts') ? [entry] : readdirSync(path.join(ROOT, entry)).filter((f) => f.endsWith('.ts')).map((f) => path.join(entry, f)),
  )
  for (const file of files) {
    const source = readFileSync(path.join(ROOT, file), 'utf8')
    const {outputText} = ts.transpileModule(source, {
      compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022},
      fileName: file,
    })
    const out = path.join(dir, file.replace(/\.ts$/, '.js'))
    mkdirSync(path.dirname(out), {recursive: true})
    writeFileSync(out, outputText)
  }
  return {dir, cleanup: () => rmSync(dir, {recursive: true, force: true})}
}
