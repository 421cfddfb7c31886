import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {VFile} from 'vfile'
import {afterAll, beforeAll} from 'vitest'
import type {Card} from '../../src/card/model.js'
import {loadContent} from '../../src/content/load-content.js'
import {removeTempFolder, tempFolder} from './temp-folders.js'

/** The repository root, so tests run from any working folder. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** The content folder holding the small fixture cards. */
export const fixtureCardsDir = path.join(repoRoot, 'test', 'fixtures', 'cards')

/** The content folder with the card that ships with kenniskaart. */
export const bundledContentDir = path.join(repoRoot, 'content')

/**
 * A content file in memory, marked readable the way `readTextFile` marks a
 * file it could read, so the per-file loaders accept it.
 */
export function contentFile(name: string, value: string): VFile {
  const file = new VFile({path: path.join('/kaarten/kaart', name), value})
  file.data.readable = true
  return file
}

/** A finding as a test wants to compare it: where, what, which rule. */
export interface SimpleFinding {
  file: string
  line: number | undefined
  column: number | undefined
  severity: 'error' | 'warning'
  rule: string | undefined
  reason: string
  hint: string | undefined
}

/** The messages of some files, in a shape that is easy to assert on. */
export function findingsOf(...files: VFile[]): SimpleFinding[] {
  return files.flatMap((file) =>
    file.messages.map((message) => ({
      file: file.basename ?? '',
      line: message.line ?? undefined,
      column: message.column ?? undefined,
      severity: message.fatal ? ('error' as const) : ('warning' as const),
      rule: message.ruleId ?? undefined,
      reason: message.reason,
      hint: message.note ?? undefined
    }))
  )
}

/** A content folder in the system's temp folder, removed by `remove()`. */
export interface TempContent {
  /** The content folder (parent of the card folders). */
  dir: string
  /** Write a card folder's files; paths are relative to the card. */
  writeCard(slug: string, files: Record<string, string | Uint8Array>): Promise<string>
  remove(): Promise<void>
}

export async function tempContent(): Promise<TempContent> {
  const root = await tempFolder('kenniskaart-test-')
  const dir = path.join(root, 'content')
  await mkdir(dir)
  return {
    dir,
    async writeCard(slug, files) {
      const cardDir = path.join(dir, slug)
      for (const [name, contents] of Object.entries(files)) {
        const target = path.join(cardDir, name)
        await mkdir(path.dirname(target), {recursive: true})
        await writeFile(target, contents)
      }
      return cardDir
    },
    remove: () => removeTempFolder(root)
  }
}

/** A theme file's text: frontmatter with title and summary, then a body. */
export function themeMarkdown(title: string, body = 'Tekst.', extraFrontmatter = ''): string {
  return `---\ntitle: "${title}"\nsummary: "Over ${title.toLowerCase()}."\n${extraFrontmatter}---\n\n${body}\n`
}

/**
 * For a test file: a temp content folder made before its tests and removed
 * after them, and a function that writes a card there and loads just that card.
 */
export function cardLoader(): (slug: string, files: Record<string, string | Uint8Array>) => Promise<{card: Card | undefined; findings: SimpleFinding[]; files: VFile[]}> {
  let temp: TempContent
  beforeAll(async () => {
    temp = await tempContent()
  })
  afterAll(async () => {
    await temp.remove()
  })
  return async (slug, files) => {
    await temp.writeCard(slug, files)
    const {cards, files: vfiles} = await loadContent(temp.dir, {card: slug})
    return {card: cards[0], findings: findingsOf(...vfiles), files: vfiles}
  }
}
