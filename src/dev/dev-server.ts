import {readFile} from 'node:fs/promises'
import http, {type IncomingMessage, type ServerResponse} from 'node:http'
import path from 'node:path'
import {h} from 'hastscript'
import {memoryCache} from '../engine/cache-store.js'
import {toolId} from '../engine/keys.js'
import {contentType} from '../output/content-type.js'
import {stringifyHtml} from '../render/stringify.js'
import {isAllowedHost} from './allowed-host.js'
import {devPrefix, withDevClient} from './dev-page.js'
import {EventStream, type DevEvent} from './event-stream.js'
import {listen} from './listen.js'
import {type LiveBuild, LiveSite} from './live-site.js'
import {overlayFindings} from './overlay-findings.js'
import {type CardPrint, PrintService} from './print-service.js'
import {printPreviewPage} from './print-preview-page.js'
import {requestedPath} from './request-path.js'
import {watchContent} from './watch-content.js'

export interface DevServerOptions {
  contentDir: string
  /** The address to listen on: loopback (127.0.0.1) unless asked otherwise. */
  host: string
  port: number
  /** The port was asked for by name: one in use is an error, not a reason to take the next. */
  strictPort: boolean
  browserPath?: string | undefined
  pdfTimeout?: number | undefined
  /** Wait this long after the last change before printing again (the default: 300 ms). */
  printDebounceMs?: number | undefined
  /** What the terminal is told. */
  report: DevReport
}

/** What happens, for the terminal. */
export interface DevReport {
  /** A build of the site: the first, or one after these files changed. */
  built(build: LiveBuild, changedFiles: string[]): void
  /** A card's PDFs were printed, or could not be. */
  printed(card: string, print: CardPrint): void
  /** The watcher failed on something (out of watches): changes may go unseen. */
  watchError(error: Error): void
  /** The port asked for was taken; the server listens on another. */
  portTaken(asked: number, used: number): void
}

export interface DevServer {
  /** The address pages are served at, such as `http://127.0.0.1:4321/`. */
  url: string
  port: number
  /** The first build, done before the server listens. */
  firstBuild: LiveBuild
  /** The address of a card's print preview: `/<card>/print/`, or below `/__kenniskaart/` when the card has a theme named `print`. */
  printPreviewUrl(card: string): string
  /** Stop watching, serving and printing; nothing is left behind. */
  close(): Promise<void>
}

/** The dev client's own files, by their name below `/__kenniskaart/`, and where they are. */
const clientDir = new URL('../../client/', import.meta.url)
const clientFiles: Record<string, URL> = {
  'dev-client.js': new URL('dev-client.js', clientDir),
  'dev-overlay.css': new URL('dev-overlay.css', clientDir),
  'print-preview.js': new URL('print-preview.js', clientDir),
  'print-preview.css': new URL('print-preview.css', clientDir),
  'pdfjs/pdf.min.mjs': new URL('vendor/pdfjs/pdf.min.mjs', clientDir),
  'pdfjs/pdf.worker.min.mjs': new URL('vendor/pdfjs/pdf.worker.min.mjs', clientDir)
}

/** How long changes may keep coming before the site is built: an editor's save is often a write and a rename. */
const settleMs = 15

