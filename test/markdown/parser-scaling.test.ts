import type {List} from 'mdast'
import {toHast} from 'mdast-util-to-hast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {loadThemeFile} from '../../src/content/load-files.js'
import {listItemLinear} from '../../src/markdown/list-item-linear.js'
import remarkGfmLinear from '../../src/markdown/remark-gfm-linear.js'
import {maxInlineMarkersPerParagraph, maxLinesPerParagraph, withinParseLimits} from '../../src/markdown/parse-guard.js'

/*
 * The per-file Markdown step is linear in the input, whatever its shape: shapes
 * that made the parser quadratic are either parsed in linear time (GFM autolink
 * literals, long lists) or refused before parsing (`markdown-too-complex`), and
 * what the guard lets through stays linear. As in citation-performance.test.ts,
 * times are the process's CPU time, compared between sizes, never against a
 * number of seconds; the best of a few runs damps the noise of a busy machine.
 */

const head = '---\ntitle: Thema\nsummary: Een samenvatting.\n---\n\n'

async function cpuTime(run: () => Promise<unknown> | unknown, attempts = 2): Promise<number> {
  let best = Number.POSITIVE_INFINITY
  for (let attempt = 0; attempt < attempts; attempt++) {
    const started = process.cpuUsage()
    await run()
    const used = process.cpuUsage(started)
    best = Math.min(best, used.user + used.system)
  }
  return best
}

/** The per-file step of a theme file, as `check` and `build` run it. */
function themeFile(body: string): VFile {
  return new VFile({path: '01-thema.md', value: head + body + '\n', data: {readable: true}})
}

const step = (body: string) => () => loadThemeFile(themeFile(body))

/** Rule ids of what the step reported. */
async function findingsOf(body: string): Promise<string[]> {
  const file = themeFile(body)
  await loadThemeFile(file)
  return file.messages.map((message) => String(message.ruleId))
}

// Each shape grows one paragraph; 5 KB and eight times that. Linear is 8× the
// time, quadratic 64×: the bound is 24×.
const refusedShapes: Record<string, (size: number) => string> = {
  '`[a] ` repeated (label ends)': (size) => '[a] '.repeat(size / 4),
  '`![a] ` repeated': (size) => '![a] '.repeat(size / 5),
  '`[a][b] ` undefined references': (size) => '[a][b] '.repeat(size / 7),
  '`[^a]` footnote calls': (size) => '[^a] '.repeat(size / 5),
  '`a* ` emphasis closers': (size) => 'a* '.repeat(size / 3),
  '`*a` openers then `b*` closers': (size) => '*a '.repeat(size / 6) + 'b* '.repeat(size / 6),
  '`a~ ` strikethrough closers': (size) => 'a~ '.repeat(size / 3),
  '`<!--` comments never closed': (size) => 'a <!-- '.repeat(size / 7),
  'backticks of growing lengths': (size) => {
    let text = ''
    for (let run = 1; text.length < size; run++) text += '`'.repeat(run) + 'a'
    return text
  },
  '`a|b` lines in one paragraph': (size) => 'a|b\n'.repeat(size / 4)
}

describe('the per-file step refuses paragraphs the parser cannot take in linear time', () => {
  for (const [name, shape] of Object.entries(refusedShapes)) {
    it(`runs ${name} in linear time`, async () => {
      await cpuTime(step(shape(2_000)), 1)
      const small = await cpuTime(step(shape(5_000)), 3)
      const large = await cpuTime(step(shape(40_000)))
      expect(large / small).toBeLessThan(24)
      expect(await findingsOf(shape(40_000))).toContain('markdown-too-complex')
    })
  }

  it('lets through a paragraph at the limits, and many of them in linear time', async () => {
    // 500 `[a] ` (1,000 markers) after a long run of words: as much work per
    // paragraph as the guard admits.
    const paragraph = `${'woord '.repeat(2_000)}${'[a] '.repeat(maxInlineMarkersPerParagraph / 2)}\n\n`
    expect(await findingsOf(paragraph)).not.toContain('markdown-too-complex')
    await cpuTime(step(paragraph), 1)
    const small = await cpuTime(step(paragraph.repeat(2)), 3)
    const large = await cpuTime(step(paragraph.repeat(16)))
    expect(large / small).toBeLessThan(24)
  })

  it('reports the paragraph over the limit at its first character, and parses nothing', async () => {
    const file = themeFile(`Een gewone alinea.\n\n  ${'[a] '.repeat(maxInlineMarkersPerParagraph / 2 + 1)}\nnog een regel\n`)
    expect(withinParseLimits(file)).toBe(false)
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['markdown-too-complex', 8, 3]])
    expect(file.messages[0]!.reason).toBe(`This paragraph has ${maxInlineMarkersPerParagraph + 2} brackets, emphasis marks and other inline markers; the limit is 1000`)
  })

  it('counts lines per paragraph, not per file', () => {
    expect(withinParseLimits(themeFile('regel\n'.repeat(maxLinesPerParagraph)))).toBe(true)
    expect(withinParseLimits(themeFile(('regel\n'.repeat(maxLinesPerParagraph / 2) + '\n').repeat(10)))).toBe(true)
    expect(withinParseLimits(themeFile('regel\n'.repeat(maxLinesPerParagraph + 1)))).toBe(false)
  })

  it('does not count escaped markers, list bullets or the frontmatter', () => {
    expect(withinParseLimits(themeFile('\\[a\\] '.repeat(maxInlineMarkersPerParagraph)))).toBe(true)
    expect(withinParseLimits(themeFile('* [a](b)\n'.repeat(maxInlineMarkersPerParagraph / 2)))).toBe(true)
    const frontmatter = `---\ntitle: Thema\nsummary: Een samenvatting.\nx: "${'['.repeat(2 * maxInlineMarkersPerParagraph)}"\n---\n\nTekst.\n`
    expect(withinParseLimits(new VFile({path: '01-thema.md', value: frontmatter}))).toBe(true)
  })

  it('does not split a paragraph at a line that only looks like a list item (`2.`)', () => {
    const lines = `tekst\n${'2. [a] [a] [a]\n'.repeat(maxInlineMarkersPerParagraph / 6 + 1)}`
    expect(withinParseLimits(themeFile(lines))).toBe(false)
  })
})

