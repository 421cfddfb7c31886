import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {deserialize, serialize} from 'node:v8'

/** The kinds of results kept: per file, per card, and printed PDFs. */
export type CacheKind = 'files' | 'cards' | 'pdfs'

/**
 * Where the results of earlier builds are kept, by kind and key. A result
 * that cannot be trusted is never returned: `get` gives undefined for it,
 * as for one that was never stored.
 */
export interface CacheStore {
  get(kind: CacheKind, key: string): Promise<unknown>
  /** Store a result; the write may finish later (see `flush`). */
  set(kind: CacheKind, key: string, value: unknown): void
  /** Wait for the pending writes; a write that fails only loses that result. */
  flush(): Promise<void>
  /** Wait while many writes are pending, so results made faster than the disk takes them do not pile up in memory. */
  keepUp(): Promise<void>
  /** The folder the cache is kept in; undefined when it is not on disk (or its folder could not be used). */
  readonly dir: string | undefined
  /** What a build should be told about the cache (ignored, cleared, corrupt entries). */
  readonly warnings: string[]
  readonly stats: {hits: Record<CacheKind, number>; misses: Record<CacheKind, number>}
}

/** The manifest that marks a folder as kenniskaart's cache, and for which tool it is. */
const manifestName = 'kenniskaart-cache.json'
const format = 1
/** Writes that may wait at once before a build waits for them. */
const maxPendingWrites = 64
const magic = 'kenniskaart-cache'

interface Manifest {
  magic: typeof magic
  format: number
  tool: string
}

function emptyStats(): CacheStore['stats'] {
  return {hits: {files: 0, cards: 0, pdfs: 0}, misses: {files: 0, cards: 0, pdfs: 0}}
}

/** No cache at all (`--no-cache`): nothing is found, nothing is kept, so memory stays flat. */
export function noCache(): CacheStore {
  const stats = emptyStats()
  return {
    async get(kind) {
      stats.misses[kind]++
      return undefined
    },
    set() {},
    async flush() {},
    async keepUp() {},
    dir: undefined,
    warnings: [],
    stats
  }
}

/**
 * A cache kept in memory, for one process: the live preview keeps its
 * engine running between builds.
 * Results are kept serialized, as on disk: a step that changes a tree it
 * was given never changes the cached one. The results used least recently
 * go first when they hold more than `maxBytes` together (each edit makes
 * new ones, and a session of edits must not grow without end).
 */
export function memoryCache(options: {maxBytes?: number} = {}): CacheStore {
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024
  // In the order of their last use: a Map iterates in insertion order
  const entries = new Map<string, Buffer>()
  let heldBytes = 0
  const stats = emptyStats()
  const forget = (name: string) => {
    const bytes = entries.get(name)
    if (bytes === undefined) return
    entries.delete(name)
    heldBytes -= bytes.byteLength
  }
  return {
    async get(kind, key) {
      const name = `${kind}/${key}`
      const bytes = entries.get(name)
      if (bytes === undefined) {
        stats.misses[kind]++
        return undefined
      }
      stats.hits[kind]++
      entries.delete(name)
      entries.set(name, bytes)
      return deserialize(bytes)
    },
    set(kind, key, value) {
      const name = `${kind}/${key}`
      forget(name)
      const bytes = serialize(value)
      entries.set(name, bytes)
      heldBytes += bytes.byteLength
      for (const oldest of entries.keys()) {
        if (heldBytes <= maxBytes || oldest === name) break
        forget(oldest)
      }
    },
    async flush() {},
    async keepUp() {},
    dir: undefined,
    warnings: [],
    stats
  }
}

/**
 * A cache in a folder, one file per result: a header line (its kind, key
 * and a SHA-256 of the payload) and the payload serialized with v8. The
 * folder is marked by a manifest naming the tool it belongs to:
 * - a folder that holds other files and no manifest is not ours: it is
 *   left alone, and the build runs without a cache (with a warning);
 * - a cache of another tool build or format is outdated: it is cleared;
 * - an entry whose header, checksum or payload does not hold up is
 *   corrupt: it is ignored (and replaced), with one warning per build.
 * `tool` names the exact tool build: results of another build never mix.
 */
