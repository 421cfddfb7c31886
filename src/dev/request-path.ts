/** What a request's path asks the dev server for. */
export type RequestedPath =
  /** A file of the site, by its path in the output (`card/index.html`). */
  | {kind: 'file'; path: string}
  /** A path that cannot name a file of the site: it is refused, never looked up. */
  | {kind: 'refused'; status: 400; reason: string}

/**
 * The site path a request's target names. The raw target is read segment
 * by segment, each decoded on its own: a segment that is `.` or `..` (also
 * written `%2e%2e`), holds a slash or backslash once decoded (`%2f`), a
 * control character, or a broken escape is refused, so no path can leave
 * the site or mean two things. A path ending in `/` names its index.html.
 * (The WHATWG URL parser would quietly resolve `/../` instead: the raw
 * target is what the client sent, and a request that tries to climb is
 * answered as such.)
 */
export function requestedPath(target: string): RequestedPath {
  const refuse = (reason: string): RequestedPath => ({kind: 'refused', status: 400, reason})
  // Only origin-form targets ("/path?query"); "*" and absolute URLs have no place here
  if (!target.startsWith('/')) return refuse('The request target is not a path')
  const rawPath = target.replace(/[?#].*$/s, '')
  const segments: string[] = []
  for (const raw of rawPath.slice(1).split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return refuse('The path holds a broken %-escape')
    }
    if (segment === '.' || segment === '..') return refuse('The path climbs out of the site')
    if (/[/\\]/.test(segment)) return refuse('The path holds an escaped slash')
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(segment)) return refuse('The path holds a control character')
    segments.push(segment)
  }
  // "/a//b" is not "/a/b": an empty segment inside the path names nothing
  if (segments.slice(0, -1).some((segment) => segment === '')) return refuse('The path holds an empty segment')
  if (segments.at(-1) === '') segments[segments.length - 1] = 'index.html'
  return {kind: 'file', path: segments.join('/')}
}
