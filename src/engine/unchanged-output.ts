import {lstatSync, readdirSync} from 'node:fs'
import {mkdir, readFile, rename, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import {type CardFolder, listContent} from '../content/read-content.js'
import type {CacheStore} from './cache-store.js'
import type {CardStepResult} from './card-step.js'
import {applyStoredMessages} from './stored-message.js'
import {forgetVisualThemes, visualThemeLoads} from './visual-themes.js'
import {hashText} from './hash.js'
import {imagesKey, visualThemeKey} from './keys.js'

/** What a card of a build depended on, to tell later that nothing of it changed. */
export interface CardSignature {
  slug: string
  /** The card's cache key (see build-site.ts), made with these `downloads`. */
  key: string
  downloads: 'all' | string[]
  visualTheme: string | undefined
  themeKey: string | undefined
  imageTargets: string[]
  imagesKey: string
  /** Findings of the card's files; when there are any, they are taken from its cache entry. */
  findings: number
}

/**
 * What the last build wrote into an output folder and from what: kept in
 * the cache folder (never in the output), one per output folder.
 */
export interface OutputManifest {
  format: 1
  tool: string
  /** The build's settings that change its output. */
  settings: string
  cards: CardSignature[]
  /** The cards as `build --format json` names them (missing in a manifest of an older build). */
  index?: Array<{slug: string; title: string; themes: number}>
  pages: number
  pdfs: Array<{path: string; pageCount: number}>
  keptPdfs: string[]
  /** Every file of the output, by path: its size and modification time. */
  files: Record<string, [number, number]>
}

/** Where the manifest of an output folder is kept. */
function manifestPath(cacheDir: string, outDir: string): string {
  return path.join(cacheDir, 'outputs', `${hashText([outDir]).slice(0, 32)}.json`)
}

/** Record what the build just put in place, with the files as they are now. */
export async function writeManifest(cacheDir: string, outDir: string, manifest: Omit<OutputManifest, 'files' | 'format'>): Promise<void> {
  const target = manifestPath(cacheDir, outDir)
  const full: OutputManifest = {format: 1, ...manifest, files: filesOf(outDir)}
  await mkdir(path.dirname(target), {recursive: true})
  const temporary = `${target}.${process.pid}.tmp`
  await writeFile(temporary, JSON.stringify(full))
  await rename(temporary, target)
}

/** The last build's manifest of this output folder, if any and readable. */
export async function readManifest(cacheDir: string, outDir: string): Promise<OutputManifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(manifestPath(cacheDir, outDir), 'utf8')) as OutputManifest
    return manifest.format === 1 && Array.isArray(manifest.cards) ? manifest : undefined
  } catch {
    return undefined
  }
}

/** The output's regular files with their sizes and times; links and other kinds are listed so they never match. */
function filesOf(outDir: string): Record<string, [number, number]> {
  const files: Record<string, [number, number]> = {}
  for (const entry of readdirSync(outDir, {recursive: true, withFileTypes: true})) {
    if (entry.isDirectory()) continue
    const full = path.join(entry.parentPath, entry.name)
    const info = lstatSync(full)
    files[path.relative(outDir, full).split(path.sep).join('/')] = entry.isFile() ? [info.size, info.mtimeMs] : [-1, -1]
  }
  return files
}

export interface UnchangedOptions {
  contentDir: string
  outDir: string
  manifest: OutputManifest
  tool: string
  settings: string
  cache: CacheStore
  /** The key of a card, as the engine makes it (see build-site.ts). */
  cardKey: (folder: CardFolder, downloads: 'all' | string[]) => string | undefined
}

export interface UnchangedBuild {
  files: VFile[]
  manifest: OutputManifest
}

/**
 * Whether the last build's output is still exactly what a build now would
 * write: the same cards with the same files, visual themes and images, the
 * same tool and settings, and the output files as that build left them
 * (none changed, added or removed since). Then nothing needs writing; the
 * findings are those the cache kept. Undefined at the first difference:
 * the caller builds as usual.
 */
export async function unchangedOutput(options: UnchangedOptions): Promise<UnchangedBuild | undefined> {
  const {manifest} = options
  if (manifest.tool !== options.tool || manifest.settings !== options.settings) return undefined
  const current = filesOf(options.outDir)
  const recorded = Object.entries(manifest.files)
  if (Object.keys(current).length !== recorded.length) return undefined
  for (const [file, [size, time]] of recorded) {
    const now = current[file]
    if (!now || now[0] !== size || now[1] !== time) return undefined
  }

  forgetVisualThemes()
  const listing = await listContent(options.contentDir)
  if (listing.problems.length > 0 || listing.cards.length !== manifest.cards.length) return undefined
  const themeKeys = new Map<string, string>()
  const files: VFile[] = []
  const themeFilesReported = new Set<string>()
  for (const [position, entry] of listing.cards.entries()) {
    const signature = manifest.cards[position]!
    if (entry.slug !== signature.slug) return undefined
    const folder = await entry.read()
    if (options.cardKey(folder, signature.downloads) !== signature.key) return undefined
    const themeFiles: VFile[] = []
    if (signature.visualTheme !== undefined) {
      const load = await visualThemeLoads(listing.dir, signature.visualTheme)
      let key = themeKeys.get(signature.visualTheme)
      if (key === undefined) {
        key = await visualThemeKey(load)
        themeKeys.set(signature.visualTheme, key)
      }
      if (key !== signature.themeKey) return undefined
      for (const file of load.kind === 'unknown' ? [] : [load.file, ...(load.parentFiles ?? [])]) {
        if (!file || themeFilesReported.has(file.path)) continue
        themeFilesReported.add(file.path)
        themeFiles.push(file)
      }
    }
    if ((await imagesKey(folder.dir, signature.imageTargets)) !== signature.imagesKey) return undefined
    const ownFiles = [folder.index, ...folder.themeFiles]
    if (signature.findings > 0) {
      const cached = (await options.cache.get('cards', signature.key)) as {result: CardStepResult} | undefined
      if (!cached) return undefined
      ownFiles.forEach((file, index) => applyStoredMessages(file, cached.result.messages[index] ?? []))
    }
    for (const file of ownFiles) {
      if (file.messages.length === 0) file.value = ''
      file.data = {readable: file.data.readable}
    }
    files.push(...ownFiles, ...themeFiles)
  }
  return {files, manifest}
}
