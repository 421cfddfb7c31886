import {readdir, readFile, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {CardFolder} from '../content/read-content.js'
import type {VisualThemeLoad} from '../theme/load-visual-theme.js'
import type {CardStepContext} from './card-step.js'
import {hashText} from './hash.js'

/** The compiled code of this tool: the folder above `engine/`. */
const codeDir = fileURLToPath(new URL('..', import.meta.url))

let toolIdentity: Promise<string> | undefined

/**
 * The exact build of the tool: its version and a hash of its compiled
 * code, so a cache never serves results of other code, also between two
 * builds of the same version. `npm run build` writes the hash to
 * `lib/build-id.json`; run from the sources (the tests), the code is hashed here.
 */
export function toolId(): Promise<string> {
  toolIdentity ??= (async () => {
    const {version} = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string}
    const recorded = await readFile(path.join(codeDir, 'build-id.json'), 'utf8').then((text) => (JSON.parse(text) as {id?: unknown}).id, () => undefined)
    if (typeof recorded === 'string') return `${version}+${recorded}`
    const entries = await readdir(codeDir, {recursive: true, withFileTypes: true})
    const files = entries
      .filter((entry) => entry.isFile() && /\.(?:js|mjs|cjs|json|ts)$/.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort()
    const parts: Array<string | Uint8Array> = [version]
    for (const file of files) parts.push(path.relative(codeDir, file), await readFile(file))
    return `${version}+${hashText(parts).slice(0, 16)}`
  })()
  return toolIdentity
}

/** What a visual theme is, as a hash: its settings, its stylesheets, its fonts' bytes, and its findings; for a theme that extends others, the whole chain (merged into the theme). */
export async function visualThemeKey(load: VisualThemeLoad): Promise<string> {
  if (load.kind === 'unknown') return hashText(['unknown', load.reason, load.hint])
  if (load.kind === 'broken') {
    // The whole chain as read: a parent's theme.json and findings too
    return hashText(['broken', ...[load.file, ...(load.parentFiles ?? [])].flatMap((file) => [file.path, String(file.value ?? ''), JSON.stringify(file.messages.map((message) => message.reason))])])
  }
  const {theme} = load
  const parts: Array<string | Uint8Array> = ['loaded', JSON.stringify(theme)]
  for (const font of theme.fontFiles) parts.push(font, await readFile(font).catch(() => 'unreadable'))
  return hashText(parts)
}

/**
 * What the per-card step read of the card's images, as a hash: for each
 * image the card names, where it leads and its bytes, or that it is not
 * there (then the names beside it, which the hint for a typo uses).
 */
export async function imagesKey(cardDir: string, targets: readonly string[]): Promise<string> {
  const parts: Array<string | Uint8Array> = [await realpath(cardDir).catch(() => cardDir)]
  for (const target of targets) {
    const full = path.join(cardDir, ...target.split('/'))
    const real = await realpath(full).catch(() => undefined)
    const info = real === undefined ? undefined : await stat(real).catch(() => undefined)
    parts.push(target, real ?? 'missing')
    if (info?.isFile()) parts.push(await readFile(real!).catch(() => 'unreadable'))
    else parts.push((await readdir(path.dirname(full)).catch(() => [])).sort().join('\n'))
  }
  return hashText(parts)
}

/** The key of a per-file result: the tool build, the kind of file, its name and its text. */
export function fileKey(tool: string, kind: 'card' | 'theme', name: string, text: string): string {
  return hashText([tool, kind, name, text])
}

/**
 * The key of a card's entry: the tool build, the card, what its page
 * offers, and the name and text of each of its files. Undefined when a
 * file could not be read (its findings come from reading, every time).
 */
export function cardKey(folder: CardFolder, context: CardStepContext): string | undefined {
  const files = [folder.index, ...folder.themeFiles]
  if (!folder.hasIndex || files.some((file) => !file.data.readable)) return undefined
  const parts = [context.tool, folder.slug, folder.dir, context.contentDir, JSON.stringify(context.downloads), String(context.withPrintKeys)]
  if (context.visualTheme !== undefined) parts.push(`--theme ${context.visualTheme}`)
  if (context.search !== undefined) parts.push(`search ${JSON.stringify(context.search)}`)
  // The pages' canonical URLs and share tags
  if (context.address !== undefined) parts.push(`--address ${JSON.stringify([context.address.base, context.address.siteUrl ?? null])}`)
  files.forEach((file, index) => parts.push(fileKey(context.tool, index === 0 ? 'card' : 'theme', file.basename ?? '', String(file.value))))
  return hashText(parts)
}
