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
 * Serve `dir` under `prefix` (`/kennis/`) on a free port of 127.0.0.1: a
 * folder's `index.html` for a path ending in `/`, a 404 for anything
 * outside the prefix or the folder. No headers but the type: a page's own
 * Content-Security-Policy is the only one.
 */
export async function serveFolder(dir: string, prefix: string): Promise<ServedFolder> {
  const root = path.resolve(dir)
  const requests: ServedFolder['requests'] = []
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
    const answer = (status: number, body?: Uint8Array, type?: string) => {
      requests.push({path: pathname, status})
      response.writeHead(status, type ? {'content-type': type} : {}).end(body)
    }
    if (!pathname.startsWith(prefix)) return answer(404)
    const relative = pathname.slice(prefix.length) + (pathname.endsWith('/') ? 'index.html' : '')
    const file = path.resolve(root, relative)
    if (file !== root && !file.startsWith(root + path.sep)) return answer(404)
    void stat(file)
      .then(async (info) => (info.isFile() ? answer(200, await readFile(file), contentType(file)) : answer(404)))
      .catch(() => answer(404))
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
