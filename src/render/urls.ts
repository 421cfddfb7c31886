import path from 'node:path/posix'

/**
 * The relative URL from one output file to another, so the site works at any
 * base path. A target ending in `/` is a page folder and keeps its slash.
 */
export function relativeUrl(fromFile: string, to: string): string {
  const relative = path.relative(path.dirname(fromFile), to)
  if (to.endsWith('/')) return relative === '' ? './' : `${relative}/`
  return relative
}
