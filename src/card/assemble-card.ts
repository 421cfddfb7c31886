import {readdir, readFile, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import {isInvalidKey} from '../content/frontmatter.js'
import type {CardDraft, ThemeDraft} from '../content/load-files.js'
import {type ImageType, imageTypeNames, imageTypeOfBytes, imageTypeOfName} from '../content/image-type.js'
import type {CardFolder} from '../content/read-content.js'
import {sanitizeSvg} from '../content/sanitize-svg.js'
import {sourceIdPattern} from '../content/schema.js'
import {isValidSlug, slugFromFileName, suggestSlug} from '../content/slug.js'
import {labelLanguageOf, labelLanguages, labelsFor, primaryLanguage} from '../labels.js'
import {emitError, emitWarning} from '../report/emit.js'
import {suggest} from '../report/suggest.js'
import type {VisualTheme} from '../theme/load-visual-theme.js'
import {readableShade, textColourOn} from '../theme/text-colour.js'
import {contrastRatio, minimumContrast} from './contrast.js'
import type {Card, CardImage, Theme} from './model.js'
import {type CardPathNames, claimGeneratedPaths, type OutputClaim} from './reserved-paths.js'

/**
 * The per-card step: put the themes in order, give them colours, and check
 * what only the whole card can tell (citations against the literature list,
 * links between themes, images, handouts). Findings go on the file they
 * concern, at their own position.
 *
 * Root causes first: a check whose answer depends on something already
 * reported as wrong (an invalid or unreadable frontmatter value, a file that
 * cannot be read) is skipped rather than guessed, and a mistake that makes
 * others (a misspelt slug in `themes`) is reported once, with what follows
 * from it in its hint. `visualTheme` is undefined when the card's visual
 * theme cannot be used (its error is reported): the colours are not checked.
 */
export async function assembleCard(
  folder: CardFolder,
  draft: CardDraft,
  themeDrafts: ThemeDraft[],
  visualTheme: VisualTheme | undefined
): Promise<Card> {
  const {meta, file: cardFile} = draft
  const sourcesKnown = !isInvalidKey(draft, 'sources')
  const sourceIds = new Set(meta.sources.map((source) => source.id))
  // What each file cites; a theme left out of the card (a warning) may be a draft, its citations are not checked
  const citesOf = new Map(themeDrafts.map((themeDraft) => [themeDraft, citedIds(themeDraft.file, sourceIds)]))
  const introCites = checkCitations(cardFile, sourceIds, sourcesKnown)
  const {ordered, bySlug, unlisted} = orderThemes(folder, draft, themeDrafts, citesOf, new Set(introCites))
  for (const themeDraft of ordered) checkCitations(themeDraft.file, sourceIds, sourcesKnown)
  checkDuplicateSources(draft)
  checkLanguage(draft, visualTheme)

  const palette = visualTheme?.palette ?? standInPalette
  const onColor = visualTheme?.onColor ?? standInOnColor
  const themes: Theme[] = ordered.map((themeDraft, index) => {
    const ownColor = themeDraft.meta.color
    const color = ownColor ?? palette[index % palette.length]!
    const textColor = textColourOn(color, onColor)
    // A palette colour is checked at the palette, in theme.json; a colour that is invalid, or a visual theme that cannot be used, has its own error
    const ratio = contrastRatio(color, textColor)
    if (visualTheme && ownColor !== undefined && !isInvalidKey(themeDraft, 'color') && ratio < minimumContrast) {
      const shade = readableShade(color, onColor)
      emitWarning(themeDraft.file, 'color-contrast', `The colour ${color} has a contrast of ${ratio.toFixed(2)}:1 with its text ${textColor}; WCAG AA needs ${minimumContrast}:1`, {
        place: themeDraft.rangeAt(['color']),
        hint: shade === undefined ? 'Pick a darker colour for this theme.' : `Use a shade such as \`${shade}\`, which reaches ${contrastRatio(shade, textColourOn(shade, onColor)).toFixed(2)}:1.`
      })
    }
    return {
      slug: themeDraft.slug,
      number: index + 1,
      file: themeDraft.file,
      title: themeDraft.meta.title,
      summary: themeDraft.meta.summary,
      color,
      textColor,
      body: themeDraft.body,
      tips: themeDraft.tips,
      cites: citesOf.get(themeDraft) ?? []
    }
  })
  const mentioned = new Set([cardFile, ...ordered.map((themeDraft) => themeDraft.file)].flatMap((file) => checkInTextCitations(file, sourceIds)))

  // "Never cited" is only true when every file and every tip could be read. A
  // file left out of the card has its own finding, whose hint names the sources
  // only it cites. Each of these says what to fix first.
  const unread = folder.themeFiles.filter((file) => !themeDrafts.some((themeDraft) => themeDraft.file === file))
  const citesUnknown = unread.length > 0 || !sourcesKnown || themeDrafts.some((themeDraft) => isInvalidKey(themeDraft, 'tips'))
  const cited = new Set([...themes.flatMap((theme) => theme.cites), ...introCites])
  const citedElsewhere = new Set(themeDrafts.filter((themeDraft) => !ordered.includes(themeDraft)).flatMap((themeDraft) => citesOf.get(themeDraft) ?? []))
  for (const [index, source] of meta.sources.entries()) {
    // An in-text `@id` has its own warning, which says how to cite it; an invalid id has its error.
    if (citesUnknown || cited.has(source.id) || mentioned.has(source.id) || citedElsewhere.has(source.id) || source.uncited) continue
    if (!sourceIdPattern.test(source.id)) continue
    emitWarning(cardFile, 'source-uncited', `Source \`${source.id}\` is never cited`, {
      place: draft.rangeAt(['sources', index, 'id']),
      hint: `Cite it with [@${source.id}] where it is used, or mark it \`uncited: true\` if it belongs in the list anyway.`
    })
  }

  const inCard = new Set(ordered)
  checkThemeLinks(cardFile, draft.headingIds, bySlug, inCard)
  for (const themeDraft of themeDrafts) checkThemeLinks(themeDraft.file, themeDraft.headingIds, bySlug, inCard)
  const images = await checkImages(folder.dir, {slug: folder.slug, themes, handouts: uniqueSlugs(meta.handouts ?? [])}, [cardFile, ...themeDrafts.map((themeDraft) => themeDraft.file)])

  // A card whose theme files or index could not be read is empty too, but their errors say why.
  if (themes.length === 0 && unread.length === 0 && !isInvalidKey(draft, '*')) {
    const reason = folder.themeFiles.length === 0 ? 'The card has no themes' : 'The card has no themes to show: none of its theme files is in `themes`'
    emitError(cardFile, 'card-empty', reason, {
      place: draft.meta.themes ? draft.rangeAt(['themes'], 'key') : {line: 1, column: 1},
      hint:
        folder.themeFiles.length === 0
          ? 'Add a theme file beside index.md, such as `01-eerste-thema.md` with `title` and `summary` in its frontmatter.'
          : 'List the slugs of the theme files under `themes` in index.md.'
    })
  }
  checkHandouts(draft, new Set(themes.map((theme) => theme.slug)), new Set(unlisted))

  return {
    slug: folder.slug,
    dir: folder.dir,
    file: cardFile,
    meta: {...meta, label: meta.label ?? labelsFor(meta.lang, visualTheme?.labels).cardLabel},
    intro: draft.intro,
    sources: meta.sources.map((source, index) => ({...source, textTree: draft.sourceTexts[index]!})),
    themes,
    contact: Object.entries(meta.contact ?? {}).map(([key, value]) => ({key, lines: value.trim().split(/\r?\n/).map((line) => line.trim())})),
    handouts: meta.handouts ?? [],
    visualTheme: visualTheme ?? standInVisualTheme,
    images
  }
}

/** Colours to assemble with when the card's visual theme cannot be used (the card is not built then). */
const standInPalette = ['#1f6f8b']
const standInOnColor = '#ffffff'
const standInVisualTheme: VisualTheme = {
  name: '',
  dir: '',
  palette: standInPalette,
  onColor: standInOnColor,
  labels: {},
  siteStylesheet: '',
  printStylesheet: '',
  fontsStylesheet: '',
  fontFiles: []
}

/**
 * The themes of the card in order, and every usable theme file by slug.
 * A file whose name gives no valid slug, or the slug of an earlier file,
 * is reported and left out: its slug would end up in URLs and CSS.
 *
 * A slug in `themes` without a file that is one typo away from an unlisted
 * file's slug is reported once, at the slug, suggesting that file: the card
 * is then checked as if it had been written right, so the file is not also
 * "unlisted" and the sources it cites not also "never cited".
 */
function orderThemes(
  folder: CardFolder,
  draft: CardDraft,
  themeDrafts: ThemeDraft[],
  citesOf: Map<ThemeDraft, string[]>,
  introCites: Set<string>
): {ordered: ThemeDraft[]; bySlug: Map<string, ThemeDraft>; unlisted: string[]} {
  const bySlug = new Map<string, ThemeDraft>()
  const fileBySlug = new Map<string, VFile>()
  // Files whose name is no valid slug, by the slug their error suggests
  const renamed = new Map<string, VFile>()
  for (const file of folder.themeFiles) {
    const name = file.basename ?? ''
    const slug = slugFromFileName(name)
    if (!isValidSlug(slug)) {
      const suggestion = suggestSlug(name.replace(/\.md$/i, ''))
      renamed.set(suggestSlug(slug), file)
      emitError(file, 'theme-slug-invalid', `The file name \`${name}\` does not give a usable theme slug (\`${slug}\`)`, {
        place: {line: 1, column: 1},
        hint: `Name theme files with lowercase letters, digits and dashes only${suggestion ? `, such as \`${suggestion}.md\`` : ', such as `01-eerste-thema.md`'}: the slug is the name without its number prefix and becomes part of web addresses.`
      })
      continue
    }
    const first = fileBySlug.get(slug)
    if (first) {
      emitError(file, 'theme-duplicate', `Theme slug \`${slug}\` is also used by ${first.basename}`, {
        place: {line: 1, column: 1},
        hint: 'Rename one of the files: the slug is the file name without its number prefix.'
      })
      continue
    }
    fileBySlug.set(slug, file)
  }
  for (const themeDraft of themeDrafts) {
    if (fileBySlug.get(themeDraft.slug) === themeDraft.file) bySlug.set(themeDraft.slug, themeDraft)
  }

  const listed = draft.meta.themes
  if (!listed) return {ordered: [...bySlug.values()], bySlug, unlisted: []}

  const ordered: ThemeDraft[] = []
  const accounted = new Set<string>()
  for (const [index, slug] of listed.entries()) {
    if (listed.indexOf(slug) < index) {
      emitError(draft.file, 'theme-duplicate', `Theme \`${slug}\` is listed twice in \`themes\``, {
        place: draft.rangeAt(['themes', index]),
        hint: 'List each theme once; remove this line.'
      })
      continue
    }
    if (fileBySlug.has(slug)) {
      accounted.add(slug)
      const themeDraft = bySlug.get(slug)
      if (themeDraft) ordered.push(themeDraft)
      continue
    }
    const free = [...fileBySlug.keys()].filter((known) => !listed.includes(known) && !accounted.has(known))
    const meant = suggest(slug, free)
    if (meant !== undefined) {
      accounted.add(meant)
      const themeDraft = bySlug.get(meant)
      if (themeDraft) ordered.push(themeDraft)
    }
    // An invalid slug has its error from the frontmatter; a file named almost so, its own
    if (!isValidSlug(slug) || renamed.has(slug)) continue
    const meantFile = meant === undefined ? undefined : fileBySlug.get(meant)
    emitError(draft.file, 'theme-missing', `Theme \`${slug}\` has no file`, {
      place: draft.rangeAt(['themes', index]),
      hint: meantFile
        ? `Did you mean \`${meant}\` (${meantFile.basename})? Until this is corrected, ${meantFile.basename} is left out of the card and the sources only it cites are uncited; the rest of the card was checked as if you meant it.`
        : free.length > 0
          ? `Add a file such as \`${slug}.md\`, or use one of: ${free.join(', ')}.`
          : `Add a file such as \`${slug}.md\` beside index.md.`
    })
  }
  const unlisted: string[] = []
  const citedInCard = new Set([...introCites, ...ordered.flatMap((themeDraft) => citesOf.get(themeDraft) ?? [])])
  for (const [slug, file] of fileBySlug) {
    if (listed.includes(slug) || accounted.has(slug)) continue
    unlisted.push(slug)
    // With an item of `themes` left out as invalid, this file may be the one it meant
    if (isInvalidKey(draft, 'themes')) continue
    const themeDraft = bySlug.get(slug)
    const onlyHere = [...new Set(themeDraft ? (citesOf.get(themeDraft) ?? []) : [])].filter((id) => !citedInCard.has(id))
    const sources = onlyHere.length === 0 ? '' : ` (and then the source${onlyHere.length === 1 ? '' : 's'} only it cites: ${onlyHere.map((id) => `\`${id}\``).join(', ')})`
    emitWarning(file, 'theme-unlisted', `Theme \`${slug}\` is not in the card's \`themes\` list, so it is left out`, {
      place: {line: 1, column: 1},
      hint: `Add \`${slug}\` to \`themes\` in index.md, or remove the file${sources}.`
    })
  }
  return {ordered, bySlug, unlisted}
}

