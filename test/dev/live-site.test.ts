import {cp, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {LiveSite} from '../../src/dev/live-site.js'
import {memoryCache} from '../../src/engine/cache-store.js'
import {toolId} from '../../src/engine/keys.js'
import {workFolder} from '../helpers/cli.js'
import {fixtureCardsDir} from '../helpers/content.js'

describe('LiveSite', () => {
  let contentDir: string
  let site: LiveSite
  const theme = () => path.join(contentDir, 'samen', '02-voorbereiden.md')

  beforeAll(async () => {
    const {dir} = await workFolder()
    contentDir = path.join(dir, 'content')
    await cp(path.join(fixtureCardsDir, 'three-themes'), path.join(contentDir, 'samen'), {recursive: true})
    site = new LiveSite({contentDir, cache: memoryCache(), tool: await toolId()})
  })
  afterAll(() => undefined)

  it('builds the whole site into memory, every file new', async () => {
    const build = await site.rebuild()
    expect(build.ok).toBe(true)
    expect(build.changed).toContain('samen/voorbereiden/index.html')
    expect(build.changed).toContain('index.html')
    expect(build.changed).toEqual(site.paths().sort())
    expect(site.generation).toBe(1)
    // The card page links its PDF though nothing printed it: the preview prints it when asked
    expect(site.file('samen/index.html')!.toString()).toContain('href="samen.pdf"')
  })

  it('rebuilds an edit and names only the pages it changed', async () => {
    await writeFile(theme(), (await readFile(theme(), 'utf8')).replace('Ze spreken af', 'Ze spreken samen af'))
    const build = await site.rebuild()
    expect(build.changed).toEqual(['samen/voorbereiden/index.html'])
    expect(site.file('samen/voorbereiden/index.html')!.toString()).toContain('Ze spreken samen af')
    expect(site.generation).toBe(2)
  })

  it('keeps the last good build when the content has errors, and names no change', async () => {
    const good = await readFile(theme(), 'utf8')
    await writeFile(theme(), good.replace('title: "Voorbereiden"', 'title: "Kapot'))
    const build = await site.rebuild()
    expect(build.ok).toBe(false)
    expect(build.changed).toEqual([])
    expect(build.files.flatMap((file) => file.messages.map((message) => message.ruleId))).toEqual(['yaml-syntax'])
    expect(site.file('samen/voorbereiden/index.html')!.toString()).toContain('Ze spreken samen af')
    expect(site.generation).toBe(2)
    await writeFile(theme(), good)
    expect((await site.rebuild()).ok).toBe(true)
  })

  it('never overlaps builds: those asked for while one runs make one more', async () => {
    const first = site.rebuild()
    const second = site.rebuild()
    const third = site.rebuild()
    expect(second).toBe(third)
    expect(second).not.toBe(first)
    await Promise.all([first, second, third])
  })

  it('says what stopped a build that cannot read the content at all, and keeps the last good one', async () => {
    const moved = `${contentDir}-weg`
    await cp(contentDir, moved, {recursive: true})
    await rm(contentDir, {recursive: true})
    try {
      const build = await site.rebuild()
      expect(build.ok).toBe(false)
      expect(build.problem?.message).toMatch(/content folder/i)
      expect(site.file('samen/index.html')).toBeDefined()
    } finally {
      await cp(moved, contentDir, {recursive: true})
    }
  })
})
