import fc from 'fast-check'
import {toHtml} from 'hast-util-to-html'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {maxLinePrefixDepth, maxNestingDepth, maxTotalPrefixDepth} from '../../src/markdown/limits.js'
import {findDeepLinePrefix} from '../../src/markdown/nesting-prescan.js'
import {processMarkdown} from '../../src/markdown/processor.js'
import {resolveReferences} from '../../src/render/resolve-references.js'

const head = '---\ntitle: T\nsummary: S.\n---\n\n'

async function run(body: string) {
  const file = new VFile({path: 'kaart/01-t.md', value: head + body})
  const {tree} = await processMarkdown(file)
  const targets = {sourceNumber: () => 1, sourceHref: () => '#b', themeHref: () => undefined, imageSrc: (p: string) => p}
  // Every later stage that recurses: cloning, resolving, serialising
  const html = toHtml(resolveReferences(tree, targets))
  return {file, html, findings: file.messages.filter((m) => m.fatal).map((m) => `${m.ruleId} ${m.line}:${m.column}`)}
}

describe('remark-limits', () => {
  it('passes a quote nested just below the limit through every stage', async () => {
    // root > blockquote × (limit - 2) > paragraph > text: the text stands at the limit
    const {findings, html} = await run(`${'>'.repeat(maxNestingDepth - 2)} x\n`)
    expect(findings).toEqual([])
    expect(html.match(/<blockquote>/g)).toHaveLength(maxNestingDepth - 2)
  })

  it('refuses a quote one level deeper at the first node past the limit', async () => {
    const {findings} = await run(`${'>'.repeat(maxNestingDepth - 1)} x\n`)
    expect(findings).toEqual([`markdown-too-deep 6:${maxNestingDepth + 1}`])
  })

  it('counts the elements raw HTML leaves open across blocks', async () => {
    const {findings} = await run('<div>\n\nx\n\n'.repeat(maxNestingDepth + 5))
    expect(findings).toEqual([`markdown-too-deep ${6 + 4 * (maxNestingDepth - 1)}:1`])
  })

  it('does not count closed, void and repeated list-like elements', async () => {
    const {findings} = await run('<p>a</p><br><img alt="x" src="a.png">\n\n'.repeat(300) + '<ul>' + '<li>x'.repeat(300) + '</ul>\n')
    expect(findings).toEqual([])
  })

  it('refuses a table with more cells than the limit, before HTML pads it', async () => {
    const {findings, html} = await run(`|${'a|'.repeat(5000)}\n|${'-|'.repeat(5000)}\n${'b\n'.repeat(5000)}`)
    expect(findings).toEqual(['table-too-large 6:1'])
    expect(html).not.toContain('<table')
  })

  it('keeps a table of 100 by 100 cells', async () => {
    const {findings} = await run(`|${'a|'.repeat(100)}\n|${'-|'.repeat(100)}\n${'b\n'.repeat(99)}`)
    expect(findings).toEqual([])
  })

  it('refuses a heading of 100 KB', async () => {
    const {findings} = await run(`## ${'x'.repeat(100_000)}\n`)
    expect(findings).toEqual(['heading-too-long 6:1'])
  })

  it('never throws on random nesting of quotes, lists, emphasis and HTML', async () => {
    const opener = fc.constantFrom('> ', '- ', '1. ', '<div>', '<blockquote>', '*a ', '[', '<b>', '<li>', '\n', '  ', ':::note\n')
    await fc.assert(
      fc.asyncProperty(fc.array(opener, {maxLength: 400}), async (parts) => {
        const {file} = await run(`${parts.join('')}x\n`)
        expect(file.messages.every((m) => m.ruleId !== undefined)).toBe(true)
      }),
      {numRuns: 60}
    )
  }, 120_000)
})

describe('findDeepLinePrefix', () => {
  it('finds the marker past the limit on a line of quotes', () => {
    expect(findDeepLinePrefix(`a\n${'>'.repeat(300)} x\n`, maxLinePrefixDepth)).toEqual({place: {line: 2, column: maxLinePrefixDepth + 1}, total: false})
  })

  it('counts list markers twice and indentation once', () => {
    // `- ` is a marker (2) and a column (1)
    expect(findDeepLinePrefix(`${'- '.repeat(66)}x`, maxLinePrefixDepth)).toBeUndefined()
    expect(findDeepLinePrefix(`${'- '.repeat(67)}x`, maxLinePrefixDepth)).toEqual({place: {line: 1, column: 134}, total: false})
    expect(findDeepLinePrefix(`${'10. '.repeat(60)}x`, maxLinePrefixDepth)).toBeDefined()
    expect(findDeepLinePrefix(`${' '.repeat(maxLinePrefixDepth)}x`, maxLinePrefixDepth)).toBeUndefined()
  })

  it('limits the sum over all lines', () => {
    // 90 markers and the space after them: 91 a line
    const text = `${'>'.repeat(90)} x\n`.repeat(3000)
    expect(findDeepLinePrefix(text, maxLinePrefixDepth, maxTotalPrefixDepth)).toEqual({place: {line: Math.floor(maxTotalPrefixDepth / 91) + 1, column: 1}, total: true})
    expect(findDeepLinePrefix(text, maxLinePrefixDepth)).toBeUndefined()
  })

  it('counts open directive containers on every line, blank lines between them too', () => {
    const nested = (depth: number) => ':::kader\n\n'.repeat(depth) + 'x\n' + ':::\n'.repeat(depth)
    expect(findDeepLinePrefix(nested(maxLinePrefixDepth), maxLinePrefixDepth)).toBeUndefined()
    expect(findDeepLinePrefix(nested(maxLinePrefixDepth + 1), maxLinePrefixDepth)).toEqual({place: {line: 2 * maxLinePrefixDepth + 1, column: 1}, total: false})
    // Closed containers do not add up
    expect(findDeepLinePrefix(':::kader\ntekst\n:::\n\n'.repeat(10_000), maxLinePrefixDepth, maxTotalPrefixDepth)).toBeUndefined()
  })

  it('leaves ordinary text alone and is linear', () => {
    const text = '- a\n  - b\n    > c\n1. d\n'.repeat(200_000)
    const started = performance.now()
    expect(findDeepLinePrefix(text, maxLinePrefixDepth, maxTotalPrefixDepth)).toBeDefined()
    expect(findDeepLinePrefix(text, maxLinePrefixDepth)).toBeUndefined()
    expect(performance.now() - started).toBeLessThan(5000)
  })
})
