import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {profilePrefix, removeStaleProfiles} from '../../src/pdf/stale-profiles.js'

describe('removeStaleProfiles', () => {
  it('removes only profile folders whose process is gone and that have not changed for an hour', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'kk-stale-'))
    const finished = spawnSync('true')
    const deadPid = finished.pid
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000)
    const folder = (name: string, old: boolean) => {
      mkdirSync(path.join(tmp, name))
      writeFileSync(path.join(tmp, name, 'Local State'), '{}')
      if (old) utimesSync(path.join(tmp, name), twoHoursAgo, twoHoursAgo)
    }
    folder(`${profilePrefix(deadPid)}stale`, true)
    folder(`${profilePrefix(deadPid)}fresh`, false)
    folder(`${profilePrefix()}running`, true)
    folder('kenniskaart-browser-nopid', true)
    folder('someone-elses', true)

    const removed = await removeStaleProfiles(tmp)
    expect(removed).toEqual([path.join(tmp, `${profilePrefix(deadPid)}stale`)])
    expect(readdirSync(tmp).sort()).toEqual(
      [`${profilePrefix(deadPid)}fresh`, `${profilePrefix()}running`, 'kenniskaart-browser-nopid', 'someone-elses'].sort()
    )
  })

  it('never fails, not even on a temp folder that does not exist', async () => {
    expect(await removeStaleProfiles('/nonexistent/tmp')).toEqual([])
  })
})