export async function diskCache(dir: string, tool: string): Promise<CacheStore> {
  const warnings: string[] = []
  const usable = await prepareFolder(dir, tool, warnings)
  if (!usable) return {...noCache(), warnings}
  const stats = emptyStats()
  const pending = new Set<Promise<void>>()
  let corrupt = 0
  const entryPath = (kind: CacheKind, key: string) => path.join(dir, kind, key.slice(0, 2), key)
  // Each folder is made once per build, not once per entry
  const folders = new Map<string, Promise<unknown>>()
  const folderFor = (target: string) => {
    const folder = path.dirname(target)
    let made = folders.get(folder)
    if (!made) {
      made = mkdir(folder, {recursive: true})
      folders.set(folder, made)
    }
    return made
  }

  const flush = async () => {
    while (pending.size > 0) await Promise.all(pending)
  }
  return {
    async get(kind, key) {
      let bytes: Buffer | undefined
      try {
        // Synchronous: most entries are small, and a build reads one per file and per card
        bytes = readFileSync(entryPath(kind, key))
      } catch {
        bytes = undefined
      }
      const value = bytes && decodeEntry(bytes, kind, key)
      if (bytes && value === undefined) {
        corrupt++
        if (corrupt === 1) warnings.push(`Ignored a corrupt entry in the cache ${dir}; it is built again and replaced.`)
      }
      if (value === undefined) {
        stats.misses[kind]++
        return undefined
      }
      stats.hits[kind]++
      return value.payload
    },
    set(kind, key, value) {
      const target = entryPath(kind, key)
      const write = (async () => {
        const bytes = encodeEntry(kind, key, value)
        await folderFor(target)
        // A write replaces the entry whole: a process killed halfway leaves a temporary file, never half an entry
        const temporary = `${target}.${process.pid}.tmp`
        await writeFile(temporary, bytes)
        await rename(temporary, target)
      })().catch(() => undefined)
      pending.add(write)
      void write.finally(() => pending.delete(write))
    },
    flush,
    async keepUp() {
      if (pending.size > maxPendingWrites) await flush()
    },
    dir,
    warnings,
    stats
  }
}

/**
 * Make sure `dir` is this tool build's cache, or can become it. Returns
 * false when it must not be used (someone else's folder, or unwritable).
 */
async function prepareFolder(dir: string, tool: string, warnings: string[]): Promise<boolean> {
  const manifestPath = path.join(dir, manifestName)
  const text = await readFile(manifestPath, 'utf8').catch(() => undefined)
  const manifest = text === undefined ? undefined : parseManifest(text)
  if (manifest?.tool === tool && manifest.format === format) return true
  if (text === undefined) {
    const entries = await readdir(dir).catch(() => [])
    if (entries.length > 0) {
      warnings.push(`The cache folder ${dir} holds files that are not kenniskaart's cache: it is left alone and this build runs without a cache. Name an empty or new folder with --cache-dir.`)
      return false
    }
  } else if (manifest === undefined) {
    warnings.push(`The cache in ${dir} is corrupt (its ${manifestName} cannot be read): it is cleared and built again.`)
  } else {
    warnings.push(`The cache in ${dir} was made by another version of kenniskaart: it is cleared and built again.`)
  }
  try {
    // Only what kenniskaart put there is removed: the folders of its kinds
    await Promise.all(['files', 'cards', 'pdfs', 'outputs'].map((kind) => rm(path.join(dir, kind), {recursive: true, force: true})))
    await mkdir(dir, {recursive: true})
    await writeFile(manifestPath, `${JSON.stringify({magic, format, tool} satisfies Manifest, null, 2)}\n`)
    return true
  } catch (error) {
    warnings.push(`The cache folder ${dir} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): this build runs without a cache.`)
    return false
  }
}

function parseManifest(text: string): Manifest | undefined {
  try {
    const value = JSON.parse(text) as Partial<Manifest>
    return value.magic === magic && typeof value.format === 'number' && typeof value.tool === 'string' ? (value as Manifest) : undefined
  } catch {
    return undefined
  }
}

function encodeEntry(kind: CacheKind, key: string, value: unknown): Buffer {
  const payload = serialize(value)
  const header = Buffer.from(`${magic} ${format} ${kind} ${key} ${sha256(payload)}\n`)
  return Buffer.concat([header, payload])
}

/** The entry's payload, or undefined when anything about it is off. */
function decodeEntry(bytes: Buffer, kind: CacheKind, key: string): {payload: unknown} | undefined {
  const end = bytes.indexOf(0x0a)
  if (end < 0 || end > 512) return undefined
  const [entryMagic, entryFormat, entryKind, entryKey, checksum] = bytes.subarray(0, end).toString('latin1').split(' ')
  if (entryMagic !== magic || entryFormat !== String(format) || entryKind !== kind || entryKey !== key) return undefined
  const payload = bytes.subarray(end + 1)
  if (sha256(payload) !== checksum) return undefined
  try {
    return {payload: deserialize(payload)}
  } catch {
    return undefined
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
