/* eslint-disable no-control-regex -- these tests are about control characters */
import * as csstree from 'css-tree'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {Publication} from '../../src/card/publication.js'
import {cssColor, cssComment, cssIdentifier, cssString} from '../../src/render/css.js'
import {printStylesheet} from '../../src/render/print-document.js'
import {labelsFor} from '../../src/labels.js'

/** Titles that end a CSS string, a block or a comment when written as they are. */
const nastyTitles = [
  'Titel met\rcarriage return',
  'Titel met\fform feed',
  'Titel met\nnieuwe regel',
  'Windows\r\nregel',
  'Aanhalings"teken',
  "Enkel 'teken",
  'Back\\slash',
  'Eindigt op backslash\\',
  '\\A geen escape',
  '</style><script>alert(1)</script>',
  '} body { display: none }',
  '"; } @import url(https://evil.example/x.css); @page { size: 1px; content: "',
  '\r} article { display: none } @page { @bottom-left { content: "x" } } /*',
  '/* open comment',
  'close */ comment',
  'NUL\u0000teken',
  'ESC\u001b[31mrood',
  'DEL\u007fteken',
  'Tab\tteken',
  'Regel\u2028scheiding',
  'Emoji 🎉 en ë',
  'Losse \ud800 surrogaat',
  '\\',
  '"',
  ''
]

/** What CSS reads back for a title: NUL and lone surrogates become U+FFFD. */
function expectedText(title: string): string {
  return title.replace(/\u0000/g, '\uFFFD').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\uFFFD')
}

interface Parsed {
  errors: string[]
  tree: csstree.CssNode
}

function parse(css: string): Parsed {
  const errors: string[] = []
  const tree = csstree.parse(css, {onParseError: (error) => errors.push(error.message), parseCustomProperty: true})
  return {errors, tree}
}

/** The parsed stylesheet as plain data, with every CSS string replaced by a marker and collected. */
function shape(tree: csstree.CssNode): {plain: unknown; strings: string[]} {
  const strings: string[] = []
  const copy = csstree.clone(tree)
  csstree.walk(copy, (node) => {
    if (node.type === 'String') {
      strings.push(node.value)
      node.value = 'STRING'
    }
  })
  return {plain: csstree.toPlainObject(copy), strings}
}

function publicationTitled(title: string): Publication {
  return {
    kind: 'card',
    slug: 'kaart',
    title,
    size: 'A4',
    themes: [
      {slug: 'een', color: '#0e6591'},
      {slug: 'twee', color: '#B0356A'}
    ],
    sources: []
  } as unknown as Publication
}

describe('cssString', () => {
  it.each(nastyTitles)('writes %j as one CSS string that reads back as itself', (title) => {
    const {errors, tree} = parse(`a { content: ${cssString(title)}; }`)
    expect(errors).toEqual([])
    const {strings} = shape(tree)
    expect(strings).toEqual([expectedText(title)])
  })

  it('never writes a raw control character, `<` or an unescaped quote', () => {
    for (const title of nastyTitles) {
      const written = cssString(title).slice(1, -1)
      expect(written).not.toMatch(/[\u0000-\u001f\u007f<]/)
      expect(written.replace(/\\\\/g, '').replace(/\\"/g, '')).not.toMatch(/"/)
    }
  })

  it('reads back every string of any code units as itself', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary', maxLength: 40}), (text) => {
        const {errors, tree} = parse(`a { content: ${cssString(text)}; }`)
        expect(errors).toEqual([])
        expect(shape(tree).strings).toEqual([expectedText(text)])
      }),
      {numRuns: 500}
    )
  })
})

describe('cssIdentifier', () => {
  const names = ['theme-een', '1abc', '-1abc', '-', '--x', 'a b', 'a.b', 'a{}', 'a</style>', 'a\r\nb', 'a\u001bb', 'ë-ü', 'a\\b', 'a"b']
  it.each(names)('writes %j as one class selector that reads back as itself', (name) => {
    const {errors, tree} = parse(`.${cssIdentifier(name)} { color: red; }`)
    expect(errors).toEqual([])
    const rules: string[] = []
    csstree.walk(tree, (node) => {
      if (node.type === 'ClassSelector') rules.push(csstree.ident.decode(node.name))
    })
    expect(rules).toEqual([name])
    expect(cssIdentifier(name)).not.toMatch(/[\u0000-\u001f<]/)
  })

  it('refuses an empty identifier', () => {
    expect(() => cssIdentifier('')).toThrow()
  })
})

describe('cssColor', () => {
  it('passes a hex colour on, in lowercase', () => {
    expect(cssColor('#0E6591')).toBe('#0e6591')
    expect(cssColor('#fff')).toBe('#fff')
  })

  it.each(['red; } body { display: none', 'url(x)', '#12345', 'expression(alert(1))', '', '#fff;'])('refuses %j, which was not validated as a colour', (value) => {
    expect(() => cssColor(value)).toThrow()
  })
})

describe('cssComment', () => {
  it('keeps a comment from being closed by its text', () => {
    const {errors, tree} = parse(`${cssComment('x */ a { color: red } /* </style>')}\nb { color: blue; }`)
    expect(errors).toEqual([])
    expect(csstree.generate(tree)).toBe('b{color:blue}')
  })
})

describe('printStylesheet', () => {
  const reference = shape(parse(printStylesheet(publicationTitled('Een gewone titel'), labelsFor('nl'))).tree)

  it.each(nastyTitles)('keeps exactly the intended rules for the title %j', (title) => {
    const {errors, tree} = parse(printStylesheet(publicationTitled(title), labelsFor('nl')))
    expect(errors).toEqual([])
    const {plain, strings} = shape(tree)
    // Same at-rules, selectors and declarations as with a plain title; only the footer text differs
    expect(plain).toEqual(reference.plain)
    expect(strings[0]).toBe(expectedText(title))
    expect(strings.slice(1)).toEqual(reference.strings.slice(1))
  })

  it('keeps the rule count when a title with a carriage return tries to close its block', () => {
    const count = (css: string) => {
      let rules = 0
      csstree.walk(parse(css).tree, (node) => {
        if (node.type === 'Atrule' || node.type === 'Rule') rules++
      })
      return rules
    }
    const injected = 'Titel\r} } @page { size: 1mm; } article.theme-een { display: none } @page x {'
    expect(count(printStylesheet(publicationTitled(injected), labelsFor('nl')))).toBe(count(printStylesheet(publicationTitled('Titel'), labelsFor('nl'))))
  })
})
