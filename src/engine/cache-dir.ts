import {existsSync} from 'node:fs'
import path from 'node:path'

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
