import {execFile} from 'node:child_process'
import {createRequire} from 'node:module'
import os from 'node:os'
import {promisify} from 'node:util'
import {CliError} from '../errors.js'

const run = promisify(execFile)

/** The names Pagefind's own finder tries, in its order (pagefind/lib/resolveBinary.js). */
const programNames = ['pagefind_extended', 'pagefind']

/**
 * The Pagefind program the `pagefind` package will run, found as it finds
 * it: `PAGEFIND_EXTENDED_BINARY_PATH` or `PAGEFIND_BINARY_PATH`, else the
 * program of the optional package for this platform (`@pagefind/linux-x64`).
 */
function pagefindProgram(): string | undefined {
  for (const name of programNames) {
    const fromEnvironment = process.env[`${name.toUpperCase()}_BINARY_PATH`]
    if (fromEnvironment) return fromEnvironment
  }
  const platform = process.platform === 'win32' ? 'windows' : process.platform
  const cpu = process.env.npm_config_arch || os.arch()
  const require = createRequire(import.meta.url)
  for (const name of programNames) {
    try {
      return require.resolve(`@pagefind/${platform}-${cpu}/bin/${name}${platform === 'windows' ? '.exe' : ''}`)
    } catch {
      // the next name
    }
  }
  return undefined
}

/**
 * Check that the Pagefind program is there and runs (`--version`) before
 * the `pagefind` package starts it as a service: a missing or broken program
 * then is one message with a hint, not the package's stack traces or a
 * build that never settles.
 */
export async function checkPagefindProgram(): Promise<void> {
  const hint = `Pagefind, which makes the search index, comes with kenniskaart as a program per platform (the optional package @pagefind/<platform>-<cpu>); reinstall kenniskaart's dependencies (npm ci) on this machine, or build without search: --no-search.`
  const program = pagefindProgram()
  if (program === undefined) throw new CliError(`No Pagefind program for ${process.platform}-${os.arch()} is installed`, {hint})
  const ran = await run(program, ['--version'], {timeout: 30_000, windowsHide: true}).catch((error: unknown) => error as Error)
  if (ran instanceof Error) throw new CliError(`The Pagefind program ${program} does not run: ${ran.message.split('\n')[0]}`, {hint, cause: ran})
}
