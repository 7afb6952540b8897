import {spawn} from 'node:child_process'
import path from 'node:path'

import {ROOT} from './cli.js'

// Another process holding a registry file open (DuckDB locks it for that process), as a second
// liushou or an ingest's orphaned child would: for the tests of what the registry does meanwhile.

export interface Holder {
  pid: number
  /** Settles when the holder has ended. */
  gone: Promise<unknown>
  /** Ends it now (if it has not ended yet) and waits for that. */
  stop(): Promise<void>
}

/** Starts a process that opens `file` and holds it, for `releaseAfterMs` or until stopped; resolves once it holds it. */
export async function holdRegistry(file: string, releaseAfterMs?: number): Promise<Holder> {
  const api = path.join(ROOT, 'node_modules/@duckdb/node-api/lib/index.js')
  const release = releaseAfterMs === undefined ? 'setInterval(() => {}, 1000)' : `setTimeout(() => { i.closeSync(); process.exit(0) }, ${releaseAfterMs})`
  const child = spawn(process.execPath, ['--input-type=module', '-e', `import {DuckDBInstance} from ${JSON.stringify(api)}; const i = await DuckDBInstance.create(${JSON.stringify(file)}); console.log('open'); ${release}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const gone = new Promise((resolve) => child.once('exit', resolve))
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve())
    child.once('exit', (code) => reject(new Error(`the holding process exited (${code}) before it held ${file}`)))
  })
  return {
    pid: child.pid!,
    gone,
    async stop() {
      child.kill('SIGKILL')
      await gone
    },
  }
}