describe('shapes parsed in linear time at the root', () => {
  it('parses an open `[` followed by many words (GFM autolink literals) in linear time', async () => {
    const shape = (size: number) => `[a, ${'p '.repeat(size / 2)}`
    await cpuTime(step(shape(2_000)), 1)
    const small = await cpuTime(step(shape(10_000)), 3)
    const large = await cpuTime(step(shape(80_000)))
    expect(large / small).toBeLessThan(24)
    expect(await findingsOf(shape(80_000))).not.toContain('markdown-too-complex')
  })

  it('finds the same autolink literals as remark-gfm, inside and after brackets', () => {
    const upstream = unified().use(remarkParse).use(remarkGfm)
    const linear = unified().use(remarkParse).use(remarkGfmLinear)
    const inputs = [
      '[a](b) www.example.com',
      '[www.example.com] [a www.b.com',
      '[a] www.b.com ![a](b) www.c.com [[a]] www.d.com',
      '[a [b](c) www.x.com] www.y.com',
      '[x](https://a.b) https://c.d [https://e.f](g) [h https://i.j',
      'a@b.co [x a@b.co] a@b.co ![a [b] c@d.co] e@f.co',
      '[![a](b) www.c.com](d) www.e.com',
      '[[[a] www.b.com] www.c.com] www.d.com',
      '[a][b] www.c.com [^1] www.d.com\n\n[b]: x\n[^1]: y'
    ]
    for (const input of inputs) expect(linear.parse(input)).toEqual(upstream.parse(input))
  })

  it('turns a tight list into HTML in linear time in its length', async () => {
    const list = (items: number): List => ({
      type: 'list',
      spread: false,
      children: Array.from({length: items}, () => ({type: 'listItem', spread: false, children: [{type: 'paragraph', children: [{type: 'text', value: 'a'}]}]}))
    })
    const run = (items: number) => () => toHast({type: 'root', children: [list(items)]}, {handlers: {listItem: listItemLinear}})
    await cpuTime(run(1_000), 1)
    const small = await cpuTime(run(5_000), 3)
    const large = await cpuTime(run(40_000))
    expect(large / small).toBeLessThan(24)
  })

  it('keeps tight and loose lists as mdast-util-to-hast makes them', () => {
    const item = (spread: boolean) => ({type: 'listItem' as const, spread, children: [{type: 'paragraph' as const, children: [{type: 'text' as const, value: 'a'}]}]})
    for (const items of [[item(false), item(false)], [item(false), item(true)]]) {
      const tree = {type: 'root' as const, children: [{type: 'list' as const, spread: false, children: items}]}
      expect(toHast(tree, {handlers: {listItem: listItemLinear}})).toEqual(toHast(tree))
    }
  })
})

describe('what ends a paragraph for the guard', () => {
  const over = (separator: string) => themeFile(`tekst ${'[a] '.repeat(maxInlineMarkersPerParagraph / 4)}${separator}${'[a] '.repeat(maxInlineMarkersPerParagraph / 4 + 1)}`)

  it('splits at blank lines and at lines of only `>` markers', () => {
    for (const separator of ['\n\n', '\n  \t\n', '\n>\n', '\n> >  >\n', '\r\r', '\r\n\r\n']) expect(withinParseLimits(over(separator))).toBe(true)
  })

  it('does not split at lines that continue the paragraph in CommonMark', () => {
    // Indented four spaces, `>`, `#` and `-` are text; `2.` cannot interrupt a paragraph.
    for (const separator of ['\n    >\n', '\n    # x\n', '\n    - x\n', '\n2. x\n', '\r']) expect(withinParseLimits(over(separator))).toBe(false)
  })
})
