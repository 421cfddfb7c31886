import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadContent} from '../../src/content/load-content.js'
import {rules} from '../../src/report/rules.js'

const index = '---\ntitle: Kaart\nsources:\n  - id: bron\n    text: Een bron.\n---\n\nIntro.\n'

/** Pieces of the content format, so random text often comes close to real content. */
const pieces = [
  '---', '\n', '\r\n', '\t', ' ', '  ', ':', ': ', 'title: ', 'summary: ', 'color: ', 'tips:', '  - ', '"', "'", '#', '## ', '#### ',
  '[@bron]', '[@', '; @', ']', '(', ')', '[x](', '02-x.md', '#kop', '![', '](', 'figuren/', '../', '%', '%zz', '::figure[', '::',
  ':::', '{src="a.png"}', '<', '>', '</', 'script', '<img src=x onerror=alert(1)>', '<svg>', '<a href="javascript:x">', '<!--', '-->',
  '&amp;', '\\', '*', '`', '|', '- ', '1. ', '> ', '\u00a0', '\ufeff', 'é', '😀', '\u0000', '&', '*a', '&a ', '{', '}', '[', 'null', '~'
]
const contentLike = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({maxLength: 8})), {maxLength: 60}).map((parts) => parts.join(''))

/** 100 by default (each run reads a card from disk); set KENNISKAART_PROPERTY_RUNS for a longer hunt. */
const numRuns = Number(process.env.KENNISKAART_PROPERTY_RUNS ?? 100)

let root: string

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'kenniskaart-property-'))
})

afterAll(async () => {
  await rm(root, {recursive: true, force: true})
})

/** Write one card with a valid index.md and the given theme file, and load it; each run replaces the files of the last. */
async function loadWith(name: string, contents: string | Uint8Array, indexContents: string | Uint8Array = index) {
  const contentDir = path.join(root, 'content')
  await rm(contentDir, {recursive: true, force: true})
  await mkdir(path.join(contentDir, 'kaart'), {recursive: true})
  await writeFile(path.join(contentDir, 'kaart', 'index.md'), indexContents)
  await writeFile(path.join(contentDir, 'kaart', name), contents)
  return loadContent(contentDir)
}

/** Every message is a finding kenniskaart knows, with a real place. */
function expectFindings(loaded: Awaited<ReturnType<typeof loadContent>>): void {
  for (const file of loaded.files) {
    for (const message of file.messages) {
      expect(message.ruleId && message.ruleId in rules, `unknown rule ${message.ruleId}: ${message.reason}`).toBe(true)
      expect(message.line ?? 1).toBeGreaterThanOrEqual(1)
      expect(message.column ?? 1).toBeGreaterThanOrEqual(1)
    }
  }
}

describe('loadContent on arbitrary input', () => {
  it('ends with findings, never an exception, for any string as a theme file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(contentLike, fc.string({unit: 'binary', maxLength: 200})), async (text) => {
        expectFindings(await loadWith('01-thema.md', text))
      }),
      {numRuns}
    )
  })

  it('ends with findings, never an exception, for any string after a valid frontmatter', async () => {
    await fc.assert(
      fc.asyncProperty(contentLike, async (body) => {
        expectFindings(await loadWith('01-thema.md', `---\ntitle: T\nsummary: S\n---\n\n${body}\n`))
      }),
      {numRuns}
    )
  })

  it('ends with findings, never an exception, for any string as the card index', async () => {
    await fc.assert(
      fc.asyncProperty(contentLike, async (text) => {
        expectFindings(await loadWith('01-thema.md', '---\ntitle: T\nsummary: S\n---\n\nTekst[@bron].\n', text))
      }),
      {numRuns}
    )
  })

  it('ends with findings, never an exception, for any bytes as a file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({maxLength: 512}), async (bytes) => {
        expectFindings(await loadWith('01-thema.md', bytes))
      }),
      {numRuns}
    )
  })
})