/**
 * A `lang` without a label table: the pages are in that language (their
 * `lang` attribute says so), but what kenniskaart writes on them is Dutch.
 */
function checkLanguage(draft: CardDraft, visualTheme: VisualTheme | undefined): void {
  const {lang} = draft.meta
  if (isInvalidKey(draft, 'lang') || labelLanguageOf(lang) !== undefined) return
  // A visual theme may give the labels of a language kenniskaart has none for
  if (visualTheme && Object.hasOwn(visualTheme.labels, primaryLanguage(lang))) return
  const meant = suggest(lang.split('-')[0] ?? lang, labelLanguages)
  emitWarning(draft.file, 'lang-unsupported', `kenniskaart has no labels for the language \`${lang}\`: the pages get the Dutch labels (Inhoud, Tips, …)`, {
    place: draft.rangeAt(['lang']),
    hint: `${meant === undefined ? '' : `Did you mean \`${meant}\`? `}The languages with labels are ${labelLanguages.map((known) => `\`${known}\``).join(' and ')}; a visual theme can give the labels of another language in its \`labels\` (see the README).`
  })
}

function checkDuplicateSources(draft: CardDraft): void {
  const seen = new Map<string, number>()
  for (const [index, source] of draft.meta.sources.entries()) {
    const first = seen.get(source.id)
    if (first === undefined) {
      seen.set(source.id, index)
      continue
    }
    emitError(draft.file, 'source-duplicate', `Source id \`${source.id}\` is used twice (sources ${first + 1} and ${index + 1})`, {
      place: draft.rangeAt(['sources', index, 'id']),
      hint: 'Give each source its own id, such as `auteur2016a` and `auteur2016b`.'
    })
  }
}

