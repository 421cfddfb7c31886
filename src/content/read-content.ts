import {lstatSync, readFileSync, realpathSync, statSync} from 'node:fs'
import {lstat, readdir, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import type {Point} from 'unist'
import {VFile} from 'vfile'
import {CliError, ExitCode} from '../errors.js'
import {contentFolderAbove} from './content-folder-above.js'
import {emitError} from '../report/emit.js'
import {suggest} from '../report/suggest.js'
import {cardSlugProblem} from './card-slug.js'

/** Files larger than this are refused: no kenniskaart text is that long. */
export const maxFileBytes = 5 * 1024 * 1024

/** The files of one card folder, read but not parsed. */
export interface CardFolder {
  slug: string
  dir: string
  /** `index.md`, or a file with an error on it when the card has none. */
  index: VFile
  hasIndex: boolean
  /** The other `.md` files, in file-name order. */
  themeFiles: VFile[]
}

/** The content folder as read from disk. */
export interface ContentFolder {
  dir: string
  cards: CardFolder[]
  /** Files with problems that belong to no card (the folder itself). */
  problems: VFile[]
}

/** A card folder found in the content folder, to be read when its turn comes. */
export interface CardFolderEntry {
  slug: string
  dir: string
  read(): Promise<CardFolder>
}

/** The content folder listed: its cards not read yet, so a build holds one card at a time. */
export interface ContentListing {
  dir: string
  cards: CardFolderEntry[]
  problems: VFile[]
}

/**
 * Read every card folder below `contentDir`. Files are only ever read. A
 * file that cannot be read as text is reported on its own VFile, so one bad
 * file never hides the findings in the others.
 */
export async function readContent(contentDir: string, onlyCard?: string): Promise<ContentFolder> {
  const listing = await listContent(contentDir, onlyCard)
  const cards: CardFolder[] = []
  for (const entry of listing.cards) cards.push(await entry.read())
  return {dir: listing.dir, cards, problems: listing.problems}
}

/** List the card folders below `contentDir`, with the problems of the folder itself; read none yet. */
export async function listContent(contentDir: string, onlyCard?: string): Promise<ContentListing> {
  const dir = path.resolve(contentDir)
  let entries
  try {
    entries = await readdir(dir, {withFileTypes: true})
  } catch (error) {
    // Run from a sub-folder of the project, say: the content folder is above
    const above = contentFolderAbove(contentDir)
    throw new CliError(`Cannot read the content folder ${path.relative(process.cwd(), dir) || '.'}`, {
      exitCode: ExitCode.usage,
      hint:
        above === undefined
          ? 'Run kenniskaart in a project with a `content/` folder, or name one with `--content <dir>`.'
          : `There is one in ${above}: run kenniskaart in ${path.dirname(above) || '.'}, the project's folder (its output goes to dist/ there), or name it with \`--content ${above}\`.`,
      cause: error
    })
  }
  const root = await realpath(dir)
  const allCardNames = entries
    .filter((entry) => (entry.isDirectory() || entry.isSymbolicLink()) && !entry.name.startsWith('.') && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort()
  if (onlyCard !== undefined && !allCardNames.includes(onlyCard)) throw unknownCard(onlyCard, allCardNames, dir)
  const cardNames = allCardNames.filter((name) => onlyCard === undefined || name === onlyCard)

  const cards: CardFolderEntry[] = []
  const problems: VFile[] = []
  for (const name of cardNames) {
    const cardDir = path.join(dir, name)
    if (!(await stat(cardDir).catch(() => undefined))?.isDirectory()) continue
    const target = await realpath(cardDir).catch(() => undefined)
    if (!target || !isInside(target, root)) {
      const file = new VFile({path: cardDir})
      emitError(file, 'file-outside-content', 'This card folder is a symbolic link that leads outside the content folder', {
        hint: 'Copy the card into the content folder instead of linking to it.'
      })
      problems.push(file)
      continue
    }
    const nameProblem = cardSlugProblem(name)
    if (nameProblem) {
      problems.push(await cardNameFinding(cardDir, nameProblem.reason, nameProblem.suggestion))
      continue
    }
    cards.push({slug: name, dir: cardDir, read: () => readCardFolder(root, cardDir)})
  }

  if (cards.length === 0 && problems.length === 0) {
    const file = new VFile({path: dir})
    emitError(file, 'content-empty', 'The content folder holds no cards', {hint: 'A card is a folder with an `index.md`, such as `content/mijn-kaart/index.md`.'})
    problems.push(file)
  }
  return {dir, cards, problems}
}

/**
 * A card asked for on the command line (`--card`, `pdf <card>`) that is not
 * there: a mistake in the call, not in the content.
 */
function unknownCard(name: string, cards: string[], dir: string): CliError {
  const suggestion = suggest(name, cards)
  const list = cards.length === 0 ? 'The content folder holds no cards yet.' : `The cards are: ${cards.join(', ')}.`
  return new CliError(`There is no card \`${name}\` in ${path.relative(process.cwd(), dir) || '.'}`, {
    exitCode: ExitCode.usage,
    hint: suggestion === undefined ? list : `Did you mean \`${suggestion}\`? ${list}`
  })
}

/**
 * The finding for a card folder whose name cannot be its slug: on its
 * index.md when it has one, else on the folder. The card is not built.
 */
async function cardNameFinding(cardDir: string, reason: string, suggestion: string): Promise<VFile> {
  const index = path.join(cardDir, 'index.md')
  const hasIndex = (await lstat(index).catch(() => undefined)) !== undefined
  const file = new VFile({path: hasIndex ? index : cardDir})
  emitError(file, 'card-slug-invalid', reason, {
    place: {line: 1, column: 1},
    hint: `Rename the folder to \`${suggestion}\`: a card folder's name is its slug, part of web addresses and file names, so it holds only lowercase letters, digits and dashes, and is not \`assets\`.`
  })
  return file
}

async function readCardFolder(root: string, dir: string): Promise<CardFolder> {
  const entries = await readdir(dir, {withFileTypes: true}).catch(() => [])
  const names = entries
    .filter((entry) => !entry.isDirectory() && entry.name.toLowerCase().endsWith('.md') && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
  const hasIndex = names.includes('index.md')
  const index = hasIndex ? await readTextFile(root, path.join(dir, 'index.md')) : new VFile({path: path.join(dir, 'index.md'), value: ''})
  if (!hasIndex) {
    emitError(index, 'card-missing-index', 'The card folder has no index.md', {
      hint: 'Add an index.md with the card\'s frontmatter (title, sources) and its introduction; a folder that is no card gets a name starting with `_`.'
    })
  }
  const themeFiles: VFile[] = []
  for (const name of names) {
    if (name === 'index.md') continue
    themeFiles.push(await readTextFile(root, path.join(dir, name)))
  }
  return {slug: path.basename(dir), dir, index, hasIndex, themeFiles}
}

/**
 * Read one content file as UTF-8 text. A byte-order mark is dropped and
 * CRLF line endings are accepted; anything that is not text is an error.
 * Never throws: a file that cannot be read gets an error on its VFile.
 */
export async function readTextFile(root: string, filePath: string): Promise<VFile> {
  const file = new VFile({path: filePath})
  file.data.readable = false
  const unreadable = (reason: string, hint: string) => {
    emitError(file, 'file-unreadable', reason, {hint})
    return file
  }

  // Synchronous calls: a build reads thousands of small files, and each promise-based call is
  // four trips through the thread pool (open, stat, read, close) for a few microseconds of work
  const link = attempt(() => lstatSync(filePath))
  if (link instanceof Error) return unreadable(`The file cannot be read (${link.code ?? link.message})`, 'Check that the file exists and that you may read it.')
  const resolved = attempt(() => realpathSync(filePath))
  const target = resolved instanceof Error ? undefined : resolved
  if (!target) {
    return unreadable('This symbolic link leads to nothing', 'Point the link at an existing file in the content folder, or replace it with the file itself.')
  }
  if (!isInside(target, root)) {
    emitError(file, 'file-outside-content', 'This symbolic link leads outside the content folder', {
      hint: 'Copy the file into the content folder instead of linking to it.'
    })
    return file
  }
  const stats = attempt(() => statSync(target))
  const info = stats instanceof Error ? undefined : stats
  if (!info?.isFile()) return unreadable('This is not a regular file', 'Only Markdown files belong beside index.md; rename or move it.')
  if (info.size > maxFileBytes) {
    emitError(file, 'file-too-large', `The file is ${formatSize(info.size)}; the limit is ${maxFileBytes / 1024 / 1024} MB`, {
      hint: 'Split the text over several themes, and keep images as separate files.'
    })
    return file
  }
  const bytes = attempt(() => readFileSync(target))
  if (bytes instanceof Error) return unreadable(`The file cannot be read (${bytes.code ?? bytes.message})`, 'Check that you may read the file.')
  const isUtf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  if (isUtf16) {
    emitError(file, 'file-encoding', 'The file is UTF-16 text, not UTF-8', {
      hint: 'Save the file as UTF-8 in your editor (in "Save as", choose the encoding UTF-8).'
    })
    return file
  }
  if (bytes.includes(0)) {
    emitError(file, 'file-encoding', 'The file holds binary data (NUL bytes), not text', {
      hint: 'Only Markdown files (.md) belong beside index.md; move other files into a subfolder.'
    })
    return file
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(bytes)
  } catch {
    const bad = firstInvalidUtf8(bytes)
    emitError(file, 'file-encoding', `The file is not valid UTF-8 text: the byte 0x${bytes[bad.byte]?.toString(16).padStart(2, '0') ?? ''} here is not part of a UTF-8 character`, {
      place: bad.place,
      hint: 'Save the file as UTF-8 in your editor (a character such as é saved as Latin-1 or Windows-1252 looks like this); if it is not text (an image, a document), move it out of the card folder.'
    })
    return file
  }
  if (text.trim() === '') {
    emitError(file, 'file-empty', 'The file is empty', {hint: 'Add frontmatter with at least a `title`, or remove the file.'})
    return file
  }
  file.value = text
  file.data.readable = true
  return file
}

/**
 * Where the first byte that is not UTF-8 stands: its offset in the file,
 * and its line and column, counted like every other finding's (UTF-16 code
 * units of the valid text before it, a byte-order mark not counted). The
 * decoder replaces each bad sequence by U+FFFD; the first U+FFFD that the
 * file does not spell as the bytes EF BF BD is where it went wrong.
 */
export function firstInvalidUtf8(bytes: Uint8Array): {byte: number; place: Point} {
  const text = new TextDecoder('utf-8', {fatal: false, ignoreBOM: false}).decode(bytes)
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  let byte = hasBom ? 3 : 0
  let index = 0
  for (const character of text) {
    const code = character.codePointAt(0)!
    if (code === 0xfffd && !(bytes[byte] === 0xef && bytes[byte + 1] === 0xbf && bytes[byte + 2] === 0xbd)) break
    byte += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
    index += character.length
  }
  const before = text.slice(0, index)
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1
  const line = 1 + (before.match(/\r\n|\n|\r/g)?.length ?? 0)
  return {byte, place: {line, column: before.length - lineStart + 1}}
}

function isInside(target: string, root: string): boolean {
  return target === root || target.startsWith(root.endsWith(path.sep) ? root : root + path.sep)
}

function formatSize(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB (${bytes} bytes)`
}

declare module 'vfile' {
  interface DataMap {
    /** False when the file could not be read as text; it is then skipped. */
    readable: boolean
  }
}

/** The result of a file system call, or the error it threw. */
function attempt<T>(call: () => T): T | NodeJS.ErrnoException {
  try {
    return call()
  } catch (error) {
    return error as NodeJS.ErrnoException
  }
}