/**
 * `kenniskaart dev`: the site served from memory, rebuilt through the
 * incremental engine as the content and the visual themes change, open
 * pages told to reload (or shown the findings), and each card's PDFs
 * printed on request with one browser kept warm.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const contentDir = path.resolve(options.contentDir)
  const tool = await toolId()
  // Site and prints share one cache: a print finds the card's files already made
  const cache = memoryCache()
  const site = new LiveSite({contentDir, cache, tool})
  const events = new EventStream()
  const prints = new PrintService({
    contentDir,
    cache,
    tool,
    browserPath: options.browserPath,
    timeoutSeconds: options.pdfTimeout,
    generation: () => site.generation,
    debounceMs: options.printDebounceMs,
    onPrinting: (card) => events.send({type: 'printing', card}),
    onPrinted: (card, print) => {
      options.report.printed(card, print)
      events.send({type: 'printed', card})
    }
  })

  const firstBuild = await site.rebuild()
  options.report.built(firstBuild, [])

  const changedFiles = new Set<string>()
  let settling: NodeJS.Timeout | undefined
  const rebuild = async () => {
    const files = [...changedFiles].sort()
    changedFiles.clear()
    const build = await site.rebuild()
    options.report.built(build, files)
    if (build.ok && build.changed.length > 0) events.send({type: 'reload', paths: build.changed})
    events.send(statusEvent(build))
    if (build.ok) prints.contentChanged((card) => site.file(`${card}/index.html`) !== undefined)
  }
  const watcher = await watchContent([contentDir, path.resolve(contentDir, '..', 'themes')], (file) => {
    changedFiles.add(path.relative(process.cwd(), file) || file)
    clearTimeout(settling)
    settling = setTimeout(() => void rebuild(), settleMs)
  }, options.report.watchError)

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, request, 500, 'text/plain; charset=utf-8', `The dev server failed on this request: ${error instanceof Error ? error.message : String(error)}\n`)
      else response.destroy()
    })
  })
  // A request's headers must all arrive within this time, so an idle connection cannot hold the server open
  server.headersTimeout = 10_000
  server.requestTimeout = 60_000

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (!isAllowedHost(request.headers.host, options.host)) {
      return send(response, request, 403, 'text/plain; charset=utf-8', `Blocked: the host ${JSON.stringify(request.headers.host ?? '')} is not this dev server's. Open it at ${url}.\n`)
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD')
      return send(response, request, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD.\n')
    }
    const asked = requestedPath(request.url ?? '')
    if (asked.kind === 'refused') return send(response, request, asked.status, 'text/plain; charset=utf-8', `${asked.reason}.\n`)
    const filePath = asked.path

    const previewOf = printPreviewOf(filePath)
    if (previewOf !== undefined) {
      return send(response, request, 200, 'text/html; charset=utf-8', printPreviewPage(previewOf, await prints.current(previewOf)))
    }
    if (printPreviewOf(`${filePath}/index.html`) !== undefined) return toFolder(request, response, filePath)
    if (`/${filePath}`.startsWith(devPrefix)) return serveDevFile(request, response, filePath.slice(devPrefix.length - 1))
    if (filePath.endsWith('.pdf') && site.file(`${filePath.split('/')[0]}/index.html`)) {
      const {contents, print} = await prints.pdf(filePath)
      if (contents) return send(response, request, 200, 'application/pdf', contents)
      if (print.ok) return notFound(request, response, filePath)
      const problem = print.problem ?? {message: 'The content has errors, and this PDF was never printed: fix them (see the terminal or the page) and ask again.'}
      return send(response, request, 503, 'text/plain; charset=utf-8', `${problem.message}\n${problem.hint ?? ''}\n`)
    }

    const contents = site.file(filePath)
    if (contents) {
      if (filePath.endsWith('.html')) return send(response, request, 200, 'text/html; charset=utf-8', withDevClient(contents.toString('utf8')))
      return send(response, request, 200, contentType(filePath), contents)
    }
    if (!filePath.endsWith('index.html') && site.file(`${filePath}/index.html`)) return toFolder(request, response, filePath)
    return notFound(request, response, filePath)
  }

  /**
   * The card whose print preview a path names: `<card>/print/`, unless the
   * card has a theme of that slug (its page wins, as on a static host), and
   * always `__kenniskaart/print/<card>/`.
   */
  const printPreviewOf = (filePath: string): string | undefined => {
    const card = /^__kenniskaart\/print\/([^/]+)\/index\.html$/.exec(filePath)?.[1] ?? (site.file(filePath) ? undefined : /^([^/]+)\/print\/index\.html$/.exec(filePath)?.[1])
    return card !== undefined && site.file(`${card}/index.html`) ? card : undefined
  }

  const serveDevFile = async (request: IncomingMessage, response: ServerResponse, name: string) => {
    if (name === 'events') return events.attach(request, response, statusEvent(site.last!))
    const file = Object.hasOwn(clientFiles, name) ? clientFiles[name] : undefined
    const contents = file ? await readFile(file).catch(() => undefined) : undefined
    if (!contents) return notFound(request, response, `${devPrefix.slice(1)}${name}`)
    return send(response, request, 200, contentType(name), contents)
  }

  /** A folder named without its slash: where a static host would send it. */
  const toFolder = (request: IncomingMessage, response: ServerResponse, filePath: string) => {
    response.setHeader('Location', `/${filePath.split('/').map(encodeURIComponent).join('/')}/`)
    return send(response, request, 301, 'text/plain; charset=utf-8', 'Moved.\n')
  }

  const notFound = (request: IncomingMessage, response: ServerResponse, filePath: string) => {
    return send(response, request, 404, 'text/html; charset=utf-8', withDevClient(notFoundPage(filePath)))
  }

  let port: number
  try {
    port = await listen(server, {host: options.host, port: options.port, strictPort: options.strictPort, onTaken: options.report.portTaken})
  } catch (error) {
    await Promise.all([watcher.close(), prints.close()])
    events.close()
    throw error
  }
  // Listening on every address: this machine's own is the one to open
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/`

  let closing: Promise<void> | undefined
  return {
    url,
    port,
    firstBuild,
    printPreviewUrl: (card) => `${url}${printPreviewOf(`${card}/print/index.html`) === undefined ? `${devPrefix.slice(1)}print/${card}` : `${card}/print`}/`,
    close: () =>
      (closing ??= (async () => {
        clearTimeout(settling)
        events.close()
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeAllConnections()
        await Promise.all([watcher.close(), prints.close(), stopped])
      })())
  }
}

function statusEvent(build: LiveBuild): DevEvent {
  return {type: 'status', ok: build.ok, findings: overlayFindings(build.files), problem: build.problem}
}

/** Answer with these bytes; never cached, never sniffed, never embedded elsewhere. */
function send(response: ServerResponse, request: IncomingMessage, status: number, type: string, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': bytes.byteLength,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer'
  })
  response.end(request.method === 'HEAD' ? undefined : bytes)
}

/** The dev server's page for a path the site does not have: a tree like every page, so the path is text, never markup. */
function notFoundPage(filePath: string): string {
  return stringifyHtml(
    h(null, [
      {type: 'doctype'},
      h('html', {lang: 'en'}, [
        h('head', [h('meta', {charSet: 'utf-8'}), h('title', 'Not found')]),
        h('body', [h('h1', 'Not found'), h('p', ['The site has no file ', h('code', filePath), '. ', h('a', {href: '/'}, 'The index page'), '.'])])
      ])
    ])
  )
}
