import stringWidth from 'string-width'
import {escapeTerminal} from './escape-terminal.js'

/** The kinds of work a build counts, in the order the status line shows them. */
export type ProgressKind = 'cards' | 'pdfs'

const kindLabels: Record<ProgressKind, string> = {cards: 'Cards', pdfs: 'PDFs'}

/** The stream progress is written to: stderr, or a terminal-like stream in tests. */
export interface ProgressStream {
  write(text: string): unknown
  isTTY?: boolean | undefined
  columns?: number | undefined
}

export interface ProgressOptions {
  stream: ProgressStream
  /** `--quiet`: no status line at all. */
  quiet?: boolean | undefined
  /** `--verbose`: print per-stage timings and details (cache hits, the browser used). */
  verbose?: boolean | undefined
  /** The environment, for `CI`; `process.env` when left out. */
  env?: NodeJS.ProcessEnv | undefined
}

/**
 * What a long command tells the person watching it. On a terminal (and not
 * in CI, not with `--quiet`) one status line on the stream shows the cards
 * and PDFs done of their totals and the latest one's name, redrawn at most
 * ten times a second; `done()` clears it for the summary. Elsewhere the
 * status line writes nothing. `timing` and `detail` print lines of their
 * own, with `--verbose` only.
 */
export interface Progress {
  /** Begin counting a kind of work: `total` items. */
  start(kind: ProgressKind, total: number): void
  /** More items of a kind, found as the work goes (a card's PDFs, once the card is made). */
  add(kind: ProgressKind, more: number): void
  /** One more item of a kind is done; `name` is shown as the current one. */
  advance(kind: ProgressKind, name: string): void
  /** With `--verbose`: how long a stage took. */
  timing(stage: string, ms: number): void
  /** With `--verbose`: one line of detail, such as a cache hit or the browser used. */
  detail(text: string): void
  /** Clear the status line; call it before the summary or any other output. */
  done(): void
}

/** Redraws of the status line are at least this far apart (ten a second). */
export const redrawIntervalMs = 100

/** True when a status line may be drawn: a terminal, not CI, not `--quiet`. */
export function showsStatusLine(options: ProgressOptions): boolean {
  const ci = (options.env ?? process.env).CI
  const inCi = ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false'
  return Boolean(options.stream.isTTY) && !options.quiet && !inCi
}

/** The progress of one command run; see {@link Progress}. */
export function createProgress(options: ProgressOptions): Progress {
  const {stream} = options
  const live = showsStatusLine(options)
  const counts = new Map<ProgressKind, {done: number; total: number}>()
  let current = ''
  let shown = false
  let lastDraw = Number.NEGATIVE_INFINITY
  let pending: ReturnType<typeof setTimeout> | undefined
  let finished = false

  const write = (text: string) => {
    try {
      stream.write(text)
    } catch {
      // A closed stderr (EPIPE) must not stop the build
    }
  }
  const clear = () => {
    if (shown) write('\r\u001b[K')
    shown = false
  }
  const draw = () => {
    if (pending) clearTimeout(pending)
    pending = undefined
    lastDraw = Date.now()
    const parts = (['cards', 'pdfs'] as const).flatMap((kind) => {
      const count = counts.get(kind)
      return count ? [`${kindLabels[kind]} ${count.done}/${count.total}`] : []
    })
    if (current) parts.push(current)
    // One column is kept free: a line as wide as the terminal wraps on some
    write(`\r${truncateToWidth(parts.join(' · '), (stream.columns || 80) - 1)}\u001b[K`)
    shown = true
  }
  const redraw = () => {
    if (!live || finished) return
    const wait = lastDraw + redrawIntervalMs - Date.now()
    if (wait <= 0) draw()
    else if (!pending) pending = setTimeout(draw, wait).unref()
  }
  const printLine = (text: string) => {
    const wasShown = shown
    clear()
    write(`${escapeTerminal(text)}\n`)
    if (wasShown) draw()
  }

  return {
    start(kind, total) {
      counts.set(kind, {done: 0, total})
      // The name shown was of the work before
      current = ''
      redraw()
    },
    add(kind, more) {
      const count = counts.get(kind) ?? {done: 0, total: 0}
      count.total += more
      counts.set(kind, count)
      current = ''
      redraw()
    },
    advance(kind, name) {
      const count = counts.get(kind)
      if (count) count.done = Math.min(count.done + 1, count.total)
      current = escapeTerminal(name)
      redraw()
    },
    timing(stage, ms) {
      if (options.verbose) printLine(`${stage}: ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`)
    },
    detail(text) {
      if (options.verbose) printLine(text)
    },
    done() {
      finished = true
      if (pending) clearTimeout(pending)
      pending = undefined
      clear()
    }
  }
}

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'})

/** Text cut to at most `width` terminal columns, ending in `…` when cut. */
export function truncateToWidth(text: string, width: number): string {
  if (stringWidth(text) <= width) return text
  let kept = ''
  let used = 0
  for (const {segment} of graphemes.segment(text)) {
    const cells = stringWidth(segment)
    if (used + cells > width - 1) break
    kept += segment
    used += cells
  }
  return width >= 1 ? `${kept}…` : ''
}