/** The known sources a file cites, in order of first citation. */
function citedIds(file: VFile, sourceIds: Set<string>): string[] {
  return [...new Set((file.data.citations ?? []).flatMap((use) => use.ids.filter((id) => sourceIds.has(id))))]
}

/**
 * Report citations of unknown sources; return the cited ids in order. When
 * the card's sources could not be read (their error is reported), whether
 * an id is known cannot be told: nothing is reported.
 */
function checkCitations(file: VFile, sourceIds: Set<string>, sourcesKnown: boolean): string[] {
  const cites: string[] = []
  for (const use of file.data.citations ?? []) {
    for (const [index, id] of use.ids.entries()) {
      if (sourceIds.has(id)) {
        if (!cites.includes(id)) cites.push(id)
        continue
      }
      if (!sourcesKnown) continue
      const suggestion = suggest(id, sourceIds)
      emitError(file, 'citation-unknown', `Citation of unknown source \`${id}\``, {
        place: positionOf(use.idPlaces?.[index] ?? use.place, use.idEnds?.[index]),
        hint: suggestion !== undefined ? `Did you mean [@${suggestion}]? Sources are listed under \`sources\` in the card's index.md.` : 'Add the source under `sources` in the card\'s index.md.'
      })
    }
  }
  return cites
}

