import {lstat, readdir, rename, rm} from 'node:fs/promises'
import path from 'node:path'
import {processIsRunning} from '../process-is-running.js'

/** The name of a temporary folder or file beside `target`, owned by this process. */
export function leftoverPath(target: string, kind: 'tmp' | 'old'): string {
  const stamp = `${process.pid}-${Date.now().toString(36)}`
  return path.join(path.dirname(target), `.${path.basename(target)}.${kind}-${stamp}`)
}

/** Leftovers older than this are stale even when their process id is in use again. */
const staleAfterMs = 24 * 60 * 60 * 1000

export interface RecoverOptions {
  /** Whether a process still runs; tests pass their own. */
  isAlive?: (pid: number) => boolean
  now?: number
}

export interface Recovered {
  /** The leftover that was put back as `target`, because `target` was missing. */
  restored: string | undefined
  /** Leftovers removed. */
  removed: string[]
}

/**
 * Clean up after builds that were killed: `.<out>.tmp-<pid>-<time>` (an
 * unfinished new output) and `.<out>.old-<pid>-<time>` (a previous output
 * moved aside). Only leftovers of this same target are touched, and only
 * those whose process has ended or that are a day old: a build running
 * at the same time keeps its own. When `target` itself is missing, the
 * newest previous output is put back in its place.
 */
export async function recoverLeftovers(target: string, options: RecoverOptions = {}): Promise<Recovered> {
  const isAlive = options.isAlive ?? processIsRunning
  const now = options.now ?? Date.now()
  const parent = path.dirname(target)
  const name = new RegExp(`^\\.${escapeRegExp(path.basename(target))}\\.(tmp|old)-(\\d+)-([0-9a-z]+)$`)
  const entries = await readdir(parent).catch(() => [] as string[])
  const stale = entries
    .map((entry) => ({entry, match: name.exec(entry)}))
    .filter(({match}) => match !== null && (!isAlive(Number(match[2])) || now - parseInt(match[3] ?? '', 36) > staleAfterMs))
    .map(({entry, match}) => ({path: path.join(parent, entry), kind: match?.[1], time: parseInt(match?.[3] ?? '', 36)}))

  let restored: string | undefined
  const targetExists = (await lstat(target).catch(() => undefined)) !== undefined
  const newestOld = stale.filter((leftover) => leftover.kind === 'old').sort((a, b) => b.time - a.time)[0]
  if (!targetExists && newestOld) {
    await rename(newestOld.path, target)
    restored = newestOld.path
  }
  const removed: string[] = []
  for (const leftover of stale) {
    if (leftover.path === restored) continue
    await rm(leftover.path, {recursive: true, force: true})
    removed.push(leftover.path)
  }
  return {restored, removed}
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
}
