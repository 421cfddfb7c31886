import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {Element} from 'hast'
import {select, selectAll} from 'hast-util-select'
import {toHtml} from 'hast-util-to-html'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {charsThatFit, wrapLabel} from '../../src/diagrams/wrap-label.js'
import {processMarkdown} from '../../src/markdown/processor.js'
import {repoRoot} from '../helpers/content.js'
import {text} from '../helpers/html.js'

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'diagrams')

/** A theme file whose body starts on line 6, so a body line n is file line n + 5. */
async function render(body: string) {
  const file = new VFile({path: '/kaart/02-thema.md', value: `---\ntitle: T\nsummary: S\n---\n\n${body}\n`})
  const {tree} = await processMarkdown(file)
  return {file, tree, findings: findingsOf(file), svg: select('figure.diagram-figure > svg', tree)}
}

/** The findings with their ranges, to compare exactly. */
function findingsOf(file: VFile) {
  return file.messages.map((message) => {
    const place = message.place
    const end = place && 'end' in place ? {endLine: place.end.line, endColumn: place.end.column} : {}
    return {rule: message.ruleId, line: message.line, column: message.column, ...end, severity: message.fatal ? 'error' : 'warning', message: message.reason}
  })
}

async function fixture(name: string) {
  return render(await readFile(path.join(fixtures, `${name}.md`), 'utf8'))
}

/** The lines of text a diagram shows, one per `<text>`, its `<tspan>` lines joined by spaces. */
function shownTexts(svg: Element | undefined): string[] {
  return svg ? selectAll('text', svg).map((node) => selectAll('tspan', node).map((span) => text(span)).join(' ')) : []
}

function expectAccessibleSvg(svg: Element | undefined, kind: string) {
  expect(svg?.properties).toMatchObject({role: 'img', className: ['diagram', `diagram-${kind}`]})
  // <title> and <desc> come first, so they name and describe the image
  expect(svg?.children.slice(0, 2).map((child) => (child as Element).tagName)).toEqual(['title', 'desc'])
  expect(text(select('title', svg!))).not.toBe('')
  expect(text(select('desc', svg!))).not.toBe('')
}

