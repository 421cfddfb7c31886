import {readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {bookletHalves} from '../helpers/booklet-halves.js'
import {type CliResult, projectWithContent, repoRoot, runCli} from '../helpers/cli.js'
import {type ReadPdf, readPdf} from '../helpers/read-pdf.js'

// Slow: the real CLI with the real browser, on the fixture card `leesclub`,
// whose frontmatter names the handout `voorlezen-a5` (size A5).

const env = {SOURCE_DATE_EPOCH: '1700000000'}
let project: string
const pdf = async (...args: string[]): Promise<CliResult> => runCli(['pdf', 'leesclub', ...args], {cwd: project, env})
const read = (name: string): Promise<ReadPdf> => readPdf(readFileSync(path.join(project, name)))
const normalised = (text: string) => text.replace(/\s+/g, ' ').trim()

beforeAll(async () => {
  project = await projectWithContent(path.join(repoRoot, 'test/fixtures/pdf-card/content'))
})

describe('pdf --handout', () => {
  it('prints the handout named in the frontmatter: its themes, title and size, to <card>-<handout>.pdf', async () => {
    const run = await pdf('--handout', 'voorlezen-a5')
    expect(run.code).toBe(0)
    const handout = await read('leesclub-voorlezen-a5.pdf')
    expect(handout.info['Page size']).toContain('(A5)')
    expect(handout.info.Title).toBe('Voorlezen en leesclubs')
    const text = handout.pageTexts.join('\n')
    expect(text).toContain('Leesclub opzetten')
    expect(text).not.toContain('Leesmotivatie')
  }, 60_000)

  it('prints it at an explicit --size instead of its own', async () => {
    const run = await pdf('--handout', 'voorlezen-a5', '--size', 'a4', '--out', 'a4.pdf')
    expect(run.code).toBe(0)
    expect((await read('a4.pdf')).info['Page size']).toContain('(A4)')
  }, 60_000)

  it('refuses a handout the card does not name with exit 2, the likely one and the list', async () => {
    const run = await pdf('--handout', 'voorlezn-a5')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('Card `leesclub` has no handout `voorlezn-a5`')
    expect(run.stderr).toContain('Did you mean `voorlezen-a5`? Its handouts are: voorlezen-a5.')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  }, 60_000)
})

describe('pdf --themes with --title and --size in lower case', () => {
  it('prints an ad-hoc handout in A5 under the title given', async () => {
    const run = await pdf('--themes', 'leesmotivatie', '--title', 'Lezen met plezier', '--size', 'a5')
    expect(run.code).toBe(0)
    const handout = await read('leesclub-leesmotivatie.pdf')
    expect(handout.info['Page size']).toContain('(A5)')
    expect(handout.info.Title).toBe('Lezen met plezier')
    expect(handout.pageTexts[0]!.toLowerCase()).toContain('lezen met plezier')
  }, 60_000)
})

describe('pdf --booklet', () => {
  /** The A5 pages and the booklet of the same publication. */
  async function pagesAndBooklet(args: string[], bookletName: string): Promise<{pages: ReadPdf; booklet: ReadPdf; run: CliResult}> {
    const single = await pdf(...args, '--size', 'A5', '--out', `${bookletName}-pages.pdf`)
    expect(single.code).toBe(0)
    const run = await pdf(...args, '--booklet')
    expect(run.code).toBe(0)
    return {pages: await read(`${bookletName}-pages.pdf`), booklet: await read(bookletName), run}
  }

  /** Each half of each sheet side holds the page booklet order puts there, or nothing. */
  function expectBookletOrder(pages: ReadPdf, booklet: ReadPdf, order: Array<[number, number]>): void {
    expect(bookletHalves(booklet)).toEqual(order.map((pair) => pair.map((page) => (page === 0 ? '' : normalised(pages.pageTexts[page - 1]!)))))
  }

  it('imposes a 4-page A5 handout on 2 A4 landscape sides, [4, 1] then [2, 3], with its information', async () => {
    const {pages, booklet, run} = await pagesAndBooklet(['--handout', 'voorlezen-a5'], 'leesclub-voorlezen-a5-booklet.pdf')
    expect(pages.pageCount).toBe(4)
    expect(booklet.pageCount).toBe(2 * Math.ceil(pages.pageCount / 4))
    expect(booklet.info['Page size']).toBe('841.89 x 595.28 pts (A4)')
    expectBookletOrder(pages, booklet, [[4, 1], [2, 3]])
    expect(booklet.info.Title).toBe('Voorlezen en leesclubs')
    expect(booklet.info.Producer).toMatch(/^kenniskaart/)
    expect(booklet.info.CreationDate).toContain('2023')
    expect(run.stderr).toContain('a booklet of 4 A5 pages on 2 A4 sides: print duplex, flip on short edge')
  }, 120_000)

  it('pads the 6-page card to 8 with blank pages: 4 sides, the blanks inside the back cover', async () => {
    const {pages, booklet} = await pagesAndBooklet([], 'leesclub-booklet.pdf')
    expect(pages.pageCount).toBe(6)
    expect(booklet.pageCount).toBe(4)
    for (const page of booklet.document.getPages()) expect([Math.round(page.getWidth()), Math.round(page.getHeight())]).toEqual([842, 595])
    expectBookletOrder(pages, booklet, [[0, 1], [2, 0], [6, 3], [4, 5]])
  }, 120_000)

  it('writes the same bytes again under SOURCE_DATE_EPOCH', async () => {
    const first = readFileSync(path.join(project, 'leesclub-booklet.pdf'))
    const run = await pdf('--booklet', '--out', 'again.pdf')
    expect(run.code).toBe(0)
    expect(readFileSync(path.join(project, 'again.pdf')).equals(first)).toBe(true)
  }, 60_000)
})
