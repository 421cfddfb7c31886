import {mkdir, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {watchContent} from '../../src/dev/watch-content.js'
import {workFolder} from '../helpers/cli.js'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('watchContent', () => {
  it('reports a second save of a file soon after the first (chokidar drops it)', async () => {
    const {dir} = await workFolder()
    const file = path.join(dir, 'content', 'kaart', 'index.md')
    await mkdir(path.dirname(file), {recursive: true})
    await writeFile(file, 'een')
    const calls: number[] = []
    const watcher = await watchContent([path.join(dir, 'content')], () => calls.push(performance.now()), (error) => expect.fail(error.message))
    try {
      await writeFile(file, 'twee')
      await pause(10)
      const secondSave = performance.now()
      await writeFile(file, 'drie, langer')
      await pause(400)
      expect(calls.some((at) => at > secondSave)).toBe(true)
    } finally {
      await watcher.close()
    }
  })

  it('does not follow symbolic links: a loop or a link to a large folder is neither crawled nor watched', async () => {
    const {dir} = await workFolder()
    const card = path.join(dir, 'content', 'kaart')
    await mkdir(card, {recursive: true})
    await writeFile(path.join(card, 'index.md'), 'een')
    // A folder outside the content, deep enough that crawling it through a loop never ends
    const outside = path.join(dir, 'elders')
    await mkdir(path.join(outside, 'a', 'b', 'c'), {recursive: true})
    await symlink('..', path.join(card, 'lus'))
    await symlink(outside, path.join(card, 'elders'))
    const seen: string[] = []
    const started = performance.now()
    const watcher = await watchContent([path.join(dir, 'content')], (file) => seen.push(path.relative(dir, file)), (error) => expect.fail(error.message))
    try {
      expect(performance.now() - started).toBeLessThan(2000)
      await writeFile(path.join(outside, 'a', 'b', 'c', 'x.md'), 'buiten')
      await writeFile(path.join(card, 'index.md'), 'twee')
      await pause(400)
      expect(seen).toContain(path.join('content', 'kaart', 'index.md'))
      expect(seen.filter((file) => file.includes('lus') || file.includes('elders'))).toEqual([])
      // A link made (or removed) while watching is a change of the content
      await symlink('index.md', path.join(card, 'ook.md'))
      await pause(400)
      expect(seen).toContain(path.join('content', 'kaart', 'ook.md'))
    } finally {
      await watcher.close()
    }
  })

  it('watches for a folder that does not exist yet, and ignores editors\' swap files', async () => {
    const {dir} = await workFolder()
    await mkdir(path.join(dir, 'content'))
    const seen: string[] = []
    const watcher = await watchContent([path.join(dir, 'content'), path.join(dir, 'themes')], (file) => seen.push(path.relative(dir, file)), (error) => expect.fail(error.message))
    try {
      await writeFile(path.join(dir, 'content', '.index.md.swp'), 'x')
      await mkdir(path.join(dir, 'themes', 'eigen'), {recursive: true})
      await pause(200)
      await writeFile(path.join(dir, 'themes', 'eigen', 'theme.json'), '{}')
      await pause(400)
      expect(seen).toContain(path.join('themes', 'eigen', 'theme.json'))
      expect(seen.filter((file) => file.endsWith('.swp'))).toEqual([])
    } finally {
      await watcher.close()
    }
  })
})