describe('diagrams drawn from fenced code', () => {
  it('draws a ```cycle list as numbered steps round a ring, the title from the info string', async () => {
    const {svg, tree, findings} = await fixture('cycle')
    expect(findings).toEqual([])
    expectAccessibleSvg(svg, 'cycle')
    expect(text(select('title', svg!))).toBe('De zes stappen van de leergang')
    expect(text(select('figure > figcaption', tree))).toBe('De zes stappen van de leergang')
    const shown = shownTexts(svg)
    for (const label of ['Ambitie ontwikkelen', 'Samen onderzoeken wat er nodig is', 'Plannen', 'Uitvoeren in de klas', "Resultaten bespreken met collega's en leerlingen", 'Borgen']) {
      expect(shown).toContain(label)
    }
    // Order is carried by numbers and arrowheads, not by colour
    expect(shown.filter((line) => /^\d$/.test(line))).toEqual(['1', '2', '3', '4', '5', '6'])
    expect(selectAll('.diagram-arrow', svg!)).toHaveLength(6)
    expect(text(select('desc', svg!))).toBe("1. Ambitie ontwikkelen → 2. Samen onderzoeken wat er nodig is → 3. Plannen → 4. Uitvoeren in de klas → 5. Resultaten bespreken met collega's en leerlingen → 6. Borgen → 1. Ambitie ontwikkelen")
  })

  it('keeps every box of a cycle apart from its neighbours, however many steps', async () => {
    for (const count of [3, 4, 5, 6, 7, 8]) {
      const {svg} = await render(['```cycle', ...Array.from({length: count}, (_, index) => `- Een stap met een vrij lange naam nummer ${index + 1}`), '```'].join('\n'))
      const boxes = selectAll('.diagram-box', svg!).map((box) => ({x: Number(box.properties.x), y: Number(box.properties.y), width: Number(box.properties.width), height: Number(box.properties.height)}))
      expect(boxes).toHaveLength(count)
      for (const [index, box] of boxes.entries()) {
        const next = boxes[(index + 1) % count]!
        const overlap = box.x < next.x + next.width && next.x < box.x + box.width && box.y < next.y + next.height && next.y < box.y + box.height
        expect(overlap, `${count} steps: box ${index + 1} and the next`).toBe(false)
      }
    }
  })

  it('draws a ```steps list as numbered phases, down the column when there are more than four', async () => {
    const {svg, findings} = await fixture('steps')
    expect(findings).toEqual([])
    expectAccessibleSvg(svg, 'steps')
    // one under the other: every chevron starts at the left edge, each lower than the one before
    const phases = selectAll('.diagram-phase', svg!).map((phase) => /^M(\d+) (\d+(?:\.\d+)?)/.exec(String(phase.properties.d))!.slice(1).map(Number))
    expect(phases.map(([x]) => x)).toEqual([1, 1, 1, 1, 1])
    expect(phases.map(([, y]) => y)).toEqual([...phases.map(([, y]) => y)].sort((a, b) => a! - b!))
    expect(shownTexts(svg)).toEqual(['1', 'Oriënteren', '2', 'Verkennen', '3', 'Ontwerpen', '4', 'Uitvoeren en bijstellen', '5', 'Borgen in de organisatie'])
    const across = await fixture('steps-across')
    expectAccessibleSvg(across.svg, 'steps')
    expect(shownTexts(across.svg)).toEqual(['1', 'Startbekwaam', '2', 'Basisbekwaam', '3', 'Vakbekwaam'])
    expect(select('figcaption', across.tree)).toBeUndefined()
  })

  it('draws a bar chart with its axes, ticks, labels and the values as written', async () => {
    const {svg, tree, findings} = await fixture('chart-bar')
    expect(findings).toEqual([])
    expectAccessibleSvg(svg, 'chart')
    expect(text(select('figcaption', tree))).toBe('Uitval per jaar (voorbeeld)')
    const shown = shownTexts(svg)
    expect(shown).toEqual(expect.arrayContaining(['0', '5', '10', '15', '20', '12', '15.5', '17,5', '14', '2019', '2020', '2021', '2022', 'Uitval (%)', 'Jaar']))
    const bars = selectAll('.diagram-bar', svg!).map((bar) => Number(bar.properties.height))
    expect(bars).toHaveLength(4)
    // Heights follow the values: 12 : 15.5 : 17.5 : 14
    expect(bars[1]! / bars[0]!).toBeCloseTo(15.5 / 12, 2)
    expect(bars[2]! / bars[0]!).toBeCloseTo(17.5 / 12, 2)
    expect(text(select('desc', svg!))).toBe('Jaar → Uitval (%): 2019: 12; 2020: 15.5; 2021: 17,5; 2022: 14.')
  })

  it('draws a line chart through its points, with a zero line under a negative value', async () => {
    const {svg, findings} = await fixture('chart-line')
    expect(findings).toEqual([])
    expectAccessibleSvg(svg, 'chart')
    expect(selectAll('.diagram-point', svg!)).toHaveLength(4)
    expect(String(select('.diagram-line', svg!)?.properties.points).split(' ')).toHaveLength(4)
    // the value axis, and the zero line across it
    expect(selectAll('.diagram-axis', svg!)).toHaveLength(2)
    expect(shownTexts(svg)).toEqual(expect.arrayContaining(['-20', '0', '80', '40', '55', '-5', '70', 'januari', 'april', 'Deelnemers', 'Maand']))
  })

  it('draws a ```flow block as two axes and three labelled zones of different lightness', async () => {
    const {svg, findings} = await fixture('flow')
    expect(findings).toEqual([])
    expectAccessibleSvg(svg, 'flow')
    expect(shownTexts(svg)).toEqual(['Frustratie', 'Flow', 'Verveling', 'Vaardigheid', 'Uitdaging'])
    // Greyscale proxy: the zones' own fills (the fallback without the theme) differ in lightness, and edges bound the channel
    const lightness = ['high', 'middle', 'low'].map((zone) => luminance(String(select(`.diagram-zone-${zone}`, svg!)?.properties.fill)))
    expect(Math.min(Math.abs(lightness[0]! - lightness[1]!), Math.abs(lightness[1]! - lightness[2]!), Math.abs(lightness[0]! - lightness[2]!))).toBeGreaterThan(0.1)
    expect(selectAll('.diagram-edge', svg!)).toHaveLength(2)
  })

  it('escapes what the content writes: markup in a label stays text', async () => {
    const {svg, file} = await render('```steps <svg onload=alert(1)>\n- <script>alert(1)</script>\n- a & b "c"\n```')
    expect(selectAll('script', svg!)).toHaveLength(0)
    expect(shownTexts(svg)).toContain('<script>alert(1)</script>')
    const html = toHtml(select('figure', (await processMarkdown(file)).tree)!)
    expect(html).not.toContain('<script')
    expect(html).not.toMatch(/<svg onload/)
    expect(html).toContain('&#x3C;script>')
  })

  it('lets no SVG or diagram marker written as HTML through', async () => {
    const {tree, findings} = await render('<svg><circle r="5"/></svg>\n\n<figure data-diagram=\'{"kind":"flow","x":"a"}\'>x</figure>')
    expect(selectAll('svg', tree)).toHaveLength(0)
    expect(select('[data-diagram]', tree)).toBeUndefined()
    expect(findings.map((finding) => finding.rule)).toEqual(['html-removed', 'html-removed'])
  })

  it('gives a diagram whose title repeats the heading above it no caption', async () => {
    const {tree} = await render('## Flow\n\n```flow\ntitle: Flow\nx: a\ny: b\nlow: c\nmiddle: d\nhigh: e\n```')
    expect(select('svg title', tree)).toBeDefined()
    expect(select('figcaption', tree)).toBeUndefined()
  })
})