/**
 * Warn about an in-text `@id` (Pandoc's author-in-text form) that names a
 * source: cited by number, it needs brackets. An `@` that names no source
 * (a handle, a mail address) is left alone. Returns the ids it found.
 */
function checkInTextCitations(file: VFile, sourceIds: Set<string>): string[] {
  const found: string[] = []
  for (const use of file.data.inTextCitations ?? []) {
    const id = use.ids[0]!
    if (!sourceIds.has(id)) continue
    found.push(id)
    emitWarning(file, 'citation-in-text', `\`@${id}\` names a source but is not a citation`, {
      place: positionOf(use.place, use.end),
      hint: `Write [@${id}] to cite it with its number (Pandoc's in-text form @id is not numbered), or \\@${id} to keep the text as it is.`
    })
  }
  return found
}

function positionOf(start: Point, end: Point | undefined): Point | Position {
  return end ? {start, end} : start
}

/**
 * Check the links of one file to other themes (`02-x.md`, `02-x.md#kop`)
 * and to its own headings (`#kop`).
 */
function checkThemeLinks(file: VFile, ownHeadingIds: Set<string>, themes: Map<string, ThemeDraft>, inCard: Set<ThemeDraft>): void {
  for (const link of file.data.fragmentLinks ?? []) {
    if (!link.fragment || ownHeadingIds.has(link.fragment)) continue
    emitError(file, 'link-heading-unknown', `Link to heading \`#${link.fragment}\`, which this file does not have`, {
      place: link.place,
      hint: headingHint(link.fragment, ownHeadingIds, 'here') ?? 'This file has no headings to link to.'
    })
  }
  for (const link of file.data.themeLinks ?? []) {
    const slug = slugFromFileName(link.target)
    const target = link.target.includes('/') ? undefined : themes.get(slug)
    if (!target || !inCard.has(target)) {
      const reason = target
        ? `Link to \`${link.target}\`, a theme that is not in the card's \`themes\` list`
        : `Link to \`${link.target}\`, which is not a theme of this card`
      const names = [...inCard].map((theme) => theme.file.basename ?? '')
      const meant = target ? undefined : suggestFile(link.target, [...inCard])
      emitError(file, 'link-theme-unknown', reason, {
        place: link.place,
        hint: meant ? `Did you mean \`${meant}\`?` : `Link to a theme file of this card: ${names.join(', ') || 'it has none yet'}.`
      })
    } else if (link.fragment && !target.headingIds.has(link.fragment)) {
      emitError(file, 'link-heading-unknown', `Link to heading \`#${link.fragment}\`, which ${target.file.basename} does not have`, {
        place: link.place,
        hint: headingHint(link.fragment, target.headingIds, 'there') ?? 'Link to the theme without a `#heading`.'
      })
    }
  }
}

