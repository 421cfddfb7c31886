import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it, vi} from 'vitest'
import {contentFolderAbove} from '../../src/content/content-folder-above.js'
import {listContent} from '../../src/content/read-content.js'
import type {CliError} from '../../src/errors.js'
import {tempFolder} from '../helpers/temp-folders.js'

/** A project: package.json and content/ at its root, and a sub-folder two deep. */
async function project(): Promise<{root: string; deep: string}> {
  const root = path.join(await tempFolder('kk-above-'), 'project')
  const deep = path.join(root, 'docs', 'notes')
  await mkdir(deep, {recursive: true})
  await mkdir(path.join(root, 'content'))
  await writeFile(path.join(root, 'package.json'), '{}')
  return {root, deep}
}

describe('a content folder above the current one', () => {
  it('is found up to the project folder, relative to where kenniskaart runs', async () => {
    const {root, deep} = await project()
    expect(contentFolderAbove('content', deep)).toBe(path.join('..', '..', 'content'))
    expect(contentFolderAbove('content', path.join(root, 'docs'))).toBe(path.join('..', 'content'))
  })

  it('is not looked for past the project, in the project folder itself, or for an absolute path', async () => {
    const {root, deep} = await project()
    await mkdir(path.join(path.dirname(root), 'elsewhere'))
    expect(contentFolderAbove('elsewhere', deep)).toBeUndefined()
    expect(contentFolderAbove('missing', root)).toBeUndefined()
    expect(contentFolderAbove(path.join(deep, 'content'), deep)).toBeUndefined()
  })

  it('is named in the hint when the content folder is not there', async () => {
    const {deep} = await project()
    // As if run there (a worker thread cannot change folder)
    const cwd = vi.spyOn(process, 'cwd').mockReturnValue(deep)
    try {
      const error = (await listContent('content').catch((caught: unknown) => caught)) as CliError
      expect(error.exitCode).toBe(2)
      expect(error.hint).toContain(`\`--content ${path.join('..', '..', 'content')}\``)
      expect(error.hint).toContain(`run kenniskaart in ${path.join('..', '..')}`)
    } finally {
      cwd.mockRestore()
    }
  })
})
