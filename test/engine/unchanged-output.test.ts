import {cp, readFile, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readTree, runCliInProcess, summaryFindings, workFolder} from '../helpers/cli.js'
import {bundledContentDir, fixtureCardsDir} from '../helpers/content.js'

/**
 * A build whose content, visual themes, images and output are as the last
 * build into that folder left them writes nothing, and reports what that
 * build reported. Anything else (a change in the content, or in the output
 * by hand) makes a whole build.
 */
let project: string
let remove: () => Promise<void>
let out: string

beforeAll(async () => {
  ;({dir: project, remove} = await workFolder())
  await cp(bundledContentDir, path.join(project, 'content'), {recursive: true})
  await cp(path.join(fixtureCardsDir, 'three-themes'), path.join(project, 'content', 'drie'), {recursive: true})
  // A warning, so there are findings to report again: a source no theme cites
  const index = path.join(project, 'content/drie/index.md')
  await writeFile(index, (await readFile(index, 'utf8')).replace(/^sources:\n/m, 'sources:\n  - id: nergens2020\n    text: Nergens geciteerd (2020).\n'))
  out = path.join(project, 'dist')
})

afterAll(async () => {
  await remove()
})

const build = (extra: string[] = []) =>
  runCliInProcess(['build', '--no-pdf', '--out', out, '--cache-dir', path.join(project, 'cache'), '--format', 'json', '--verbose', ...extra], {cwd: project})
const nothingToWrite = 'nothing to write'
const marker = async () => (await stat(path.join(out, '.kenniskaart-output'))).mtimeMs

describe('a build with nothing to write', () => {
  it('writes nothing when nothing changed, and reports the same findings', async () => {
    const first = await build()
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('source-uncited')
    expect(first.stderr).not.toContain(nothingToWrite)
    const written = await marker()
    const second = await build()
    expect(second.code).toBe(0)
    expect(second.stderr).toContain(nothingToWrite)
    expect(summaryFindings(second.stdout)).toEqual(summaryFindings(first.stdout))
    expect(await marker()).toBe(written)
  })

  it('fails with --strict as a whole build would: a warning is still a warning', async () => {
    const strict = await build(['--strict'])
    expect(strict.code).toBe(1)
    expect(strict.stderr).toContain('Nothing was written')
  })

  it.each([
    ['an output file edited by hand', () => writeFile(path.join(out, 'drie/index.html'), '<p>bewerkt</p>')],
    ['an output file added by hand', () => writeFile(path.join(out, 'drie/extra.html'), '<p>extra</p>')],
    ['a theme file changed', async () => {
      const file = path.join(project, 'content/drie/02-voorbereiden.md')
      await writeFile(file, `${await readFile(file, 'utf8')}\nEen zin erbij.\n`)
    }]
  ])('builds as a whole after %s, with the bytes of a build without the cache', async (_change, change) => {
    await build()
    await change()
    const after = await build()
    expect(after.code).toBe(0)
    expect(after.stderr).not.toContain(nothingToWrite)
    const cold = path.join(project, 'cold')
    await runCliInProcess(['build', '--no-pdf', '--out', cold, '--no-cache', '--force'], {cwd: project})
    expect(await readTree(out)).toEqual(await readTree(cold))
  })
})
