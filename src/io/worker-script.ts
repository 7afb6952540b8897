import {existsSync} from 'node:fs'
import os from 'node:os'
import {fileURLToPath} from 'node:url'

/**
 * A worker's script (`url`, beside the module that starts it), when a second thread is worth it and
 * possible: two cores or more, the code run built (run from its TypeScript sources, as the unit
 * tests do, there is no script), and `env` not set to `main` by someone who wants one thread.
 */
export function workerScript(url: URL, env: string): URL | null {
  if (process.env[env] === 'main') return null
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length
  const built = url.protocol === 'file:' && url.pathname.endsWith('.js') && existsSync(fileURLToPath(url))
  return cores >= 2 && built ? url : null
}
