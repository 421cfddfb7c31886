import {stat} from 'node:fs/promises'
import path from 'node:path'
import {closest} from 'fastest-levenshtein'
import type {VFile} from 'vfile'
import type {CardDraft, ThemeDraft} from '../content/load-files.js'
import type {CardFolder} from '../content/read-content.js'
import {slugFromFileName} from '../content/slug.js'
import {emitError, emitWarning} from '../report/emit.js'
import type {VisualTheme} from '../theme/load-visual-theme.js'
import {contrastRatio, minimumContrast} from './contrast.js'
import type {Card, Theme} from './model.js'

/**
 * The per-card step: put the themes in order, give them colours, and check
 * what only the whole card can tell (citations against the literature list,
 * links between themes, images, handouts). Findings go on the file they
 * concern, at their own position.
 */
export async function assembleCard(
  folder: CardFolder,
  draft: CardDraft,
  themeDrafts: ThemeDraft[],
  visualTheme: VisualTheme
): Promise<Card> {
  const {meta, file: cardFile} = draft
  const ordered = orderThemes(folder, draft, themeDrafts)
  const sourceIds = new Set(meta.sources.map((source) => source.id))
  checkDuplicateSources(draft)

  const themes: Theme[] = ordered.map((themeDraft, index) => {
    const color = themeDraft.meta.color ?? visualTheme.palette[index % visualTheme.palette.length]!
    const ratio = contrastRatio(color, visualTheme.onColor)
    if (ratio < minimumContrast) {
      emitWarning(themeDraft.file, 'color-contrast', `The colour ${color} has a contrast of ${ratio.toFixed(2)}:1 with its text ${visualTheme.onColor}; WCAG AA needs ${minimumContrast}:1`, {
        place: themeDraft.meta.color ? themeDraft.pointAt(['color']) : {line: 1, column: 1},
        hint: 'Pick a darker colour for this theme.'
      })
    }
    return {
      slug: themeDraft.slug,
      number: index + 1,
      file: themeDraft.file,
      title: themeDraft.meta.title,
      summary: themeDraft.meta.summary,
      color,
      textColor: visualTheme.onColor,
      body: themeDraft.body,
      tips: themeDraft.tips,
      cites: checkCitations(themeDraft.file, sourceIds)
    }
  })
  checkCitations(cardFile, sourceIds)

  const cited = new Set(themes.flatMap((theme) => theme.cites))
  for (const [index, source] of meta.sources.entries()) {
    if (cited.has(source.id) || source.uncited) continue
    emitWarning(cardFile, 'source-uncited', `Source \`${source.id}\` is never cited`, {
      place: draft.pointAt(['sources', index, 'id']),
      hint: `Cite it with [@${source.id}] where it is used, or mark it \`uncited: true\` if it belongs in the list anyway.`
    })
  }

  const byFileName = new Map(themeDrafts.map((themeDraft) => [themeDraft.slug, themeDraft]))
  for (const file of [cardFile, ...themeDrafts.map((themeDraft) => themeDraft.file)]) {
    checkThemeLinks(file, byFileName)
  }
  const images = await checkImages(folder.dir, [cardFile, ...themeDrafts.map((themeDraft) => themeDraft.file)])

  if (themes.length === 0 && themeDrafts.length === 0 && folder.themeFiles.length === 0) {
    emitError(cardFile, 'card-empty', 'The card has no themes', {
      hint: 'Add a theme file beside index.md, such as `01-eerste-thema.md` with `title` and `summary` in its frontmatter.'
    })
  }
  checkHandouts(draft, new Set(themes.map((theme) => theme.slug)))

  return {
    slug: folder.slug,
    dir: folder.dir,
    file: cardFile,
    meta,
    intro: draft.intro,
    sources: meta.sources.map((source, index) => ({...source, textTree: draft.sourceTexts[index]!})),
    themes,
    contact: Object.entries(meta.contact ?? {}).map(([key, value]) => ({key, lines: value.trim().split(/\r?\n/).map((line) => line.trim())})),
    handouts: meta.handouts ?? [],
    visualTheme,
    images
  }
}

