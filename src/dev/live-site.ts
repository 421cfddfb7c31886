import type {VFile} from 'vfile'
import {buildSite, type SiteBuildResult} from '../engine/build-site.js'
import type {CacheStore} from '../engine/cache-store.js'
import {CliError} from '../errors.js'

/** One build of the live site. */
export interface LiveBuild {
  /** False when the content has errors: the site still serves the last good build. */
  ok: boolean
  /** The output paths this build added, changed or removed (none when it failed). */
  changed: string[]
  /** Every content file read, with its findings. */
  files: VFile[]
  /** What stopped the build before it could read the content (the content folder is gone), when something did. */
  problem?: {message: string; hint?: string | undefined}
  ms: number
}

export interface LiveSiteOptions {
  contentDir: string
  cache: CacheStore
  /** The tool build (see `toolId`). */
  tool: string
}

/**
 * The site as the content stands, kept in memory and rebuilt through the
 * incremental engine: a rebuild redoes only the files and cards that
 * changed, the rest comes from the cache. A build that fails leaves the
 * last good one in place. Rebuilds never overlap: one asked for while one
 * runs waits for it, and any number asked for meanwhile make one more.
 */
export class LiveSite {
  private files = new Map<string, Buffer>()
  private running: Promise<LiveBuild> | undefined
  private waiting: Promise<LiveBuild> | undefined
  /** The last build, good or not. */
  last: LiveBuild | undefined
  /** Counts the good builds: a PDF printed from an older one is out of date. */
  generation = 0

  constructor(private readonly options: LiveSiteOptions) {}

  /** A file of the last good build, by its output path. */
  file(path: string): Buffer | undefined {
    return this.files.get(path)
  }

  /** The output paths of the last good build. */
  paths(): string[] {
    return [...this.files.keys()]
  }

  /** Build again, after the build that is running (if any). */
  rebuild(): Promise<LiveBuild> {
    if (!this.running) {
      this.running = this.build().finally(() => (this.running = undefined))
      return this.running
    }
    this.waiting ??= this.running.catch(() => undefined).then(() => {
      this.waiting = undefined
      return this.rebuild()
    })
    return this.waiting
  }

  private async build(): Promise<LiveBuild> {
    const started = performance.now()
    const made = new Map<string, Buffer>()
    let result: SiteBuildResult
    try {
      result = await buildSite({
        contentDir: this.options.contentDir,
        cache: this.options.cache,
        tool: this.options.tool,
        write: async (file) => void made.set(file.path, Buffer.from(file.contents)),
        pdf: false,
        linkAllPdfs: true,
        workers: 'auto'
      })
    } catch (error) {
      // The content cannot be read at all: that is reported like a finding, and the last good build stays
      const problem = error instanceof CliError ? {message: error.message, hint: error.hint} : {message: error instanceof Error ? error.message : String(error)}
      this.last = {ok: false, changed: [], files: [], problem, ms: performance.now() - started}
      return this.last
    }
    const ok = !result.failed
    const changed: string[] = []
    if (ok) {
      for (const [path, contents] of made) if (!this.files.get(path)?.equals(contents)) changed.push(path)
      for (const path of this.files.keys()) if (!made.has(path)) changed.push(path)
      this.files = made
      this.generation++
    }
    this.last = {ok, changed: changed.sort(), files: result.files, ms: performance.now() - started}
    return this.last
  }
}
