import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {PDFDocument, StandardFonts} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {VFile} from 'vfile'
import {build} from '../../src/build.js'
import {printedGeometry} from '../../src/pdf/preflight/printed-geometry.js'
import {runCli, summaryFindings} from '../helpers/cli.js'
import {repoRoot} from '../helpers/content.js'
import {sharedBrowser} from '../helpers/shared-browser.js'

// Slow: prints with the real browser. One card in the bundled theme whose
// themes each trip one check of the print preflight; lines and columns are
// counted from the texts below.

const sentence = 'Leren doe je samen, een team bespreekt wat werkt, probeert het uit in de klas en kijkt daarna wat het heeft opgeleverd. '
const paragraphs = (count: number) => Array.from({length: count}, () => sentence.repeat(4)).join('\n\n')
const frontmatter = (title: string, extra = '') => `---\ntitle: ${title}\nsummary: Over ${title.toLowerCase()}.\n${extra}---\n\n`

const themes: Record<string, string> = {
  // TIPS (the `tips` key on line 4) longer than a page: kept whole, it moves to the next page, and is split there
  '01-lange-tips.md': `${frontmatter('Lange tips', `tips:\n${Array.from({length: 40}, (_, index) => `  - Tip ${index + 1}. ${sentence.repeat(2)}\n`).join('')}`)}Een alinea.\n`,
  // Ten paragraphs (lines 6 to 24), then a table of 250 rows on line 26, longer than both columns of a page
  '02-lange-tabel.md': `${frontmatter('Lange tabel')}${paragraphs(10)}\n\n| Stap | Wat |\n|---|---|\n${Array.from({length: 250}, (_, index) => `| ${index + 1} | Een stap |`).join('\n')}\n`,
  // Ten paragraphs, then on line 26 a table whose words cannot wrap (in a card of its own: Chromium
  // shrinks a whole document with something too wide to fit the page, which moves every page break)
  '../breed/01-te-breed.md': `${frontmatter('Te breed')}${paragraphs(10)}\n\n| ${Array.from({length: 6}, () => 'Onafbreekbaarlangwoordzonderspaties').join(' | ')} |\n|${'---|'.repeat(6)}\n| ${Array.from({length: 6}, () => 'a').join(' | ')} |\n`,
  // Twelve paragraphs (lines 6, 8, …, 28) fill the page; the closing quote on line 30 stands alone on the next
  '03-bijna-leeg.md': `${frontmatter('Bijna leeg')}${paragraphs(12)}\n\n> Een citaat dat het thema afsluit.\n`
}

interface Found {
  rule: string | undefined
  file: string
  line: number | undefined
  column: number | undefined
}

function preflightFindings(files: VFile[], root: string): Found[] {
  return files
    .flatMap((file) =>
      file.messages
        .filter((message) => message.ruleId?.startsWith('pdf-') && message.ruleId !== 'pdf-request-blocked')
        .map((message) => ({rule: message.ruleId, file: path.relative(root, file.path), line: message.line, column: message.column}))
    )
    .sort((a, b) => a.file.localeCompare(b.file) || (a.rule ?? '').localeCompare(b.rule ?? ''))
}

describe('the print preflight', () => {
  const browser = sharedBrowser()
  let root: string

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'kenniskaart-preflight-'))
    await mkdir(path.join(root, 'content/kaart'), {recursive: true})
    await mkdir(path.join(root, 'content/breed'), {recursive: true})
    await writeFile(path.join(root, 'content/kaart/index.md'), '---\ntitle: Kaart\n---\n\nIntro.\n')
    await writeFile(path.join(root, 'content/breed/index.md'), '---\ntitle: Breed\n---\n\nIntro.\n')
    for (const [name, text] of Object.entries(themes)) await writeFile(path.join(root, 'content/kaart', name), text)
  })

  afterAll(async () => {
    await rm(root, {recursive: true, force: true})
  })

  it('reports a split TIPS box and table, a nearly empty page and text wider than the page, each at its place in the theme', async () => {
    const result = await build({contentDir: path.join(root, 'content'), pdf: {browser: browser()}})
    expect(result.failed).toBe(false)
    expect(preflightFindings(result.files, root)).toEqual([
      {rule: 'pdf-text-outside-page', file: 'content/breed/01-te-breed.md', line: 26, column: 1},
      {rule: 'pdf-box-split', file: 'content/kaart/01-lange-tips.md', line: 4, column: 1},
      {rule: 'pdf-box-split', file: 'content/kaart/02-lange-tabel.md', line: 26, column: 1},
      {rule: 'pdf-page-nearly-empty', file: 'content/kaart/03-bijna-leeg.md', line: 30, column: 1}
    ])
    const reasons = result.files.flatMap((file) => file.messages.map((message) => message.reason))
    expect(reasons.sort()).toEqual([
      'Page 11 of `kaart.pdf` is nearly empty: its content ends 2% of the way down the page\'s text area, starting with this',
      'Text runs past the edge of the page\'s text area in `breed.pdf`: “Onafbreekbaarlangwoordzonderspaties”',
      'The TIPS box is split across pages 4 and 5 of `kaart.pdf`',
      'The table is split across pages 6 and 9 of `kaart.pdf`'
    ])
  }, 120_000)

  it('replays the findings of a cached PDF in a warm build', async () => {
    const out = path.join(root, 'dist')
    const cacheDir = path.join(root, 'cache')
    const run = () => runCli(['build', '--content', path.join(root, 'content'), '--out', out, '--cache-dir', cacheDir, '--format', 'json'], {cwd: root})
    const rules = (stdout: string) =>
      summaryFindings<{rule: string; file: string; line: number}>(stdout)
        .filter((finding) => finding.rule.startsWith('pdf-'))
        .map(({rule, file, line}) => ({rule, file, line}))
        .sort((a, b) => a.file.localeCompare(b.file))
    const cold = await run()
    const warm = await run()
    expect(rules(cold.stdout)).toHaveLength(4)
    expect(rules(warm.stdout)).toEqual(rules(cold.stdout))
  }, 180_000)
})

describe('fonts in a printed PDF', () => {
  it('names a font the PDF uses without embedding it (a standard font), and none in a PDF Chromium printed', async () => {
    const document = await PDFDocument.create()
    const font = await document.embedFont(StandardFonts.Helvetica)
    document.addPage([200, 200]).drawText('Hallo', {font, x: 20, y: 100})
    expect(printedGeometry(await document.save({useObjectStreams: false}))?.unembeddedFonts).toEqual(['Helvetica'])
  })
})

describe('the bundled cards', () => {
  it('print with no preflight warnings', async () => {
    const result = await build({contentDir: path.join(repoRoot, 'content'), pdf: {}})
    expect(result.failed).toBe(false)
    expect(result.pdfs.length).toBeGreaterThanOrEqual(4)
    expect(preflightFindings(result.files, repoRoot)).toEqual([])
  }, 180_000)
})
