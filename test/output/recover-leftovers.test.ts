import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {mkdir, readdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {recoverLeftovers} from '../../src/output/recover-leftovers.js'
import {workFolder} from '../helpers/cli.js'

const now = Date.parse('2026-11-23T12:00:00Z')
const stamp = (msAgo: number) => (now - msAgo).toString(36)
const alive = new Set([4242])
const isAlive = (pid: number) => alive.has(pid)

/** A folder of leftovers beside `dist`, each holding a file that names it. */
async function leftovers(names: string[], withTarget: boolean) {
  const {dir} = await workFolder()
  for (const name of names) {
    await mkdir(path.join(dir, name))
    await writeFile(path.join(dir, name, 'which'), name)
  }
  if (withTarget) await mkdir(path.join(dir, 'dist'))
  return dir
}

describe('recoverLeftovers', () => {
  it('removes the leftovers of ended builds of the same folder, and keeps those of running builds and other folders', async () => {
    const ended = [`.dist.tmp-111-${stamp(60_000)}`, `.dist.old-111-${stamp(60_000)}`]
    const running = [`.dist.tmp-4242-${stamp(1000)}`, `.dist.old-4242-${stamp(1000)}`]
    const others = [`.site.tmp-111-${stamp(60_000)}`, `.dist.tmp.tmp-111-${stamp(60_000)}`, `dist.tmp-111-${stamp(60_000)}`, '.dist.tmp-x']
    const dir = await leftovers([...ended, ...running, ...others], true)
    const recovered = await recoverLeftovers(path.join(dir, 'dist'), {isAlive, now})
    expect(recovered.restored).toBeUndefined()
    expect(recovered.removed.map((file) => path.basename(file)).sort()).toEqual([...ended].sort())
    expect((await readdir(dir)).sort()).toEqual(['dist', ...running, ...others].sort())
  })

  it('treats a leftover older than a day as stale even when its process id is in use again', async () => {
    const old = `.dist.tmp-4242-${stamp(25 * 60 * 60 * 1000)}`
    const dir = await leftovers([old], true)
    expect((await recoverLeftovers(path.join(dir, 'dist'), {isAlive, now})).removed).toEqual([path.join(dir, old)])
  })

  it('puts the newest previous output back when the output folder is missing', async () => {
    const older = `.dist.old-111-${stamp(120_000)}`
    const newer = `.dist.old-112-${stamp(60_000)}`
    const unfinished = `.dist.tmp-112-${stamp(60_000)}`
    const dir = await leftovers([older, newer, unfinished], false)
    const recovered = await recoverLeftovers(path.join(dir, 'dist'), {isAlive, now})
    expect(recovered.restored).toBe(path.join(dir, newer))
    expect(await readdir(dir)).toEqual(['dist'])
    expect(readFileSync(path.join(dir, 'dist/which'), 'utf8')).toBe(newer)
  })

  it('does not restore the previous output of a build that is still running', async () => {
    const running = `.dist.old-4242-${stamp(1000)}`
    const dir = await leftovers([running], false)
    expect(await recoverLeftovers(path.join(dir, 'dist'), {isAlive, now})).toEqual({restored: undefined, removed: []})
    expect(await readdir(dir)).toEqual([running])
  })

  it('takes a real process id as alive, and an ended one as not', async () => {
    const ended = spawnSync(process.execPath, ['-e', '0']).pid
    const dir = await leftovers([`.dist.tmp-${process.pid}-${stamp(0)}`, `.dist.tmp-${ended}-${stamp(0)}`], true)
    const recovered = await recoverLeftovers(path.join(dir, 'dist'), {now})
    expect(recovered.removed).toEqual([path.join(dir, `.dist.tmp-${ended}-${stamp(0)}`)])
  })
})
