import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {maxYamlDepth, parseFrontmatter, validateFrontmatter} from '../../src/content/frontmatter.js'
import {loadCardFile, loadThemeFile} from '../../src/content/load-files.js'
import {themeFrontmatterSchema} from '../../src/content/schema.js'
import {contentFile, findingsOf} from '../helpers/content.js'

async function themeFindings(markdown: string) {
  const file = contentFile('02-voorbereiden.md', markdown)
  const draft = await loadThemeFile(file)
  return {draft, findings: findingsOf(file)}
}

async function cardFindings(markdown: string) {
  const file = contentFile('index.md', markdown)
  const draft = await loadCardFile(file)
  return {draft, findings: findingsOf(file)}
}

describe('frontmatter of a theme file', () => {
  it('accepts a valid theme and reports nothing', async () => {
    const {draft, findings} = await themeFindings('---\ntitle: Voorbereiden\nsummary: Samen plannen.\ncolor: "#8b2252"\n---\n\nTekst.\n')
    expect(findings).toEqual([])
    expect(draft?.meta).toEqual({title: 'Voorbereiden', summary: 'Samen plannen.', color: '#8b2252'})
  })

  it('reports a value of the wrong form at the value itself', async () => {
    const {draft, findings} = await themeFindings('---\ntitle: Voorbereiden\nsummary: Samen plannen.\ncolor: rood\n---\n\nTekst.\n')
    // The rest is kept, so the file's other checks still run
    expect(draft?.meta).toEqual({title: 'Voorbereiden', summary: 'Samen plannen.'})
    expect([...draft!.invalid]).toEqual(['color'])
    expect(findings).toEqual([
      expect.objectContaining({line: 4, column: 8, severity: 'error', rule: 'frontmatter-invalid', reason: expect.stringContaining('`color`')})
    ])
    expect(findings[0]?.reason).toContain('hex')
  })

  it('reports a value of the wrong type at the value itself', async () => {
    const {findings} = await themeFindings('---\ntitle: 42\nsummary: Samen plannen.\n---\n\nTekst.\n')
    expect(findings).toEqual([expect.objectContaining({line: 2, column: 8, rule: 'frontmatter-invalid', reason: expect.stringContaining('`title`')})])
  })

  it('reports an empty required text as invalid, not as missing', async () => {
    const {findings} = await themeFindings('---\ntitle: "   "\nsummary: Samen plannen.\n---\n\nTekst.\n')
    expect(findings).toEqual([expect.objectContaining({line: 2, column: 8, rule: 'frontmatter-invalid', reason: expect.stringContaining('empty')})])
  })

  it('reports a missing required key at the start of the mapping it belongs in', async () => {
    const {draft, findings} = await themeFindings('---\ntitle: Voorbereiden\n---\n\nTekst.\n')
    expect(draft?.meta).toEqual({title: 'Voorbereiden', summary: ''})
    expect([...draft!.invalid]).toEqual(['summary'])
    expect(findings).toEqual([
      expect.objectContaining({line: 2, column: 1, severity: 'error', rule: 'frontmatter-required', reason: 'Missing required key `summary`'})
    ])
    expect(findings[0]?.hint).toContain('summary:')
  })

  it('reports an unknown key at the key as a warning and suggests the near miss', async () => {
    const {findings} = await themeFindings('---\ntitle: Voorbereiden\nsumary: Samen plannen.\n---\n\nTekst.\n')
    expect(findings).toContainEqual(
      expect.objectContaining({line: 3, column: 1, severity: 'warning', rule: 'frontmatter-unknown-key', reason: expect.stringContaining('`sumary`'), hint: 'Did you mean `summary`?'})
    )
    // The misspelt key does not count as the real one.
    expect(findings).toContainEqual(expect.objectContaining({severity: 'error', rule: 'frontmatter-required', reason: 'Missing required key `summary`'}))
  })

  it('lists the known keys when an unknown key is no near miss, and leaves it out of the result', async () => {
    const {draft, findings} = await themeFindings('---\ntitle: Voorbereiden\nsummary: Samen plannen.\nauteur: Piet\n---\n\nTekst.\n')
    expect(findings).toEqual([expect.objectContaining({line: 4, column: 1, severity: 'warning', rule: 'frontmatter-unknown-key'})])
    expect(findings[0]?.hint).toMatch(/title, summary, color, tips/)
    expect(draft?.meta).toEqual({title: 'Voorbereiden', summary: 'Samen plannen.'})
  })

  it('reports malformed YAML as yaml-syntax on the line where it breaks', async () => {
    const {draft, findings} = await themeFindings('---\ntitle: Voorbereiden\nsummary: a: b\n---\n\nTekst.\n')
    // The body is still there to check; nothing of the frontmatter is known
    expect(draft?.body.children.length).toBeGreaterThan(0)
    expect([...draft!.invalid]).toEqual(['*'])
    expect(findings).toEqual([expect.objectContaining({line: 3, column: 10, severity: 'error', rule: 'yaml-syntax'})])
  })

  it('reports an unclosed quote on the line of the frontmatter where it is', async () => {
    const {findings} = await themeFindings('---\ntitle: Voorbereiden\nsummary: "Niet gesloten\n---\n\nTekst.\n')
    expect(findings).toEqual([expect.objectContaining({line: 3, severity: 'error', rule: 'yaml-syntax'})])
  })

  it('does not put line numbers in a YAML error text that contradict the finding’s own line', async () => {
    const {findings} = await themeFindings('---\ntitle: Voorbereiden\nsummary: a: b\n---\n\nTekst.\n')
    const [finding] = findings
    // The YAML library counts lines from the start of the frontmatter; the
    // finding counts them from the start of the file. A reader sees both.
    const quoted = [...(finding?.reason ?? '').matchAll(/line (\d+)/g)].map((match) => Number(match[1]))
    for (const line of quoted) expect(line).toBe(finding?.line)
  })

  it('reports a file without frontmatter at its first line', async () => {
    const {draft, findings} = await themeFindings('Alleen tekst, geen frontmatter.\n')
    expect([...draft!.invalid]).toEqual(['*'])
    expect(findings).toEqual([expect.objectContaining({line: 1, column: 1, severity: 'error', rule: 'frontmatter-missing'})])
  })

  it('accepts tips as a list of Markdown strings', async () => {
    const {draft, findings} = await themeFindings('---\ntitle: T\nsummary: S\ntips:\n  - "Een **vette** tip"\n  - Nog een tip\n---\n\nTekst.\n')
    expect(findings).toEqual([])
    expect(draft?.tips?.heading).toBeUndefined()
    expect(draft?.tips?.items).toHaveLength(2)
  })

  it('accepts tips as a heading with items', async () => {
    const {draft, findings} = await themeFindings('---\ntitle: T\nsummary: S\ntips:\n  heading: Enkele tips\n  items:\n    - Eerste\n---\n\nTekst.\n')
    expect(findings).toEqual([])
    expect(draft?.tips?.heading).toBeDefined()
    expect(draft?.tips?.items).toHaveLength(1)
  })
})

