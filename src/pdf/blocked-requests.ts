import {parse, walk} from 'css-tree'
import type {Point, Position} from 'unist'
import {VFile} from 'vfile'
import type {Card} from '../card/model.js'
import type {Publication} from '../card/publication.js'
import {emitWarning} from '../report/emit.js'
import {encodePath} from '../render/urls.js'
import {printOrigin} from './browser.js'

/** What made the print page ask for a URL, and where that is written. */
interface Cause {
  kind: 'image' | 'stylesheet'
  file: VFile
  place: Point | Position | undefined
}

/** For a publication, the function that reports one refused request of its print. */
export type BlockedRequestReporter = (publication: Publication) => (url: string) => void

/**
 * Reports requests blocked while printing as warnings (`pdf-request-blocked`)
 * at what caused them: an image at its place in the Markdown (body, tip or
 * source text), a `url()` or `@import` of the visual theme at its line and
 * column in the stylesheet. Each is reported once per run, however many
 * publications (the card, its handouts) print the same theme or image.
 * Findings on a theme stylesheet go on a file of their own, added to
 * `findingFiles` so they are reported with the content's; without that
 * list they go on the card's index.md, naming the stylesheet.
 */
export function blockedRequestReporter(findingFiles?: VFile[]): BlockedRequestReporter {
  const causesByCard = new WeakMap<Card, Map<string, Cause>>()
  const stylesheetFiles = new Map<string, VFile>()
  const reported = new Set<string>()

  const causesOf = (card: Card): Map<string, Cause> => {
    let causes = causesByCard.get(card)
    if (!causes) {
      causes = new Map([...stylesheetCauses(card, stylesheetFiles, findingFiles !== undefined), ...imageCauses(card)])
      causesByCard.set(card, causes)
    }
    return causes
  }

  return (publication) => (url) => {
    const {card} = publication
    const cause = causesOf(card).get(requestKey(url))
    const file = cause?.file ?? card.file
    const key = `${file.path}\0${url}`
    if (reported.has(key)) return
    reported.add(key)
    if (cause?.kind === 'stylesheet' && findingFiles && !findingFiles.includes(file)) findingFiles.push(file)
    const isLocal = url.startsWith(`${printOrigin}/`)
    const shown = isLocal ? decodedPath(url) ?? url : url
    if (cause?.kind === 'stylesheet') {
      emitWarning(file, 'pdf-request-blocked', `The PDF does not load \`${shown}\`, which the theme's stylesheet names: ${isLocal ? 'it is not part of the build' : 'only the theme\'s and the card\'s own files are used when printing'}`, {
        place: cause.place,
        hint: isLocal
          ? 'Name a file of the theme folder relative to the stylesheet (fonts belong in the theme\'s `fonts` list in theme.json), or remove the rule.'
          : 'Save the file in the theme folder and name it relative to the stylesheet, or remove the rule.'
      })
      return
    }
    emitWarning(file, 'pdf-request-blocked', `The PDF does not load \`${shown}\`: only the card's own files are used when printing`, {
      place: cause?.place,
      hint: 'Save the image in the card folder and link to it with a relative path.'
    })
  }
}

/** Requests to the print origin by their decoded path (as the page serves them); others as they are. */
function requestKey(url: string): string {
  if (url.startsWith(`${printOrigin}/`)) {
    const local = decodedPath(url)
    if (local !== undefined) return `local:${local}`
  }
  return url
}

function decodedPath(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1))
  } catch {
    return undefined
  }
}

/** Every image the card's files name (in bodies, tips and source texts), at its place in the Markdown. */
function imageCauses(card: Card): Array<[string, Cause]> {
  const causes: Array<[string, Cause]> = []
  for (const file of [card.file, ...card.themes.map((theme) => theme.file)]) {
    for (const image of file.data.images ?? []) {
      const url = `${printOrigin}/${encodePath(`${card.slug}/${image.target}`)}`
      causes.push([requestKey(url), {kind: 'image', file, place: image.place}])
    }
  }
  // The first place an image is named is where it is reported
  return causes.reverse()
}

/** Every `url()` and `@import` of the theme's print and fonts stylesheets, at its line and column there. */
function stylesheetCauses(card: Card, files: Map<string, VFile>, ownFiles: boolean): Array<[string, Cause]> {
  const theme = card.visualTheme
  const sheets = [
    {name: 'print.css', css: theme.printStylesheet, path: theme.stylesheetFiles?.print},
    {name: 'fonts.css', css: theme.fontsStylesheet, path: theme.stylesheetFiles?.fonts}
  ]
  const causes: Array<[string, Cause]> = []
  for (const sheet of sheets) {
    if (!sheet.css) continue
    let file: VFile | undefined
    let place = (at: Position): Point | Position | undefined => at
    if (ownFiles && sheet.path) {
      file = files.get(sheet.path)
      if (!file) {
        file = new VFile({path: sheet.path, value: sheet.css})
        files.set(sheet.path, file)
      }
    } else {
      // No file of its own to report on: on the card, without a place in it
      file = card.file
      place = () => undefined
    }
    const base = `${printOrigin}/assets/${encodePath(theme.name)}/${sheet.name}`
    for (const named of urlsIn(sheet.css)) {
      let url: string
      try {
        url = new URL(named.url, base).href
      } catch {
        continue
      }
      causes.push([requestKey(url), {kind: 'stylesheet', file, place: place(named.position)}])
    }
  }
  return causes.reverse()
}

/** The URLs a stylesheet names (`url(…)`, `@import "…"`), with where each is written. */
function urlsIn(css: string): Array<{url: string; position: Position}> {
  const found: Array<{url: string; position: Position}> = []
  let tree
  try {
    tree = parse(css, {positions: true, parseValue: true, parseAtrulePrelude: true, parseRulePrelude: false})
  } catch {
    return found
  }
  walk(tree, function (node) {
    // `@import "x.css"` names a URL with a plain string
    const isImportString = node.type === 'String' && this.atrule?.name.toLowerCase() === 'import' && this.atrulePrelude !== null
    if ((node.type === 'Url' || isImportString) && node.loc) {
      found.push({
        url: node.value,
        position: {
          start: {line: node.loc.start.line, column: node.loc.start.column},
          end: {line: node.loc.end.line, column: node.loc.end.column}
        }
      })
    }
  })
  return found
}