/** "Did you mean `#kop`?" when one heading is near, else the headings there are. */
function headingHint(fragment: string, headingIds: Set<string>, where: string): string | undefined {
  if (headingIds.size === 0) return undefined
  const meant = suggest(fragment, headingIds)
  return meant === undefined ? `Headings ${where}: ${[...headingIds].map((id) => `#${id}`).join(', ')}.` : `Did you mean \`#${meant}\`?`
}

/** The theme file a link most likely meant, by its file name or by its slug. */
function suggestFile(target: string, themes: ThemeDraft[]): string | undefined {
  const byName = new Map<string, string>()
  for (const theme of themes) {
    const name = theme.file.basename ?? ''
    byName.set(name, name)
    byName.set(`${theme.slug}.md`, name)
  }
  const meant = suggest(target, byName.keys())
  return meant === undefined ? undefined : byName.get(meant)
}

/** What checking one image file found: what to publish, or why not. */
type ImageCheck =
  | {ok: true; image: CardImage; removed: string[]}
  | {ok: false; ruleId: 'image-missing' | 'image-outside-card' | 'image-type' | 'image-path-reserved'; reason: string; hint: string}

/**
 * Check every image the card's files use: it exists and is a file inside
 * the card folder (also after following symbolic links), its extension and
 * its own bytes agree on an allowed image type, an SVG is sanitized, and it
 * lands on no path kenniskaart writes itself. The bytes checked are the
 * bytes published. Each reference gets the finding of its file.
 */
