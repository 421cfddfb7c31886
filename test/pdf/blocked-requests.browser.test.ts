import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {VFile} from 'vfile'
import {build} from '../../src/build.js'
import {cardPublication, handoutPublication} from '../../src/card/publication.js'
import {loadContent} from '../../src/content/load-content.js'
import {blockedRequestReporter} from '../../src/pdf/blocked-requests.js'
import {renderPublications} from '../../src/pdf/render-publications.js'
import {renderSite} from '../../src/render/site.js'
import {repoRoot} from '../helpers/content.js'
import {sharedBrowser} from '../helpers/shared-browser.js'

// Slow: prints with the real browser. A local theme whose stylesheets name
// files the print page may not load, and a card printed with a handout of
// the same theme, so every blocked request is asked for twice.

const printCss = [
  '@import url("fonts.css");',
  '@import "https://cdn.example.invalid/extra.css";',
  'body {',
  '  background-image: url(https://cdn.example.invalid/paper.png);',
  '  font-family: "Ontbreekt", sans-serif;',
  '}'
].join('\n')

const fontsCss = ['/* Een lettertype dat er niet is */', '@font-face {', '  font-family: "Ontbreekt";', '  src: url("fonts/ontbreekt.woff2");', '}', ''].join('\n')

const theme = [
  '---',
  'title: Thema',
  'summary: Over het thema.',
  'tips:',
  '  - >',
  '    Kijk eerst',
  '    naar ![de kring](figuren/kring.svg).',
  '---',
  '',
  'Tekst[@bron].',
  ''
].join('\n')

const card = ['---', 'title: Kaart', 'theme: blok', 'sources:', '  - id: bron', '    text: Een bron.', 'handouts:', '  - slug: los', '    themes: [thema]', '---', '', 'Intro.', ''].join('\n')

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="4" fill="#0b6e8a"/></svg>\n'

interface Blocked {
  file: string
  place: unknown
  reason: string
}

function blockedIn(files: VFile[], root: string): Blocked[] {
  return files.flatMap((file) =>
    file.messages
      .filter((message) => message.ruleId === 'pdf-request-blocked')
      .map((message) => ({file: path.relative(root, file.path), place: message.place, reason: message.reason}))
  )
}

describe('requests blocked while printing', () => {
  const browser = sharedBrowser()
  let root: string

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'kenniskaart-blocked-'))
    const bundledPrint = await readFile(path.join(repoRoot, 'themes/kenniskaart/print.css'), 'utf8')
    const site = await readFile(path.join(repoRoot, 'themes/kenniskaart/site.css'), 'utf8')
    await mkdir(path.join(root, 'themes/blok'), {recursive: true})
    await mkdir(path.join(root, 'content/kaart/figuren'), {recursive: true})
    await writeFile(
      path.join(root, 'themes/blok/theme.json'),
      JSON.stringify({name: 'blok', palette: ['#0e6591'], onColor: '#ffffff', stylesheets: {site: 'site.css', print: 'print.css', fonts: 'fonts.css'}, fonts: []})
    )
    // The bundled print rules after ours, without their own @import of fonts.css
    await writeFile(path.join(root, 'themes/blok/print.css'), `${printCss}\n${bundledPrint.replace('@import url("fonts.css");', '')}`)
    await writeFile(path.join(root, 'themes/blok/site.css'), site.replace('@import url("fonts.css");', ''))
    await writeFile(path.join(root, 'themes/blok/fonts.css'), fontsCss)
    await writeFile(path.join(root, 'content/kaart/index.md'), card)
    await writeFile(path.join(root, 'content/kaart/01-thema.md'), theme)
    await writeFile(path.join(root, 'content/kaart/figuren/kring.svg'), svg)
  })

  afterAll(async () => {
    await rm(root, {recursive: true, force: true})
  })

  it('reports each once, on the theme stylesheet at the url() or @import that names it', async () => {
    const result = await build({contentDir: path.join(root, 'content'), pdf: {}})
    expect(result.failed).toBe(false)
    expect(result.pdfs.map((pdf) => pdf.path).sort()).toEqual(['kaart/handouts/los.pdf', 'kaart/kaart.pdf'])
    const blocked = blockedIn(result.files, root)
    // Lines and columns counted in printCss and fontsCss above; a range runs from `url(` or the quote to after `)` or the closing quote
    expect(blocked.map(({file, place}) => ({file, place}))).toEqual(
      expect.arrayContaining([
        {file: 'themes/blok/print.css', place: {start: {line: 2, column: 9}, end: {line: 2, column: 48}}},
        {file: 'themes/blok/print.css', place: {start: {line: 4, column: 21}, end: {line: 4, column: 63}}},
        {file: 'themes/blok/fonts.css', place: {start: {line: 4, column: 8}, end: {line: 4, column: 36}}}
      ])
    )
    expect(blocked).toHaveLength(3)
    expect(blocked.find((finding) => finding.file.endsWith('fonts.css'))?.reason).toContain('assets/blok/fonts/ontbreekt.woff2')
  }, 120_000)

  it('keeps the refused requests with each PDF, so a build reusing it reports the same findings without printing', async () => {
    const {cards, files} = await loadContent(path.join(root, 'content'))
    const loaded = cards[0]!
    const site = (await renderSite(cards)).filter((file) => !file.path.endsWith('kring.svg'))
    const publications = [cardPublication(loaded), handoutPublication(loaded, loaded.handouts[0]!)]
    const printedFiles = [...files]
    const printed = await renderPublications(publications, site, {findingFiles: printedFiles, browser: browser()})
    for (const pdf of printed) expect(new Set(pdf.blockedRequests).size, pdf.path).toBe(pdf.blockedRequests.length)
    expect(printed[0]!.blockedRequests).toEqual(expect.arrayContaining(['https://cdn.example.invalid/extra.css', 'http://kenniskaart.invalid/kaart/figuren/kring.svg']))

    // A later build: the same content, read again, and the PDFs from the cache
    const again = await loadContent(path.join(root, 'content'))
    const replayedFiles = [...again.files]
    const report = blockedRequestReporter(replayedFiles)
    const reread = again.cards[0]!
    for (const pdf of printed) {
      const publication = pdf.publication.kind === 'card' ? cardPublication(reread) : handoutPublication(reread, reread.handouts[0]!)
      pdf.blockedRequests.forEach(report(publication))
    }
    const shown = (findings: Blocked[]) => findings.map(({file, place, reason}) => ({file, place, reason})).sort((a, b) => a.reason.localeCompare(b.reason))
    expect(shown(blockedIn(replayedFiles, root))).toEqual(shown(blockedIn(printedFiles, root)))
    expect(blockedIn(replayedFiles, root).length).toBeGreaterThanOrEqual(4)
  }, 120_000)

  it('reports an image the print page could not load at its place in the Markdown, once for card and handout', async () => {
    const {cards, files} = await loadContent(path.join(root, 'content'))
    const loaded = cards[0]!
    // The image is left out of what the page may load, as if the build had lost it
    const site = (await renderSite(cards)).filter((file) => !file.path.endsWith('kring.svg'))
    const findingFiles = [...files]
    await renderPublications([cardPublication(loaded), handoutPublication(loaded, loaded.handouts[0]!)], site, {findingFiles, browser: browser()})
    const images = blockedIn(findingFiles, root).filter((finding) => finding.reason.includes('kring.svg'))
    // `    naar ![de kring](…)` on line 7 of 01-thema.md: the `!` is in column 10
    expect(images.map(({file, place}) => ({file, place}))).toEqual([{file: 'content/kaart/01-thema.md', place: {line: 7, column: 10}}])
  }, 120_000)
})