describe('mistakes in diagram blocks', () => {
  it('places a value that is not a number at its CSV line and column, the block shown as code', async () => {
    const {findings, svg, tree} = await render(['Tekst.', '', '```chart', 'type: bar', 'x: Jaar', 'y: Uitval', '---', 'Jaar,Uitval', '2012,15', '2013, 1O ', '```'].join('\n'))
    // body line 10 is file line 15; `1O` starts after `2013, ` at column 7 and ends before column 9
    expect(findings).toEqual([{rule: 'diagram-chart-value', line: 15, column: 7, endLine: 15, endColumn: 9, severity: 'error', message: 'The `Uitval` value `1O` is not a number'}])
    expect(svg).toBeUndefined()
    expect(select('pre > code.language-chart', tree)).toBeDefined()
  })

  it('places a bad value inside a list item or quote at its column in the file', async () => {
    const {findings} = await render(['> ```chart', '> type: line', '> x: a', '> y: b', '> ---', '> a,b', '> x,"twaalf"', '> ```'].join('\n'))
    expect(findings).toMatchObject([{rule: 'diagram-chart-value', line: 12, column: 5, endColumn: 13}])
  })

  it('reports the other chart mistakes where they are written', async () => {
    const missingColumn = await render(['```chart', 'type: bar', 'x: Jaar', 'y: Percentage', '---', 'Jaar,Uitval', '2012,15', '```'].join('\n'))
    expect(missingColumn.findings).toMatchObject([{rule: 'diagram-chart-column', line: 9, column: 4, endLine: 9, endColumn: 14}])
    const shortRow = await render(['```chart', 'type: bar', 'x: a', 'y: b', '---', 'a,b', '1,2,3', '4', '```'].join('\n'))
    expect(shortRow.findings).toMatchObject([{rule: 'diagram-chart-csv', line: 12, column: 5}, {rule: 'diagram-chart-csv', line: 13, column: 2}])
    const noSeparator = await render(['```chart', 'type: bar', 'x: a', 'y: b', '```'].join('\n'))
    expect(noSeparator.findings).toMatchObject([{rule: 'diagram-chart-csv', line: 6, column: 1}])
    const badType = await render(['```chart', 'type: pie', 'x: a', 'y: b', '---', 'a,b', '1,2', '```'].join('\n'))
    expect(badType.findings).toMatchObject([{rule: 'diagram-yaml-invalid', line: 7, column: 7, endColumn: 10}])
  })

  it('reports list lines that are not items, and too few or too many steps', async () => {
    const notItem = await render('```cycle\n- a\nb\n- c\n```')
    expect(notItem.findings).toMatchObject([{rule: 'diagram-list-item', line: 8, column: 1, endColumn: 2}])
    const empty = await render('```steps\n```')
    expect(empty.findings).toMatchObject([{rule: 'diagram-list-count', line: 6, column: 1, message: 'The steps diagram has no steps'}])
    const tooMany = await render(['```cycle', ...'abcdefghi'.split('').map((step) => `- ${step}`), '```'].join('\n'))
    expect(tooMany.findings).toMatchObject([{rule: 'diagram-list-count', line: 15, column: 1}])
  })

  it('warns of an unknown key and still draws; a missing key is an error at the fence', async () => {
    const unknown = await render('```flow\nx: a\ny: b\nlow: c\nmiddle: d\nhigh: e\ncolour: red\n```')
    expect(unknown.findings).toMatchObject([{rule: 'diagram-key-unknown', severity: 'warning', line: 12, column: 1, endColumn: 7}])
    expect(unknown.svg).toBeDefined()
    const missing = await render('```flow\nx: a\ny: b\nlow: c\nmidle: d\nhigh: e\n```')
    expect(missing.findings).toMatchObject([{rule: 'diagram-key-unknown', line: 10}, {rule: 'diagram-key-missing', severity: 'error', line: 6, column: 1}])
    expect(missing.svg).toBeUndefined()
    const notYaml = await render('```flow\nx: [a\n```')
    expect(notYaml.findings).toMatchObject([{rule: 'diagram-yaml-invalid', line: 7}])
  })
})

