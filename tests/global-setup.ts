import {execFileSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

// Command and end-to-end tests run the built CLI; `npm test` builds first, and a bare
// `npx vitest` builds here when there is nothing built yet.
export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  if (!existsSync(path.join(root, 'dist/commands/validate.js'))) {
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {cwd: root, stdio: 'inherit'})
  }
}
