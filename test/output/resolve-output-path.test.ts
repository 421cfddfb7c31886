import {mkdir, symlink} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {CliError} from '../../src/errors.js'
import {realPathOfNearest, resolveOutputPath} from '../../src/output/resolve-output-path.js'
import {workFolder} from '../helpers/cli.js'

/** A project in a temp folder: `content/`, and `link` → `content`. */
async function project() {
  const {dir} = await workFolder()
  await mkdir(path.join(dir, 'content/kaart'), {recursive: true})
  await symlink(path.join(dir, 'content'), path.join(dir, 'link'))
  return dir
}

const refusal = (options: Parameters<typeof resolveOutputPath>[0]) =>
  resolveOutputPath(options).then(
    () => undefined,
    (error: unknown) => error as CliError
  )

describe('realPathOfNearest', () => {
  it('resolves links in the part that exists and appends the rest', async () => {
    const dir = await project()
    const real = await realPathOfNearest(path.join(dir, 'link'))
    expect(await realPathOfNearest(path.join(dir, 'link/nog/niet/er'))).toBe(path.join(real, 'nog/niet/er'))
  })

  it('refuses a path through a broken link, with exit 2', async () => {
    const dir = await project()
    await symlink(path.join(dir, 'nowhere'), path.join(dir, 'broken'))
    const error = (await realPathOfNearest(path.join(dir, 'broken/dist')).catch((error: unknown) => error)) as CliError
    expect(error).toBeInstanceOf(CliError)
    expect(error.exitCode).toBe(2)
    expect(error.message).toMatch(/symbolic link to something that does not exist/)
  })
})

describe('resolveOutputPath', () => {
  it.each([
    ['the real content folder, named through a link as --content', 'content', 'link', 'is the content folder'],
    ['a folder below a link to the content', 'link/dist', 'content', 'lies inside the content folder'],
    ['the content folder through a link', 'link', 'content', 'is the content folder'],
    ['a folder holding the content, named with a link inside it', 'link/..', 'content', 'holds the content folder']
  ])('refuses %s', async (_, out, content, reason) => {
    const dir = await project()
    const error = await refusal({out: path.join(dir, out), content: path.join(dir, content), kind: 'folder'})
    expect(error).toBeInstanceOf(CliError)
    expect(error?.exitCode).toBe(2)
    expect(error?.message).toContain(reason)
    expect(error?.hint).toBeTruthy()
  })

  it.each([
    ['the root', '/', 'root of the file system'],
    ['the home folder', os.homedir(), 'is your home folder'],
    ['the current folder', '.', 'is the current folder'],
    ['a folder holding the current folder', '..', 'holds the current folder']
  ])('refuses %s', async (_, out, reason) => {
    const dir = await project()
    expect((await refusal({out, content: path.join(dir, 'content'), kind: 'folder'}))?.message).toContain(reason)
  })

  it('refuses a PDF file inside the content folder, named through a link', async () => {
    const dir = await project()
    const error = await refusal({out: path.join(dir, 'link/kaart/index.md'), content: path.join(dir, 'content'), kind: 'file'})
    expect(error?.message).toContain('lies inside the content folder')
    expect(error?.hint).toContain('kaart.pdf')
  })

  it('returns the real path of a folder beside the content, through a link', async () => {
    const dir = await project()
    await mkdir(path.join(dir, 'www-real'))
    await symlink(path.join(dir, 'www-real'), path.join(dir, 'www'))
    const out = await resolveOutputPath({out: path.join(dir, 'www'), content: path.join(dir, 'link'), kind: 'folder'})
    expect(out).toBe(await realPathOfNearest(path.join(dir, 'www-real')))
  })
})