describe('wrapping labels without measuring them', () => {
  it('breaks at spaces within the line length, cuts a word longer than a line, and ends a cut label in an ellipsis', () => {
    expect(wrapLabel('Samen onderzoeken wat er nodig is', 15)).toEqual(['Samen', 'onderzoeken wat', 'er nodig is'])
    expect(wrapLabel('Professionaliseringsactiviteiten', 12)).toEqual(['Professiona-', 'liseringsac-', 'tiviteiten'])
    expect(wrapLabel('een twee drie vier vijf zes zeven acht', 9, 2)).toEqual(['een twee', 'drie vie…'])
    for (const line of wrapLabel('Resultaten bespreken met collega\'s en leerlingen, daarna borgen in het beleid', 14, 10)) expect([...line].length).toBeLessThanOrEqual(14)
  })

  it('wraps a label of a million characters as fast as a short one', () => {
    const started = performance.now()
    const lines = wrapLabel('x'.repeat(1_000_000), 14, 3)
    expect(performance.now() - started).toBeLessThan(500)
    expect(lines).toEqual(['xxxxxxxxxxxxx-', 'xxxxxxxxxxxxx-', 'xxxxxxxxxxxxx…'])
  })

  it('counts every character as wide: more than a bold average', () => {
    expect(charsThatFit(120, 12)).toBe(16)
  })
})

/** Relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = Number.parseInt(hex.slice(start, start + 2), 16) / 255
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