describe('frontmatter of a card index', () => {
  it('fills in the defaults for lang, theme and sources (the label comes from the card\'s language later)', async () => {
    const {draft, findings} = await cardFindings('---\ntitle: Kaart\n---\n\nIntro.\n')
    expect(findings).toEqual([])
    expect(draft?.meta).toEqual({title: 'Kaart', lang: 'nl', theme: 'kenniskaart', sources: []})
  })

  it('reports a missing key of a source at that source', async () => {
    const {findings} = await cardFindings('---\ntitle: Kaart\nsources:\n  - id: a\n    text: Tekst A\n  - id: b\n---\n\nIntro.\n')
    expect(findings).toEqual([expect.objectContaining({line: 6, column: 5, severity: 'error', rule: 'frontmatter-required', reason: 'Missing required key `text`'})])
  })

  it('reports a source url that is not an address at the url, naming its path', async () => {
    const {findings} = await cardFindings('---\ntitle: Kaart\nsources:\n  - id: a\n    text: Tekst A\n    url: geen-adres\n---\n\nIntro.\n')
    expect(findings).toEqual([expect.objectContaining({line: 6, column: 10, rule: 'frontmatter-invalid', reason: expect.stringContaining('`sources[0].url`')})])
  })

  it('suggests the near miss for an unknown key inside a source', async () => {
    const {findings} = await cardFindings('---\ntitle: Kaart\nsources:\n  - id: a\n    txt: Tekst A\n---\n\nIntro.\n')
    expect(findings).toContainEqual(expect.objectContaining({line: 5, column: 5, severity: 'warning', rule: 'frontmatter-unknown-key', hint: 'Did you mean `text`?'}))
  })

  it('reports a theme slug with capitals at the list item', async () => {
    const {findings} = await cardFindings('---\ntitle: Kaart\nthemes:\n  - voorbereiden\n  - In-De-Klas\n---\n\nIntro.\n')
    expect(findings).toEqual([expect.objectContaining({line: 5, column: 5, rule: 'frontmatter-invalid', reason: expect.stringContaining('`themes[1]`')})])
  })

  it('turns a contact number into text', async () => {
    const {draft} = await cardFindings('---\ntitle: Kaart\ncontact:\n  phone: 0301234567\n---\n\nIntro.\n')
    expect(draft?.meta.contact).toEqual({phone: '301234567'})
  })
})

