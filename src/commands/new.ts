import {readdir, readFile, realpath, stat, unlink} from 'node:fs/promises'
import path from 'node:path'
import {cardSlugProblem} from '../content/card-slug.js'
import {textLimits} from '../content/schema.js'
import {CliError, ExitCode, type ExitCodeValue} from '../errors.js'
import {didYouMean} from '../report/suggest.js'
import {addToThemeList} from '../scaffold/add-to-theme-list.js'
import {cardFiles, themeFile} from '../scaffold/card-files.js'
import {fileWithSlug, nextThemeFileName, themeFileNames} from '../scaffold/next-theme-file.js'
import {madeReport, shellWord, shownPath} from '../scaffold/next-steps.js'
import {newCardSlugProblem, newThemeSlugProblem, titleFromSlug} from '../scaffold/scaffold-names.js'
import {writeError} from '../scaffold/write-error.js'
import {createFile, replaceFileText, writeNewFiles} from '../scaffold/write-new-files.js'

export interface NewCommandOptions {
  content: string
  title?: string
}

/** `kenniskaart new card <slug>`: a card folder with commented frontmatter and a first theme. */
export async function newCardCommand(slug: string, options: NewCommandOptions): Promise<ExitCodeValue> {
  const problem = newCardSlugProblem(slug)
  if (problem) throw new CliError(problem.reason, {exitCode: ExitCode.usage, hint: problem.hint})
  const title = checkedTitle(options.title) ?? titleFromSlug(slug)
  const contentDir = await existingContentFolder(options.content)
  const taken = (await readdir(contentDir)).find((name) => name.toLowerCase() === slug.toLowerCase())
  if (taken !== undefined) {
    throw new CliError(`${shownPath(path.join(contentDir, taken))} exists already${taken === slug ? '' : ' (a name that differs only in letter case)'}; kenniskaart never overwrites`, {
      exitCode: ExitCode.usage,
      hint: `Choose another slug, or add a theme to that card: \`kenniskaart new theme ${taken} <slug>\`.`
    })
  }

  const cardDir = path.join(contentDir, slug)
  const files = await cardFiles(title)
  try {
    await writeNewFiles(cardDir, files)
  } catch (error) {
    throw writeError(error, shownPath(cardDir))
  }
  const content = contentOption(options.content)
  process.stderr.write(
    madeReport(
      `Made the card ${slug}:`,
      files.map((file) => shownPath(path.join(cardDir, file.path))),
      [
        [`kenniskaart new theme ${slug} <slug>${content}`, 'add a theme'],
        [`kenniskaart check --card ${slug}${content}`, 'check the card'],
        [`kenniskaart dev${content}`, 'a live preview']
      ]
    )
  )
  return ExitCode.ok
}

/**
 * `kenniskaart new theme <card> <slug>`: the card's next numbered theme
 * file, added to `themes:` in index.md when the card lists its themes.
 * Everything is checked before anything is written; a failed edit of
 * index.md takes the new theme file back.
 */