function orderThemes(folder: CardFolder, draft: CardDraft, themeDrafts: ThemeDraft[]): ThemeDraft[] {
  const bySlug = new Map<string, ThemeDraft>()
  const fileBySlug = new Map<string, VFile>()
  for (const file of folder.themeFiles) {
    const slug = slugFromFileName(file.basename ?? '')
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
  if (!listed) return [...bySlug.values()]

  const ordered: ThemeDraft[] = []
  for (const [index, slug] of listed.entries()) {
    const themeDraft = bySlug.get(slug)
    if (themeDraft) ordered.push(themeDraft)
    else if (!fileBySlug.has(slug)) {
      const known = [...fileBySlug.keys()]
      emitError(draft.file, 'theme-missing', `Theme \`${slug}\` has no file`, {
        place: draft.pointAt(['themes', index]),
        hint: known.length > 0 ? `Add a file such as \`${slug}.md\`, or use one of: ${known.join(', ')}.` : `Add a file such as \`${slug}.md\` beside index.md.`
      })
    }
  }
  for (const [slug, file] of fileBySlug) {
    if (listed.includes(slug)) continue
    emitWarning(file, 'theme-unlisted', `Theme \`${slug}\` is not in the card's \`themes\` list, so it is left out`, {
      place: {line: 1, column: 1},
      hint: `Add \`${slug}\` to \`themes\` in index.md, or remove the file.`
    })
  }
  return ordered
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
      place: draft.pointAt(['sources', index, 'id']),
      hint: 'Give each source its own id, such as `auteur2016a` and `auteur2016b`.'
    })
  }
}

/** Report citations of unknown sources; return the cited ids in order. */
function checkCitations(file: VFile, sourceIds: Set<string>): string[] {
  const cites: string[] = []
  for (const use of file.data.citations ?? []) {
    for (const id of use.ids) {
      if (sourceIds.has(id)) {
        if (!cites.includes(id)) cites.push(id)
        continue
      }
      const suggestion = sourceIds.size > 0 ? closest(id, [...sourceIds]) : undefined
      emitError(file, 'citation-unknown', `Citation of unknown source \`${id}\``, {
        place: use.place,
        hint: suggestion ? `Did you mean [@${suggestion}]? Sources are listed under \`sources\` in the card's index.md.` : 'Add the source under `sources` in the card\'s index.md.'
      })
    }
  }
  return cites
}

function checkThemeLinks(file: VFile, themes: Map<string, ThemeDraft>): void {
  for (const link of file.data.themeLinks ?? []) {
    const slug = slugFromFileName(link.target)
    const target = link.target.includes('/') ? undefined : themes.get(slug)
    if (!target) {
      emitError(file, 'link-theme-unknown', `Link to \`${link.target}\`, which is not a theme of this card`, {
        place: link.place,
        hint: `Link to a theme file of this card: ${[...themes.values()].map((theme) => theme.file.basename).join(', ')}.`
      })
    } else if (link.fragment && !target.headingIds.has(link.fragment)) {
      emitError(file, 'link-heading-unknown', `Link to heading \`#${link.fragment}\`, which ${target.file.basename} does not have`, {
        place: link.place,
        hint: target.headingIds.size > 0 ? `Headings there: ${[...target.headingIds].map((id) => `#${id}`).join(', ')}.` : 'Link to the theme without a `#heading`.'
      })
    }
  }
}

async function checkImages(cardDir: string, files: VFile[]): Promise<string[]> {
  const found = new Set<string>()
  for (const file of files) {
    for (const image of file.data.images ?? []) {
      const info = await stat(path.join(cardDir, image.target)).catch(() => undefined)
      if (info?.isFile()) {
        found.add(image.target)
        continue
      }
      emitError(file, 'image-missing', `Image \`${image.target}\` does not exist`, {
        place: image.place,
        hint: 'Image paths are relative to the card folder; check the file name and its case.'
      })
    }
  }
  return [...found].sort()
}

function checkHandouts(draft: CardDraft, themeSlugs: Set<string>): void {
  const seen = new Set<string>()
  for (const [index, handout] of (draft.meta.handouts ?? []).entries()) {
    if (seen.has(handout.slug)) {
      emitError(draft.file, 'handout-duplicate', `Handout slug \`${handout.slug}\` is used twice`, {
        place: draft.pointAt(['handouts', index, 'slug']),
        hint: 'Each handout is written to handouts/<slug>.pdf, so each needs its own slug.'
      })
    }
    seen.add(handout.slug)
    for (const [themeIndex, slug] of handout.themes.entries()) {
      if (themeSlugs.has(slug)) continue
      emitError(draft.file, 'handout-theme-unknown', `Handout \`${handout.slug}\` names unknown theme \`${slug}\``, {
        place: draft.pointAt(['handouts', index, 'themes', themeIndex]),
        hint: `The card's themes are: ${[...themeSlugs].join(', ')}.`
      })
    }
  }
}