async function checkImages(cardDir: string, names: CardPathNames, files: VFile[]): Promise<CardImage[]> {
  const cardRoot = await realpath(cardDir).catch(() => cardDir)
  const outputPaths = claimGeneratedPaths(names)
  const checked = new Map<string, ImageCheck>()
  for (const file of files) {
    for (const reference of file.data.images ?? []) {
      let check = checked.get(reference.target)
      if (!check) {
        check = await checkImage(cardDir, cardRoot, reference.target, () => outputPaths.claim({path: `${names.slug}/${reference.target}`, what: `image \`${reference.target}\``}))
        checked.set(reference.target, check)
      }
      if (!check.ok) {
        emitError(file, check.ruleId, check.reason, {place: reference.place, hint: check.hint})
      } else if (check.removed.length > 0) {
        emitWarning(file, 'image-svg-sanitized', `SVG image \`${reference.target}\` is published without ${listRemoved(check.removed)}`, {
          place: reference.place,
          hint: 'The site and the PDF show only what draws: remove these parts from the SVG yourself (or export it again as plain SVG) to silence this warning.'
        })
      }
    }
  }
  return [...checked.values()]
    .flatMap((check) => (check.ok ? [check.image] : []))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/**
 * Check one image file. `claim` takes its output path; what it returns is
 * the generated file (or other image) already there, if any.
 */
async function checkImage(cardDir: string, cardRoot: string, target: string, claim: () => OutputClaim | undefined): Promise<ImageCheck> {
  const real = await realpath(path.join(cardDir, target)).catch(() => undefined)
  const info = real === undefined ? undefined : await stat(real).catch(() => undefined)
  if (real !== undefined && real !== cardRoot && !real.startsWith(cardRoot + path.sep)) {
    return {ok: false, ruleId: 'image-outside-card', reason: `Image \`${target}\` is a link to a file outside the card folder`, hint: 'Copy the image into the card folder instead of linking to it.'}
  }
  if (real === undefined || !info?.isFile()) {
    return {ok: false, ruleId: 'image-missing', reason: `Image \`${target}\` does not exist`, hint: await missingImageHint(cardDir, target)}
  }
  const clash = claim()
  if (clash) {
    // A clash with a shorter path is a file where this image needs a folder.
    const inside = clash.path.split('/').length < target.split('/').length + 1
    return {
      ok: false,
      ruleId: 'image-path-reserved',
      reason: `Image \`${target}\` would be written ${inside ? 'inside' : 'over'} ${clash.what} (\`${clash.path}\`) in the output`,
      hint: clash.what.startsWith('image')
        ? 'Give the two images names that differ in more than letter case: on many file systems and web servers they are one file.'
        : 'Rename the image or its folder: kenniskaart writes its own pages, stylesheets and PDFs there.'
    }
  }
  const promised = imageTypeOfName(target)
  if (!promised) {
    return {
      ok: false,
      ruleId: 'image-type',
      reason: `\`${target}\` is not an image file: a card publishes only PNG, JPEG, GIF, WebP, AVIF and SVG images`,
      hint: 'Save the picture as .png, .jpg, .gif, .webp, .avif or .svg and use that file; other files in the card folder are never published.'
    }
  }
  const bytes = await readFile(real).catch(() => undefined)
  if (!bytes) return {ok: false, ruleId: 'image-missing', reason: `Image \`${target}\` cannot be read`, hint: 'Check that you may read the file.'}
  const found = imageTypeOfBytes(bytes)
  if (promised === 'svg') {
    if (found !== 'text') return wrongBytes(target, promised, found)
    const result = sanitizeSvg(new TextDecoder('utf-8').decode(bytes))
    if (!result.ok) return {ok: false, ruleId: 'image-type', reason: `SVG image \`${target}\` ${result.reason}`, hint: result.hint}
    return {ok: true, image: {path: target, contents: result.contents}, removed: result.removed}
  }
  if (found !== promised) return wrongBytes(target, promised, found)
  return {ok: true, image: {path: target, contents: bytes}, removed: []}
}

/** Name the file that is there when an image's name is one typo or a letter case away from it. */
async function missingImageHint(cardDir: string, target: string): Promise<string> {
  const folder = path.posix.dirname(target)
  const name = path.posix.basename(target)
  const entries = await readdir(path.join(cardDir, ...folder.split('/')), {withFileTypes: true}).catch(() => [])
  const meant = suggest(name, entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name))
  if (meant === undefined) return 'Image paths are relative to the card folder; check the file name and its case.'
  const existing = folder === '.' ? meant : `${folder}/${meant}`
  return meant.toLowerCase() === name.toLowerCase()
    ? `The file is named \`${existing}\`: write its name with the same capitals, as web servers and many file systems tell them apart.`
    : `Did you mean \`${existing}\`?`
}

