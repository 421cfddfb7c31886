import {type ChildProcess, spawn, spawnSync} from 'node:child_process'
import {cp, readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {isMainThread} from 'node:worker_threads'
import {repoRoot} from './content.js'
import {removeTempFolder, tempFolder} from './temp-folders.js'

export {repoRoot}

/** The real command, as a user runs it: the shim that loads the compiled CLI. */
export const binPath = path.join(repoRoot, 'bin', 'kenniskaart.js')

/** Environment variables a run starts without, unless a test sets them: the test runner's own terminal settings. */
const runnerTerminalSettings = ['FORCE_COLOR', 'NO_COLOR', 'CI', 'GITHUB_ACTIONS']

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  cwd: string
  env?: Record<string, string | undefined>
  /** Act on the running process, e.g. send it Ctrl-C. */
  onStart?: (child: ChildProcess) => void
  /** A run still going after this is killed, so a hang fails its test instead of outliving it. */
  killAfterMs?: number
}

/**
 * Run `node bin/kenniskaart.js …` in a folder. Colour settings of the
 * test runner's own terminal are not passed on; `env` adds to the rest.
 */
export function runCli(args: string[], options: CliOptions): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {...process.env, ...options.env}
  for (const name of runnerTerminalSettings) if (!options.env || !(name in options.env)) delete env[name]
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe']})
    const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 50_000)
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(killer)
      resolve({code, signal, stdout, stderr})
    })
    options.onStart?.(child)
  })
}

let inProcessQueue: Promise<unknown> = Promise.resolve()

/**
 * Run the CLI in this process: the `run` function `bin/kenniskaart.js`
 * calls, with its own working folder, environment, stdout and stderr, and
 * the exit code it sets. It spares starting Node and loading the program
 * (half a second of CPU per run), so tests of what a command does and
 * prints use it; exit codes of the real program, signals and terminals
 * are tested with `runCli`. Runs one at a time, as they share the process.
 */
export function runCliInProcess(args: string[], options: {cwd: string; env?: Record<string, string | undefined>}): Promise<CliResult> {
  const result = inProcessQueue.then(() => runInProcessNow(args, options))
  inProcessQueue = result.catch(() => undefined)
  return result
}

async function runInProcessNow(args: string[], options: {cwd: string; env?: Record<string, string | undefined>}): Promise<CliResult> {
  const {run} = await import('../../src/cli.js')
  const env: Record<string, string | undefined> = {...Object.fromEntries(runnerTerminalSettings.map((name) => [name, undefined])), ...options.env}
  const savedEnv = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]))
  const setEnv = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
  const saved = {cwd: process.cwd(), exitCode: process.exitCode, exit: process.exit, stdout: process.stdout.write, stderr: process.stderr.write}
  // Only Ctrl-C ends the program with process.exit, which would end the test worker: such tests need `runCli`
  process.exit = ((code?: number) => {
    throw new Error(`process.exit(${code}) called by a CLI run in-process; test this with runCli`)
  }) as typeof process.exit
  let stdout = ''
  let stderr = ''
  const text = (chunk: string | Uint8Array) => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += text(chunk)), true)) as typeof process.stdout.write
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += text(chunk)), true)) as typeof process.stderr.write
  setEnv(env)
  process.exitCode = undefined
  const realCwd = process.cwd
  // A worker thread (Stryker runs vitest in threads) cannot change directory; every path the CLI
  // uses is resolved with path.resolve, which asks process.cwd(), so pretending is enough there.
  if (isMainThread) process.chdir(options.cwd)
  else process.cwd = () => options.cwd
  try {
    await run([process.execPath, binPath, ...args])
    return {code: Number(process.exitCode ?? 0), signal: null, stdout, stderr}
  } finally {
    if (isMainThread) process.chdir(saved.cwd)
    else process.cwd = realCwd
    process.exitCode = saved.exitCode
    process.exit = saved.exit
    setEnv(savedEnv)
    process.stdout.write = saved.stdout
    process.stderr.write = saved.stderr
  }
}

/** A fresh working folder holding a copy of a content folder as `content/`. */
export async function projectWithContent(contentDir: string): Promise<string> {
  const {dir} = await workFolder()
  await cp(contentDir, path.join(dir, 'content'), {recursive: true})
  return dir
}

/** True when util-linux `script` can give a command a terminal of its own. */
export const canRunInTerminal = process.platform === 'linux' && spawnSync('script', ['--version'], {stdio: 'ignore'}).status === 0

/**
 * Run the CLI with its stdout on a pseudo-terminal (through util-linux
 * `script`), the way a person sees it. Returns what the terminal showed.
 */
export function runCliInTerminal(args: string[], options: {cwd: string; env?: Record<string, string>}): CliResult {
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`
  const command = [process.execPath, binPath, ...args].map(quote).join(' ')
  const env: NodeJS.ProcessEnv = {...process.env, ...options.env}
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'GITHUB_ACTIONS']) if (!options.env || !(name in options.env)) delete env[name]
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {cwd: options.cwd, env, encoding: 'utf8'})
  return {code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr}
}

/** A fresh working folder in the system's temp folder; removed by `remove()`, or after the test file at the latest. */
export async function workFolder(): Promise<{dir: string; remove(): Promise<void>}> {
  const dir = await tempFolder('kenniskaart-cli-')
  return {dir, remove: () => removeTempFolder(dir)}
}

/** Copy a fixture card into `<dir>/content/<card>`. */
export async function copyCard(source: string, dir: string, card = path.basename(source)): Promise<string> {
  const target = path.join(dir, 'content', card)
  await cp(source, target, {recursive: true})
  return target
}

/** Every file below a folder, relative and with POSIX separators, mapped to its bytes. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    files.set(path.relative(dir, full).split(path.sep).join('/'), await readFile(full))
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)))
}

/** The paths on which two trees (see `readTree`) differ: missing on one side, or other bytes. */
export function treeDifferences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort()
  return paths.filter((file) => {
    const left = a.get(file)
    const right = b.get(file)
    return !left || !right || !left.equals(right)
  })
}

/** The findings in what `build --format json` printed: its summary's `findings`. */
export function summaryFindings<T = unknown>(stdout: string): T[] {
  return (JSON.parse(stdout) as {findings: T[]}).findings
}
