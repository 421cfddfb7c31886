import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createFile, writeNewFiles} from '../../src/scaffold/write-new-files.js'
import {workFolder} from '../helpers/cli.js'

let work: {dir: string; remove(): Promise<void>}

beforeAll(async () => {
  work = await workFolder()
})

afterAll(async () => {
  await work.remove()
})

// The second file of the same name fails to write ('wx'): a failure halfway through
const failingHalfway = [
  {path: 'content/kaart/index.md', contents: 'een'},
  {path: 'content/kaart/index.md', contents: 'twee'}
]

describe('writing new files', () => {
  it('a failure halfway leaves no folder and no staging folder behind', async () => {
    const parent = path.join(work.dir, 'nieuw')
    await mkdir(parent)
    await expect(writeNewFiles(path.join(parent, 'project'), failingHalfway)).rejects.toMatchObject({code: 'EEXIST'})
    expect(await readdir(parent)).toEqual([])
  })

  it('a failure halfway into an existing folder leaves it as it was', async () => {
    const target = path.join(work.dir, 'bestaand')
    await mkdir(path.join(target, '.git'), {recursive: true})
    await expect(writeNewFiles(target, [{path: 'README.md', contents: 'x'}, ...failingHalfway])).rejects.toMatchObject({code: 'EEXIST'})
    expect(await readdir(target)).toEqual(['.git'])
  })

  it('moves nothing over an entry that is there, and takes back what it moved', async () => {
    const target = path.join(work.dir, 'bijna-leeg')
    await mkdir(target)
    await writeFile(path.join(target, 'package.json'), 'van de gebruiker')
    await expect(writeNewFiles(target, [{path: 'README.md', contents: 'x'}, {path: 'package.json', contents: '{}'}])).rejects.toMatchObject({code: 'EEXIST'})
    expect(await readdir(target)).toEqual(['package.json'])
    expect(await readFile(path.join(target, 'package.json'), 'utf8')).toBe('van de gebruiker')
  })

  it('creates a file only where none is, and leaves no temporary file', async () => {
    const folder = path.join(work.dir, 'kaart')
    await mkdir(folder)
    await writeFile(path.join(folder, '01-een.md'), 'van de gebruiker')
    await expect(createFile(path.join(folder, '01-een.md'), 'nieuw')).rejects.toMatchObject({code: 'EEXIST'})
    await createFile(path.join(folder, '02-twee.md'), 'nieuw')
    expect((await readdir(folder)).sort()).toEqual(['01-een.md', '02-twee.md'])
    expect(await readFile(path.join(folder, '01-een.md'), 'utf8')).toBe('van de gebruiker')
    expect(await readFile(path.join(folder, '02-twee.md'), 'utf8')).toBe('nieuw')
  })
})
