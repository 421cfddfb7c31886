import {execFile} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/** The repository root, so tests run from any working folder. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** The command as users run it: the bin shim over the compiled code in lib/. */
export const binPath = path.join(repoRoot, 'bin', 'kenniskaart.js')

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Run `kenniskaart <args>` in `cwd`; never rejects, the exit code is in the result. */
export function runCli(args: string[], options: {cwd: string; env?: Record<string, string | undefined>}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [binPath, ...args],
      {cwd: options.cwd, env: {...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env}, maxBuffer: 16 * 1024 * 1024},
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({code, stdout, stderr})
      }
    )
  })
}