/** The finding for a file whose bytes are not the type its extension promises. */
function wrongBytes(target: string, promised: ImageType, found: ImageType | 'text' | undefined): ImageCheck {
  const what = found === undefined ? 'data of another kind' : found === 'text' ? 'text (such as HTML or XML)' : `a ${imageTypeNames[found]} image`
  const renamed = found !== undefined && found !== 'text' ? target.replace(/\.[^./]*$/, `.${found === 'jpeg' ? 'jpg' : found}`) : undefined
  return {
    ok: false,
    ruleId: 'image-type',
    reason: `Image \`${target}\` is named as ${imageTypeNames[promised]} but its bytes are ${what}`,
    hint: renamed ? `Rename the file to \`${renamed}\` and link to that name.` : `Save the picture again as ${imageTypeNames[promised]} from an image program.`
  }
}

/** Handouts with a slug used twice are reported by `checkHandouts`; each slug names its paths once. */
function uniqueSlugs<T extends {slug: string}>(items: readonly T[]): T[] {
  return items.filter((item, index) => items.findIndex((other) => other.slug === item.slug) === index)
}

/** "a and b", "a, b and 2 more": what was taken out of an SVG. */
function listRemoved(removed: string[]): string {
  const shown = removed.slice(0, 4)
  const rest = removed.length - shown.length
  const items = rest > 0 ? [...shown, `${rest} more`] : shown
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/**
 * Handouts: each slug once, each theme one of the card's. A theme slug that
 * is invalid has its error from the frontmatter; a theme left out of the card
 * (`unlisted`) is named as such.
 */
function checkHandouts(draft: CardDraft, themeSlugs: Set<string>, unlisted: Set<string>): void {
  const seen = new Set<string>()
  for (const [index, handout] of (draft.meta.handouts ?? []).entries()) {
    if (seen.has(handout.slug)) {
      emitError(draft.file, 'handout-duplicate', `Handout slug \`${handout.slug}\` is used twice`, {
        place: draft.rangeAt(['handouts', index, 'slug']),
        hint: 'Each handout is written to handouts/<slug>.pdf, so each needs its own slug.'
      })
    }
    seen.add(handout.slug)
    for (const [themeIndex, slug] of handout.themes.entries()) {
      if (themeSlugs.has(slug) || !isValidSlug(slug)) continue
      const meant = unlisted.has(slug) ? undefined : suggest(slug, themeSlugs)
      emitError(draft.file, 'handout-theme-unknown', `Handout \`${handout.slug}\` names unknown theme \`${slug}\``, {
        place: draft.rangeAt(['handouts', index, 'themes', themeIndex]),
        hint: unlisted.has(slug)
          ? `The theme \`${slug}\` is not in the card's \`themes\` list: add it there first.`
          : meant === undefined
            ? `The card's themes are: ${[...themeSlugs].join(', ')}.`
            : `Did you mean \`${meant}\`?`
      })
    }
  }
}