describe('parseFrontmatter and validateFrontmatter', () => {
  it('place findings relative to the block’s first line in the file', () => {
    const file = new VFile({path: 'x.md'})
    const parsed = parseFrontmatter(file, {value: 'title: T\nsummary: S\ncolor: 12\n', startLine: 10})
    expect(parsed).toBeDefined()
    expect(validateFrontmatter(file, parsed!, themeFrontmatterSchema)).toMatchObject({data: {title: 'T', summary: 'S'}, invalid: new Set(['color'])})
    expect(findingsOf(file)).toEqual([expect.objectContaining({line: 12, column: 8, rule: 'frontmatter-invalid'})])
  })

  it('point at a key, a value, or the text inside a quoted value', () => {
    const file = new VFile({path: 'x.md'})
    const parsed = parseFrontmatter(file, {value: 'title: T\nsources:\n  - id: a\n    text: "Boek"\n', startLine: 2})!
    expect(parsed.pointAt(['sources', 0, 'text'], 'key')).toEqual({line: 5, column: 5})
    expect(parsed.pointAt(['sources', 0, 'text'], 'value')).toEqual({line: 5, column: 11})
    expect(parsed.pointAt(['sources', 0, 'text'], 'text')).toEqual({line: 5, column: 12})
  })

  it('give the range of a key or value, ending before a comment, and a point where the path is not written', () => {
    const file = new VFile({path: 'x.md'})
    const yaml = 'title: "De titel" # uitleg\nsummary: >\n  Twee\n  regels\ncolor: 12\n'
    const parsed = parseFrontmatter(file, {value: yaml, startLine: 2})!
    // line 2: `title: "De titel" # uitleg`: the key is columns 1-5, the quoted value 8-17
    expect(parsed.rangeAt(['title'], 'key')).toEqual({start: {line: 2, column: 1}, end: {line: 2, column: 6}})
    expect(parsed.rangeAt(['title'])).toEqual({start: {line: 2, column: 8}, end: {line: 2, column: 18}})
    // the folded block runs from its `>` to the end of `regels` on line 5
    expect(parsed.rangeAt(['summary']).start).toEqual({line: 3, column: 10})
    expect(parsed.rangeAt(['summary']).end.line).toBeGreaterThanOrEqual(5)
    expect(parsed.rangeAt(['color'])).toEqual({start: {line: 6, column: 8}, end: {line: 6, column: 10}})
    const missing = parsed.rangeAt(['sources', 0, 'id'])
    expect(missing.end).toEqual(missing.start)
  })

  it('underline the invalid value in its finding', () => {
    const file = new VFile({path: 'x.md'})
    const parsed = parseFrontmatter(file, {value: 'title: T\nsummary: S\ncolor: 12345\n', startLine: 2})!
    validateFrontmatter(file, parsed, themeFrontmatterSchema)
    expect(file.messages.map((message) => message.place)).toEqual([{start: {line: 4, column: 8}, end: {line: 4, column: 13}}])
  })

  it('refuse a value nested past the fixed depth, at its key, whatever the stack', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}x${']'.repeat(depth)}`
    const deep = new VFile({path: 'x.md'})
    expect(parseFrontmatter(deep, {value: `title: T\nsummary: ${nested(maxYamlDepth + 1)}\n`, startLine: 2})).toBeUndefined()
    expect(deep.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['yaml-syntax', 3, 1]])
    expect(deep.messages[0]!.reason).toContain('nests too deeply')
    const fine = new VFile({path: 'x.md'})
    expect(parseFrontmatter(fine, {value: `title: T\nsummary: ${nested(maxYamlDepth - 1)}\n`, startLine: 2})).toBeDefined()
    expect(fine.messages).toEqual([])
  })
})
