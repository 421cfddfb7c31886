import {readFile, stat} from 'node:fs/promises'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {contentType} from '../../src/output/content-type.js'

/** A folder served over real HTTP under a path prefix, as a static host serves a site in a subfolder. */
export interface ServedFolder {
  /** The address of the folder: `http://127.0.0.1:<port><prefix>`. */
  url: string
  origin: string
  /** Every path asked for, with its status. */
  requests: Array<{path: string; status: number}>
  close(): Promise<void>
}

/**
 * Serve `dir` under `prefix` (`/kennis/`, as decoded text) on a free port of
 * 127.0.0.1, as a static host such as GitHub Pages does: a folder's
 * `index.html` for a path ending in `/`, a folder without its slash
 * redirected (301), and any other address under the prefix answered by the
 * folder's `404.html` with status 404 (an empty 404 when it has none, or the
 * address is outside the prefix or the folder). No headers but the type and
 * the redirect: a page's own Content-Security-Policy is the only one.
 */
export async function serveFolder(dir: string, prefix: string): Promise<ServedFolder> {
  const root = path.resolve(dir)
  const requests: ServedFolder['requests'] = []
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    let pathname = ''
    try {
      pathname = decodeURIComponent(url.pathname)
    } catch {
      // A broken escape is an address that leads nowhere
    }
    const answer = (status: number, body?: Uint8Array, headers: Record<string, string> = {}) => {
      requests.push({path: pathname, status})
      response.writeHead(status, headers).end(body)
    }
    const notFound = () =>
      readFile(path.join(root, '404.html')).then(
        (page) => answer(404, page, {'content-type': 'text/html; charset=utf-8'}),
        () => answer(404)
      )
    if (!pathname.startsWith(prefix)) return answer(404)
    const file = path.resolve(root, pathname.slice(prefix.length))
    if (file !== root && !file.startsWith(root + path.sep)) return answer(404)
    void stat(file)
      .then(async (info) => {
        if (info.isFile()) return answer(200, await readFile(file), {'content-type': contentType(file)})
        if (!pathname.endsWith('/')) return answer(301, undefined, {location: `${url.pathname}/`})
        const index = path.join(file, 'index.html')
        return answer(200, await readFile(index), {'content-type': contentType(index)})
      })
      .catch(notFound)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `${origin}${prefix}`,
    origin,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
