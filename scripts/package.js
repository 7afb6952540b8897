// Building liushou for the ways it is installed; run by npm's lifecycle scripts (package.json):
//
//   build     `npm run build`: dist/ from src/ and commands/ (in Node, so it also works where npm
//             runs scripts with cmd.exe).
//   prepare   after `npm ci`/`npm install` in a clone, and on `npm install -g .`: builds dist/.
//             npm 10 and 11 install a folder as a symlink to it and install nothing inside it, so
//             on a fresh clone the folder has neither node_modules/ nor dist/ and every command
//             failed with ERR_MODULE_NOT_FOUND. When the folder's own dependencies are missing,
//             they are installed here from the lock file first (with the devDependencies: the
//             build needs TypeScript).
//   prepack   before `npm pack`/`npm publish`: builds dist/ and writes oclif.manifest.json, so the
//             installed CLI finds its commands without importing every one of them (`--version`
//             0.39 s → 0.20 s, `validate --help` 0.57 s → 0.17 s on the development machine).
//   postpack  removes oclif.manifest.json again: in a working copy a manifest would hide every
//             later change to a command's flags.
import {spawnSync} from 'node:child_process'
import {existsSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const manifestFile = path.join(root, 'oclif.manifest.json')
const requireFromRoot = createRequire(path.join(root, 'package.json'))
// Set for the `npm ci` started below, whose own `prepare` must not start another.
const NESTED = 'LIUSHOU_PREPARE_NESTED'

function say(line) {
  process.stderr.write(`liushou: ${line}\n`)
}

function resolvable(request) {
  try {
    requireFromRoot.resolve(request)
    return true
  } catch {
    return false
  }
}

function run(command, args, env = process.env) {
  const r = spawnSync(command, args, {cwd: root, env, stdio: 'inherit', shell: false})
  if (r.error) throw r.error
  return r.status ?? 1
}

/** Returns tsc's exit status. */
function build() {
  if (!resolvable('typescript/package.json')) {
    say(`cannot build: TypeScript (a devDependency) is not installed in ${root}; run \`npm ci\` there first`)
    return 1
  }
  const tsc = path.join(path.dirname(requireFromRoot.resolve('typescript/package.json')), 'bin', 'tsc')
  rmSync(path.join(root, 'dist'), {recursive: true, force: true})
  return run(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')])
}

/** The global install's settings would make the inner install global too; it must fill this folder. */
function innerInstallEnv() {
  const drop = new Set([
    'npm_config_global',
    'npm_config_location',
    'npm_config_prefix',
    'npm_config_global_prefix',
    'npm_config_local_prefix',
    'npm_config_globalconfig',
    'npm_config_omit',
    'npm_config_include',
    'npm_config_production',
    'npm_config_only',
    'npm_config_install_links',
    'npm_config_allow_scripts',
    'npm_config_dry_run',
  ])
  const env = {}
  for (const [key, value] of Object.entries(process.env)) if (!drop.has(key.toLowerCase())) env[key] = value
  env[NESTED] = '1'
  return env
}

function installOwnDependencies() {
  if (!existsSync(path.join(root, 'package-lock.json'))) {
    say(`cannot install: ${root} has no node_modules and no package-lock.json`)
    process.exit(1)
  }
  say(`installing its own dependencies into ${path.join(root, 'node_modules')} (npm ci), then building`)
  const args = ['ci', '--include=dev', '--no-audit', '--no-fund']
  // The npm that runs this script, not whichever is first on PATH.
  const npmCli = process.env.npm_execpath
  const status =
    npmCli && /npm-cli\.js$/.test(npmCli)
      ? run(process.execPath, [npmCli, ...args], innerInstallEnv())
      : (spawnSync('npm', args, {cwd: root, env: innerInstallEnv(), stdio: 'inherit', shell: process.platform === 'win32'}).status ?? 1)
  if (status !== 0) process.exit(status)
}

/** Returns the exit status for npm. */
function prepare() {
  if (process.env[NESTED]) return 0
  // `npm pack`/`publish` run prepack (which builds) and then prepare: once is enough.
  const command = process.env.npm_command
  if (command === 'pack' || command === 'publish') return 0
  const global = process.env.npm_config_global === 'true'
  if (!resolvable('@oclif/core')) installOwnDependencies()
  else if (!resolvable('typescript/package.json') && existsSync(path.join(root, 'dist', 'commands'))) {
    // Installed without devDependencies (from the tarball, or `npm ci --omit=dev` after a
    // build): what is built is what there is.
    return 0
  }
  const status = build()
  if (status === 0 || global) return status
  // In a working copy (`npm ci`, `npm install`), a type error being fixed must not fail the
  // install of the dependencies: `npm run build` and `npm test` report it.
  say('the build failed (above); node_modules/ is installed, run `npm run build` after fixing it')
  return 0
}

async function writeManifest() {
  rmSync(manifestFile, {force: true})
  const {Plugin} = await import(pathToFileURL(requireFromRoot.resolve('@oclif/core')).href)
  // As `oclif manifest` does: load every command from dist/ and fail on any that does not load.
  const plugin = new Plugin({errorOnManifestCreate: true, ignoreManifest: true, isRoot: true, respectNoCacheDefault: true, root, type: 'core'})
  await plugin.load()
  const ids = Object.keys(plugin.manifest.commands)
  if (ids.length === 0) throw new Error('oclif found no commands in dist/commands')
  writeFileSync(manifestFile, JSON.stringify(plugin.manifest, null, 2) + '\n')
  say(`oclif.manifest.json: ${ids.length} commands`)
}

const step = process.argv[2]
switch (step) {
  case 'build':
    process.exitCode = build()
    break
  case 'prepare':
    process.exitCode = prepare()
    break
  case 'prepack':
    process.exitCode = build()
    if (process.exitCode === 0) await writeManifest()
    break
  case 'postpack':
    rmSync(manifestFile, {force: true})
    break
  default:
    say(`scripts/package.js: unknown step ${JSON.stringify(step)} (build, prepare, prepack, postpack)`)
    process.exit(2)
}
