import {Writable} from 'node:stream'
import stringWidth from 'string-width'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {createProgress, type ProgressOptions, redrawIntervalMs, truncateToWidth} from '../../src/report/progress.js'

/** A stream that takes what is written to it, as stderr does, and says it is a terminal of some width. */
class Terminal extends Writable {
  written = ''
  constructor(
    readonly isTTY: boolean,
    readonly columns = 80
  ) {
    super()
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.written += chunk.toString('utf8')
    callback()
  }

  /** The status lines drawn, as the text each one shows. */
  get lines(): string[] {
    // eslint-disable-next-line no-control-regex -- the line is drawn with control sequences
    return [...this.written.matchAll(/\r([^\r\n]*?)\u001b\[K/g)].map((match) => match[1]!).filter(Boolean)
  }
}

const noCi = {CI: undefined}

function progressOn(terminal: Terminal, options: Partial<ProgressOptions> = {}) {
  return createProgress({stream: terminal, env: noCi, ...options})
}

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('progress on a terminal', () => {
  it('shows cards and PDFs done of their totals and the current name on one line, and done() clears it', () => {
    const terminal = new Terminal(true)
    const progress = progressOn(terminal)
    progress.start('cards', 2)
    vi.advanceTimersByTime(redrawIntervalMs)
    progress.advance('cards', 'leesbevordering')
    vi.advanceTimersByTime(redrawIntervalMs)
    progress.start('pdfs', 3)
    vi.advanceTimersByTime(redrawIntervalMs)
    progress.advance('pdfs', 'leesbevordering-voorlezen')
    expect(terminal.lines.at(-1)).toBe('Cards 1/2 · PDFs 1/3 · leesbevordering-voorlezen')
    // Nothing but status lines, each drawn over the last: no line breaks
    expect(terminal.written).not.toContain('\n')
    progress.done()
    expect(terminal.written.endsWith('\r\u001b[K')).toBe(true)
  })

  it('counts work found as it goes: PDFs added card by card keep the count done', () => {
    const terminal = new Terminal(true)
    const progress = progressOn(terminal)
    progress.add('pdfs', 2)
    vi.advanceTimersByTime(redrawIntervalMs)
    progress.advance('pdfs', 'kaart-a/kaart-a.pdf')
    vi.advanceTimersByTime(redrawIntervalMs)
    progress.add('pdfs', 3)
    vi.advanceTimersByTime(redrawIntervalMs)
    // The total grows, what was done stays; the name shown was of the work before
    expect(terminal.lines.at(-1)).toBe('PDFs 1/5')
  })

  it('redraws at most ten times a second, and shows the latest state once the interval has passed', () => {
    const terminal = new Terminal(true)
    const progress = progressOn(terminal)
    progress.start('cards', 500)
    for (let card = 1; card <= 500; card++) progress.advance('cards', `kaart-${card}`)
    expect(terminal.lines).toEqual(['Cards 0/500'])
    vi.advanceTimersByTime(redrawIntervalMs)
    expect(terminal.lines).toEqual(['Cards 0/500', 'Cards 500/500 · kaart-500'])
    progress.done()
    // A redraw still waiting is dropped: nothing is drawn after the line was cleared
    progress.advance('cards', 'te-laat')
    vi.advanceTimersByTime(redrawIntervalMs * 2)
    expect(terminal.written.endsWith('\r\u001b[K')).toBe(true)
  })

  it('cuts the line to the terminal width by what the terminal shows, wide characters counting two', () => {
    const terminal = new Terminal(true, 24)
    const progress = progressOn(terminal)
    progress.start('cards', 1)
    vi.advanceTimersByTime(redrawIntervalMs)
    progress.advance('cards', '漢字漢字漢字漢字漢字漢字漢字')
    const line = terminal.lines.at(-1)!
    expect(line.startsWith('Cards 1/1 · 漢字')).toBe(true)
    expect(line.endsWith('…')).toBe(true)
    expect(stringWidth(line)).toBeLessThanOrEqual(23)
    expect(stringWidth(line)).toBeGreaterThanOrEqual(22)
  })

  it('leaves the last column free, so the line never wraps', () => {
    const terminal = new Terminal(true, 30)
    const progress = progressOn(terminal)
    progress.start('cards', 1)
    vi.advanceTimersByTime(redrawIntervalMs)
    progress.advance('cards', 'a'.repeat(50))
    expect(terminal.lines.at(-1)).toBe(`Cards 1/1 · ${'a'.repeat(16)}…`)
  })

  it('shows a name with control characters escaped, so it cannot move the cursor or colour the terminal', () => {
    const terminal = new Terminal(true)
    const progress = progressOn(terminal)
    progress.start('cards', 1)
    vi.advanceTimersByTime(redrawIntervalMs)
    progress.advance('cards', 'kaart\u001b[2J\rweg')
    expect(terminal.lines.at(-1)).toBe('Cards 1/1 · kaart\\u001b[2J\\rweg')
  })

  it('prints timings and details with --verbose on lines of their own, redrawing the status line after them', () => {
    const terminal = new Terminal(true)
    const progress = progressOn(terminal, {verbose: true})
    progress.start('cards', 1)
    progress.timing('read and check content', 123.4)
    progress.detail('browser: /usr/bin/chromium\u001b[31m')
    progress.done()
    expect(terminal.written).toBe(
      '\rCards 0/1\u001b[K\r\u001b[Kread and check content: 123 ms\n\rCards 0/1\u001b[K\r\u001b[Kbrowser: /usr/bin/chromium\\u001b[31m\n\rCards 0/1\u001b[K\r\u001b[K'
    )
  })
})

describe('progress that writes nothing', () => {
  const run = (terminal: Terminal, options: Partial<ProgressOptions> = {}) => {
    const progress = progressOn(terminal, options)
    progress.start('cards', 2)
    progress.advance('cards', 'een')
    vi.advanceTimersByTime(redrawIntervalMs)
    progress.start('pdfs', 1)
    progress.advance('pdfs', 'een')
    progress.timing('render pages', 5)
    progress.detail('cache hit')
    vi.advanceTimersByTime(redrawIntervalMs)
    progress.done()
    return terminal.written
  }

  it('writes nothing when the stream is not a terminal', () => {
    expect(run(new Terminal(false))).toBe('')
  })

  it('writes nothing with --quiet', () => {
    expect(run(new Terminal(true), {quiet: true})).toBe('')
  })

  it('writes nothing in CI, even on a terminal', () => {
    expect(run(new Terminal(true), {env: {CI: 'true'}})).toBe('')
  })

  it('without a terminal, --verbose still prints its lines, and only those', () => {
    expect(run(new Terminal(false), {verbose: true})).toBe('render pages: 5.0 ms\ncache hit\n')
  })
})

describe('truncateToWidth', () => {
  it('keeps text that fits, and cuts the rest to the width with an ellipsis', () => {
    expect(truncateToWidth('kaart', 5)).toBe('kaart')
    expect(truncateToWidth('kaarten', 5)).toBe('kaar…')
    expect(truncateToWidth('漢字漢字', 5)).toBe('漢字…')
    // A grapheme is never split: a flag is two code points and one picture
    expect(truncateToWidth('🇳🇱🇳🇱🇳🇱', 5)).toBe('🇳🇱🇳🇱…')
  })
})
