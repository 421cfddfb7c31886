/**
 * The package's public API (src/index.ts) in this process: what it
 * returns, that it starts no browser unless asked, and that `build()`
 * gives the files `kenniskaart build` writes. Printing with a browser is
 * tested on the installed package (test/package/pack.browser.test.ts).
 */
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {build, check, CliError, formatFindings, print} from '../../src/index.js'
import {runCliInProcess} from '../helpers/cli.js'
import {fixtureCardsDir, repoRoot} from '../helpers/content.js'
import {tempFolder} from '../helpers/temp-folders.js'

const brokenContent = path.join(repoRoot, 'test', 'fixtures', 'broken', 'all-findings-across-files', 'content')
const savedBrowser = process.env.KENNISKAART_BROWSER

/** A browser that is not there: any attempt to find or start one fails with exit 3. */
function noBrowserAnywhere(): void {
  process.env.KENNISKAART_BROWSER = path.join(repoRoot, 'no-such-browser')
}

afterEach(() => {
  if (savedBrowser === undefined) delete process.env.KENNISKAART_BROWSER
  else process.env.KENNISKAART_BROWSER = savedBrowser
})

describe('build()', () => {
  it('builds the site in memory without a browser when PDFs are not asked for', async () => {
    noBrowserAnywhere()
    const result = await build({contentDir: fixtureCardsDir})
    expect(result.failed).toBe(false)
    expect(result.cards).toEqual([{slug: 'three-themes', title: 'Samen lesgeven', label: 'Kenniskaart', lang: 'nl', visualTheme: 'kenniskaart', themeCount: 3}])
    expect(result.pages.map((page) => page.path)).toEqual(expect.arrayContaining(['index.html', 'three-themes/index.html', 'three-themes/voorbereiden/index.html']))
    expect(result.pdfs).toEqual([])
    expect(result.findings).toEqual([])
  })

  it('looks for a browser when PDFs are asked for, and says so when there is none', async () => {
    noBrowserAnywhere()
    const error = await build({contentDir: fixtureCardsDir, pdf: true}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).exitCode).toBe(3)
  })

  it('gives the files `kenniskaart build --no-pdf` writes, byte for byte', async () => {
    const out = path.join(await tempFolder('kk-library-'), 'dist')
    const cli = await runCliInProcess(['build', '--content', fixtureCardsDir, '--out', out, '--no-pdf', '--no-cache', '--quiet'], {cwd: repoRoot})
    expect(cli.code, cli.stderr).toBe(0)
    const written = (await readdir(out, {recursive: true, withFileTypes: true}))
      .filter((entry) => entry.isFile() && entry.name !== '.kenniskaart-output')
      .map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort()
    const result = await build({contentDir: fixtureCardsDir})
    expect(result.pages.map((page) => page.path)).toEqual(written)
    for (const page of result.pages) expect(Buffer.from(page.contents), page.path).toEqual(await readFile(path.join(out, page.path)))
  })

  it('returns the findings and no pages when the content has errors', async () => {
    const result = await build({contentDir: brokenContent, pdf: true})
    expect(result.failed).toBe(true)
    expect(result.pages).toEqual([])
    expect(result.findings.map((finding) => finding.rule)).toContain('yaml-syntax')
  })
})

describe('check()', () => {
  it('finds every problem at once, and formats them without options', async () => {
    const result = await check({contentDir: brokenContent})
    expect(result.failed).toBe(true)
    expect(result.findings.map((finding) => finding.rule).sort()).toEqual(['frontmatter-invalid', 'frontmatter-required', 'image-missing', 'link-heading-unknown', 'yaml-syntax'])
    const text = formatFindings(result.findings, 'text')
    expect(text).toContain('yaml-syntax')
    expect(text).not.toContain('\u001b[')
  })
})

describe('print()', () => {
  it('starts no browser when the content has errors', async () => {
    noBrowserAnywhere()
    const result = await print({contentDir: brokenContent, card: 'kaart'})
    expect(result).toMatchObject({failed: true, contents: undefined, pageCount: 0, fileName: 'kaart.pdf'})
  })

  it('refuses a handout the card does not name before starting a browser (exit 2, with the ones it has)', async () => {
    noBrowserAnywhere()
    const error = await print({contentDir: fixtureCardsDir, card: 'three-themes', handout: 'starters'}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).exitCode).toBe(2)
    const wrongTheme = await print({contentDir: fixtureCardsDir, card: 'three-themes', themes: ['voorbereidn']}).catch((caught: unknown) => caught)
    expect((wrongTheme as CliError).hint).toContain('Did you mean `voorbereiden`')
  })
})
