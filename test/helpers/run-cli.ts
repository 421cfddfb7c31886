import {spawn} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export const binPath = fileURLToPath(new URL('../../bin/kenniskaart.js', import.meta.url))
export const repoRoot = path.dirname(path.dirname(binPath))

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Run the real `kenniskaart` executable; `onStart` may act on the running process (send Ctrl-C). */
export function runCli(
  args: string[],
  options: {cwd: string; env?: NodeJS.ProcessEnv; onStart?: (child: ReturnType<typeof spawn>) => void; killAfterMs?: number}
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {cwd: options.cwd, env: {...process.env, NO_COLOR: '1', ...options.env}})
    // A hung run fails its test instead of outliving it
    const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 50_000)
    child.on('close', () => clearTimeout(killer))
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({code, signal, stdout, stderr}))
    options.onStart?.(child)
  })
}
