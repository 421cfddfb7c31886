import {readdir, rm, stat} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {processIsRunning} from '../process-is-running.js'

/** Browser profile folders are named after the process that made them: `kenniskaart-browser-<pid>-<random>`. */
export const profilePrefix = (pid: number = process.pid) => `kenniskaart-browser-${pid}-`

/** A profile this old whose process is gone is a leftover (the age guards a temp folder shared with other PID namespaces). */
const staleAfterMs = 60 * 60 * 1000

/**
 * Remove the profile folders of runs that were killed outright (`kill -9`,
 * a power cut), which had no chance to clean up: those whose process no
 * longer exists and which have not changed for an hour. Never fails.
 */
export async function removeStaleProfiles(tmpDir: string = os.tmpdir(), now: number = Date.now()): Promise<string[]> {
  const names = await readdir(tmpDir).catch(() => [])
  const removed: string[] = []
  for (const name of names) {
    const pid = Number(/^kenniskaart-browser-(\d+)-/.exec(name)?.[1])
    if (!pid || processIsRunning(pid)) continue
    const folder = path.join(tmpDir, name)
    const stats = await stat(folder).catch(() => undefined)
    if (!stats?.isDirectory() || now - stats.mtimeMs < staleAfterMs) continue
    await rm(folder, {recursive: true, force: true}).then(() => removed.push(folder), () => undefined)
  }
  return removed
}