export async function newThemeCommand(card: string, slug: string, options: NewCommandOptions): Promise<ExitCodeValue> {
  const problem = newThemeSlugProblem(slug)
  if (problem) throw new CliError(problem.reason, {exitCode: ExitCode.usage, hint: problem.hint})
  const title = checkedTitle(options.title) ?? titleFromSlug(slug)
  const contentDir = await existingContentFolder(options.content)
  const root = await realpath(contentDir)
  const cardDir = path.join(contentDir, card)
  const cards = await cardNames(contentDir)
  if (cardSlugProblem(card) !== undefined || !cards.includes(card)) {
    const list = cards.length === 0 ? 'The content folder holds no cards yet: `kenniskaart new card <slug>` makes one.' : `The cards are: ${cards.join(', ')}.`
    const meant = didYouMean(card, cards)
    throw new CliError(`There is no card \`${card}\` in ${shownPath(contentDir)}`, {exitCode: ExitCode.usage, hint: meant ? `${meant} ${list}` : list})
  }
  const cardRoot = await realpath(cardDir)
  if (!isInside(cardRoot, root)) {
    throw new CliError(`The card folder ${shownPath(cardDir)} is a symbolic link that leads outside the content folder`, {
      exitCode: ExitCode.usage,
      hint: 'kenniskaart writes only inside the content folder; copy the card into it instead of linking to it.'
    })
  }

  const entries = await readdir(cardDir, {withFileTypes: true})
  const themes = themeFileNames(entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name))
  const existing = fileWithSlug(themes, slug)
  if (existing !== undefined) {
    throw new CliError(`The card ${card} has a theme \`${slug}\` already: ${shownPath(path.join(cardDir, existing))}`, {
      exitCode: ExitCode.usage,
      hint: 'A theme\'s slug is its file name without the number, and each is used once in a card: choose another slug.'
    })
  }
  const index = path.join(cardDir, 'index.md')
  const indexFile = await realpath(index).catch(() => undefined)
  if (indexFile === undefined || !isInside(indexFile, root)) {
    throw new CliError(`The card ${card} has no index.md${indexFile === undefined ? '' : ' inside the content folder'}`, {
      exitCode: ExitCode.usage,
      hint: 'A card folder needs an index.md with the card\'s frontmatter; `kenniskaart new card <slug>` makes a card with one.'
    })
  }
  const edit = addToThemeList(await readFile(indexFile, 'utf8'), slug)
  if (edit.kind === 'unreadable') {
    throw new CliError(`Cannot add \`${slug}\` to the themes of ${card}: ${edit.reason}`, {
      exitCode: ExitCode.contentErrors,
      hint: `Nothing was made. \`kenniskaart check --card ${card}\` shows what is wrong in index.md; or add the theme by hand.`
    })
  }

  const fileName = nextThemeFileName(themes, slug)
  const themePath = path.join(cardDir, fileName)
  try {
    await createFile(themePath, await themeFile(title))
  } catch (error) {
    throw writeError(error, shownPath(themePath))
  }
  if (edit.kind === 'edited') {
    try {
      await replaceFileText(indexFile, edit.text)
    } catch (error) {
      await unlink(themePath).catch(() => undefined)
      throw writeError(error, shownPath(index))
    }
  }

  const listNote = {
    edited: `Added \`${slug}\` to \`themes:\` in ${shownPath(index)}.`,
    listed: `\`${slug}\` was listed in \`themes:\` of ${shownPath(index)} already.`,
    'no-list': `${shownPath(index)} lists no \`themes:\`, so the themes follow their file names.`
  }[edit.kind]
  const content = contentOption(options.content)
  process.stderr.write(
    madeReport(`Made the theme ${slug}:`, [shownPath(themePath)], [
      [`kenniskaart check --card ${card}${content}`, 'check the card'],
      [`kenniskaart dev${content}`, 'a live preview']
    ], listNote)
  )
  return ExitCode.ok
}

/** The content folder, which must exist: kenniskaart makes it only with `init`. */
async function existingContentFolder(content: string): Promise<string> {
  const dir = path.resolve(content)
  const stats = await stat(dir).catch(() => undefined)
  if (!stats?.isDirectory()) {
    throw new CliError(`Cannot find the content folder ${shownPath(dir)}`, {
      exitCode: ExitCode.usage,
      hint: 'Run kenniskaart in a project with a `content/` folder (`kenniskaart init` makes one), or name it with `--content <dir>`.'
    })
  }
  return dir
}

/** The card folders of a content folder, as the build lists them. */
async function cardNames(contentDir: string): Promise<string[]> {
  const entries = await readdir(contentDir, {withFileTypes: true})
  const names = entries.filter((entry) => (entry.isDirectory() || entry.isSymbolicLink()) && !entry.name.startsWith('.') && !entry.name.startsWith('_')).map((entry) => entry.name)
  const cards: string[] = []
  for (const name of names.sort()) if ((await stat(path.join(contentDir, name)).catch(() => undefined))?.isDirectory()) cards.push(name)
  return cards
}

/** A `--title`: the frontmatter's limits, and one line of printable text. */
function checkedTitle(title: string | undefined): string | undefined {
  if (title === undefined) return undefined
  const trimmed = title.trim()
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (trimmed === '' || trimmed.length > textLimits.title || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(trimmed)) {
    throw new CliError('The title must be one line of text, from 1 to 200 characters', {
      exitCode: ExitCode.usage,
      hint: 'Such as `--title "Samen leren in de school"`; leave it out to make one from the slug.'
    })
  }
  return trimmed
}

/** The `--content` option to repeat in a suggested command, when it is not the default. */
function contentOption(content: string): string {
  return content === 'content' ? '' : ` --content ${shellWord(content)}`
}

function isInside(target: string, root: string): boolean {
  return target === root || target.startsWith(root.endsWith(path.sep) ? root : root + path.sep)
}
