import {cpSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fromHtml} from 'hast-util-from-html'
import {selectAll} from 'hast-util-select'
import {describe, expect, it} from 'vitest'
import {projectWithContent, readTree, repoRoot, runCliInProcess} from '../helpers/cli.js'
import {fixtureCardsDir} from '../helpers/content.js'

// Builds without a browser: the PDFs of "the previous build" are planted by hand
const leesclubContent = path.join(repoRoot, 'test/fixtures/pdf-card/content')

async function twoCards(): Promise<string> {
  const dir = await projectWithContent(leesclubContent)
  cpSync(path.join(fixtureCardsDir, 'three-themes'), path.join(dir, 'content/three-themes'), {recursive: true})
  return dir
}

function changeLeesclub(dir: string): void {
  const theme = path.join(dir, 'content/leesclub/03-leesclub-opzetten.md')
  writeFileSync(theme, readFileSync(theme, 'utf8').replace('vier tot zes', 'drie tot vijf'))
}

const downloadLinks = (html: string) => selectAll('a.download-link', fromHtml(html)).map((link) => link.properties.href)

describe('build --card', () => {
  it('replaces only that card\'s folder, keeps every other file byte for byte, and the index still lists every card', async () => {
    const dir = await twoCards()
    expect((await runCliInProcess(['build', '--no-pdf'], {cwd: dir})).code).toBe(0)
    // Files of the other card that no build of leesclub may touch: changed, added, and a PDF
    const otherPage = path.join(dir, 'dist/three-themes/index.html')
    writeFileSync(otherPage, `${readFileSync(otherPage, 'utf8')}<!-- as the previous build left it -->`)
    writeFileSync(path.join(dir, 'dist/three-themes/three-themes.pdf'), '%PDF-1.7 printed earlier')
    const others = new Map([...(await readTree(path.join(dir, 'dist')))].filter(([file]) => file.startsWith('three-themes/')))

    changeLeesclub(dir)
    const run = await runCliInProcess(['build', '--no-pdf', '--card', 'leesclub'], {cwd: dir})
    expect(run.code, run.stderr).toBe(0)
    cpSync(path.join(dir, 'content'), path.join(dir, 'reference-content'), {recursive: true})
    expect((await runCliInProcess(['build', '--no-pdf', '--content', 'reference-content', '--out', 'reference'], {cwd: dir})).code).toBe(0)

    const after = await readTree(path.join(dir, 'dist'))
    const reference = await readTree(path.join(dir, 'reference'))
    // The other card's files: exactly as before, the planted ones included
    expect(new Map([...after].filter(([file]) => file.startsWith('three-themes/')))).toEqual(others)
    // Everything else: as a full build of the changed content writes it, the index listing both cards
    const rest = (tree: Map<string, Buffer>) => new Map([...tree].filter(([file]) => !file.startsWith('three-themes/')))
    expect(rest(after)).toEqual(rest(reference))
    expect(after.get('leesclub/leesclub-opzetten/index.html')?.toString()).toContain('drie tot vijf')
    const listed = selectAll('a.card-list-link', fromHtml(after.get('index.html')?.toString() ?? '')).map((link) => link.properties.href)
    expect(listed).toEqual(['leesclub/', 'three-themes/'])
  }, 30_000)

  it('lists in the index only cards whose pages are in the output', async () => {
    const dir = await twoCards()
    const run = await runCliInProcess(['build', '--no-pdf', '--card', 'leesclub'], {cwd: dir})
    expect(run.code, run.stderr).toBe(0)
    const index = readFileSync(path.join(dir, 'dist/index.html'), 'utf8')
    expect(selectAll('a.card-list-link', fromHtml(index)).map((link) => link.properties.href)).toEqual(['leesclub/'])
  })
})

describe('build --no-pdf', () => {
  it('keeps the previous PDFs of the cards it builds, offers them for download, and says so', async () => {
    const dir = await twoCards()
    expect((await runCliInProcess(['build', '--no-pdf'], {cwd: dir})).code).toBe(0)
    expect(downloadLinks(readFileSync(path.join(dir, 'dist/leesclub/index.html'), 'utf8'))).toEqual([])
    const planted = {
      'leesclub/leesclub.pdf': '%PDF-1.7 the whole card, printed earlier',
      'leesclub/handouts/voorlezen-a5.pdf': '%PDF-1.7 a handout, printed earlier'
    }
    mkdirSync(path.join(dir, 'dist/leesclub/handouts'))
    for (const [file, contents] of Object.entries(planted)) writeFileSync(path.join(dir, 'dist', file), contents)
    // A PDF of a handout the card no longer has is not kept
    writeFileSync(path.join(dir, 'dist/leesclub/handouts/gone.pdf'), '%PDF-1.7 a handout that was removed')

    for (const args of [['build', '--no-pdf'], ['build', '--no-pdf', '--card', 'leesclub']]) {
      const run = await runCliInProcess(args, {cwd: dir})
      expect(run.code, run.stderr).toBe(0)
      expect(run.stderr).toContain('Kept 2 PDFs from the previous build; they were not reprinted')
      for (const [file, contents] of Object.entries(planted)) expect(readFileSync(path.join(dir, 'dist', file), 'utf8')).toBe(contents)
      expect(existsSync(path.join(dir, 'dist/leesclub/handouts/gone.pdf'))).toBe(false)
      expect(downloadLinks(readFileSync(path.join(dir, 'dist/leesclub/index.html'), 'utf8'))).toEqual(['leesclub.pdf', 'handouts/voorlezen-a5.pdf'])
    }
  }, 30_000)
})
