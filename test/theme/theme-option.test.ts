/**
 * `--theme <name>` on the real CLI: one visual theme for a whole run,
 * instead of each card's `theme:`.
 */
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {bundledContentDir, repoRoot} from '../helpers/content.js'
import {readTree, runCli} from '../helpers/cli.js'
import {hashedPath} from '../helpers/hashed.js'

let work = ''

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'kenniskaart-theme-option-'))
})

afterAll(async () => {
  await rm(work, {recursive: true, force: true})
})

describe('build --theme', () => {
  it('builds the bundled cards in the handout theme: its stylesheets after kenniskaart\'s, linked from every page', async () => {
    const out = path.join(work, 'site')
    const result = await runCli(['build', '--theme', 'handout', '--no-pdf', '--no-cache', '-c', bundledContentDir, '-o', out], {cwd: work})
    expect(result.stderr).toMatch(/^Built 2 cards, 17 web pages/m)
    expect(result.code).toBe(0)
    const files = [...(await readTree(out)).keys()]
    const sitePath = hashedPath(files, 'assets/handout/site.css')
    const [site, kenniskaart, handout] = await Promise.all([
      readFile(path.join(out, sitePath), 'utf8'),
      readFile(path.join(repoRoot, 'themes', 'kenniskaart', 'site.css'), 'utf8'),
      readFile(path.join(repoRoot, 'themes', 'handout', 'site.css'), 'utf8')
    ])
    // kenniskaart's @import of its fonts.css names handout's copy by its hash
    expect(site.replace(/fonts\.[\da-f]{10}\.css/, 'fonts.css')).toBe(`${kenniskaart}\n${handout}`)
    const page = await readFile(path.join(out, 'professionele-leercultuur', 'leiderschap', 'index.html'), 'utf8')
    expect(page).toContain(`href="../../${sitePath}"`)
    expect(files.filter((file) => file.startsWith('assets/kenniskaart/'))).toEqual([])
  })

  it('does not take a card from the cache that was built in another visual theme', async () => {
    const out = path.join(work, 'cached')
    const cache = path.join(work, 'cache')
    const args = ['build', '--no-pdf', '--cache-dir', cache, '-c', bundledContentDir, '-o', out]
    expect((await runCli(args, {cwd: work})).code).toBe(0)
    expect((await runCli([...args, '--theme', 'handout'], {cwd: work})).code).toBe(0)
    expect(await readFile(path.join(out, 'professionele-leercultuur', 'index.html'), 'utf8')).toMatch(/href="\.\.\/assets\/handout\/site\.[\da-f]{10}\.css"/)
    expect((await runCli(args, {cwd: work})).code).toBe(0)
    expect(await readFile(path.join(out, 'professionele-leercultuur', 'index.html'), 'utf8')).toMatch(/href="\.\.\/assets\/kenniskaart\/site\.[\da-f]{10}\.css"/)
  })

  it('refuses an unknown theme as a mistake in the call (exit 2), with the name meant', async () => {
    const result = await runCli(['build', '--theme', 'handot', '--no-pdf', '--no-cache', '-c', bundledContentDir, '-o', path.join(work, 'nergens')], {cwd: work})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('kenniskaart: --theme: there is no visual theme `handot`')
    expect(result.stderr).toContain('Did you mean `--theme handout`? The visual themes are: handout, kenniskaart.')
  })
})

describe('pdf --theme', () => {
  it('refuses a name that is a path before printing anything', async () => {
    const result = await runCli(['pdf', 'professionele-leercultuur', '--theme', '../themes/handout', '-c', bundledContentDir, '-o', path.join(work, 'x.pdf')], {cwd: work})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('there is no visual theme `../themes/handout`')
  })
})
