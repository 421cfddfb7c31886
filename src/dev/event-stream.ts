import type {IncomingMessage, ServerResponse} from 'node:http'

/** What the dev server tells open pages. */
export type DevEvent =
  /** The state of the content: good, or the findings that keep the last good build on show. */
  | {type: 'status'; ok: boolean; findings: unknown[]; problem?: {message: string; hint?: string | undefined} | undefined}
  /** A good build changed these output paths: a page showing one of them (or using a changed stylesheet, font or image) reloads. */
  | {type: 'reload'; paths: string[]}
  /** A card's PDFs are being printed again, or have been. */
  | {type: 'printing' | 'printed'; card: string}

/** Seconds between the comments that keep an idle stream open through proxies and sleep. */
const keepAliveMs = 15_000

/**
 * Bytes a page may leave unread before it is let go: a page that stops
 * reading (a frozen tab, a stuck client) would otherwise hold every event
 * in memory. A page let go connects again and is greeted with the state.
 */
const maxUnreadBytes = 4 * 1024 * 1024

/**
 * Server-sent events to every open dev page: one long response per page,
 * each event one `data:` line of JSON. A new page first gets `greeting`
 * (the content's current state), so a page opened on broken content shows
 * the overlay at once.
 */
export class EventStream {
  private readonly clients = new Set<ServerResponse>()
  private readonly timer: NodeJS.Timeout

  constructor() {
    this.timer = setInterval(() => {
      for (const client of this.clients) this.write(client, ': keep-alive\n\n')
    }, keepAliveMs)
    this.timer.unref()
  }

  /** How many pages are listening. */
  get size(): number {
    return this.clients.size
  }

  attach(request: IncomingMessage, response: ServerResponse, greeting: DevEvent): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive'
    })
    // HEAD asks for the headers only: no stream to keep open
    if (request.method === 'HEAD') return void response.end()
    // A lost connection is retried after a second
    response.write(`retry: 1000\n${frame(greeting)}`)
    this.clients.add(response)
    request.on('close', () => this.clients.delete(response))
  }

  send(event: DevEvent): void {
    const text = frame(event)
    for (const client of this.clients) this.write(client, text)
  }

  /** Write to one page, or let it go when it has left too much unread. */
  private write(client: ServerResponse, text: string): void {
    if (client.writableLength <= maxUnreadBytes) return void client.write(text)
    this.clients.delete(client)
    client.destroy()
  }

  /** End every stream, so the server can close. */
  close(): void {
    clearInterval(this.timer)
    for (const client of this.clients) client.end()
    this.clients.clear()
  }
}

function frame(event: DevEvent): string {
  // JSON has no raw line breaks: one data line per event
  return `data: ${JSON.stringify(event)}\n\n`
}
