import path from 'node:path/posix'

/**
 * The relative URL from one output file to another, so the site works at any
 * base path. A target ending in `/` is a page folder and keeps its slash.
 */
export function relativeUrl(fromFile: string, to: string): string {
  const relative = encodePath(path.relative(path.dirname(fromFile), to))
  if (to.endsWith('/')) return relative === '' ? './' : `${relative}/`
  return relative
}

/**
 * A relative file path as a URL path: each segment percent-encoded, so a
 * file named `50% groei #1?.png` is not read as an escape, a fragment or a
 * query.
 */
export function encodePath(filePath: string): string {
  return filePath
    .split('/')
    .map((segment) => (segment === '.' || segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/')
}
