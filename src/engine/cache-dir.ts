import {existsSync} from 'node:fs'
import path from 'node:path'
import {CliError, ExitCode} from '../errors.js'
import {realPathOfNearest} from '../output/resolve-output-path.js'

/**
 * Where the cache lives when `--cache-dir` does not say: in the project's
 * `node_modules/.cache/kenniskaart/`, the place build tools share (Babel,
 * ESLint, Eleventy's plugins), found from `from` upward by its
 * package.json. Outside a project: no cache on disk.
 */
export function defaultCacheDir(from: string = process.cwd()): string | undefined {
  let dir = path.resolve(from)
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'node_modules', '.cache', 'kenniskaart')
    const parent = path.dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/**
 * Refuse a cache folder that would mix with the content or the output: in
 * the content folder it would be read as a card; in the output folder (or
 * holding either) each build's swap would throw it away, or clearing it
 * would take the content with it. Compared by real path (links followed).
 */
export async function checkCacheDir(cacheDir: string, places: {content: string; out: string}): Promise<void> {
  const cache = await realPathOfNearest(cacheDir)
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep)
  for (const [name, given] of [['content folder', places.content], ['output folder', places.out]] as const) {
    const place = await realPathOfNearest(given)
    if (inside(cache, place) || inside(place, cache)) {
      throw new CliError(`Refusing to keep the cache in ${cacheDir}: it ${inside(cache, place) ? 'is inside' : 'holds'} the ${name} ${given}`, {
        exitCode: ExitCode.usage,
        hint: 'Name a folder of its own with --cache-dir (the default is node_modules/.cache/kenniskaart), or build without a cache with --no-cache.'
      })
    }
  }
}
