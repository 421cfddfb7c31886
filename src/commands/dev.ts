import {existsSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {styleText} from 'node:util'
import type {DevReport, DevServer} from '../dev/dev-server.js'
import type {LiveBuild} from '../dev/live-site.js'
import {CliError, ExitCode, type ExitCodeValue} from '../errors.js'
import {handleInterruptsInCommand} from '../interrupt-handler.js'
import {escapeTerminal} from '../report/escape-terminal.js'
import {collectFindings, collectSources, formatFindings} from '../report/findings.js'
import {useColor} from './report-content.js'

export interface DevCommandOptions {
  content: string
  host: string
  /** Undefined: the default port, or the next free one. */
  port?: number
  open?: boolean
  browser?: string
  pdfTimeout?: number
}

/** Cards whose addresses are listed at the start; the index page lists them all. */
const shownCards = 5

/** The port used when none is asked for. */
export const defaultPort = 4321

/**
 * `kenniskaart dev`: serve the site from memory, rebuild it as the content
 * changes, print the PDFs on request; until Ctrl-C.
 */
export async function devCommand(options: DevCommandOptions): Promise<ExitCodeValue> {
  if (!existsSync(options.content)) {
    throw new CliError(`There is no content folder ${options.content}`, {
      exitCode: ExitCode.usage,
      hint: 'Name it with --content <dir>, or start a project with `kenniskaart init`.'
    })
  }
  const stream = process.stderr
  const color = useColor(stream)
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (color ? styleText(style, text) : text)
  const report = terminalReport(stream, color, paint)
  const {startDevServer} = await import('../dev/dev-server.js')

  const starting = startDevServer({
    contentDir: options.content,
    host: options.host,
    port: options.port ?? defaultPort,
    strictPort: options.port !== undefined,
    browserPath: options.browser,
    pdfTimeout: options.pdfTimeout,
    report
  })

  // Until Ctrl-C (or the terminal is closed): then the watcher, the server and the browser stop, and nothing is left behind.
  // Listened for from the start (before the first build's first await): Ctrl-C during the first build stops as soon as it
  // is done, and whoever sees the address may stop the server at once
  let stopping = false
  const undo = handleInterruptsInCommand(() => stop())
  const forget = () => {
    undo()
    process.off('SIGHUP', stop)
  }
  let markStopped!: () => void
  const stopped = new Promise<void>((resolve) => (markStopped = resolve))
  const stop = () => {
    if (stopping) return
    stopping = true
    forget()
    stream.write('\nStopping…\n')
    // Ctrl-C pressed again waits for the same stop: ending at once would leave the browser's profile behind
    const again = () => undefined
    process.on('SIGINT', again).on('SIGTERM', again).on('SIGHUP', again)
    void starting
      .then((server) => server.close())
      .catch(() => undefined)
      .finally(() => {
        process.off('SIGINT', again).off('SIGTERM', again).off('SIGHUP', again)
        markStopped()
      })
  }
  // The terminal was closed: the same stop
  process.once('SIGHUP', stop)
  // Its output went away (a closed pipe: `| head`, `| tee` ended): nothing can be told any more, and
  // the error would end the process on the spot, the browser's profile left behind; the same stop
  // (listened for to the end: the last lines written may fail too)
  stream.on('error', stop)

  let server: DevServer
  try {
    server = await starting
  } catch (error) {
    // It could not start (a port in use): nothing to stop, the error is the command's
    forget()
    throw error
  }
  if (stopping) {
    await stopped
    stream.write('Stopped.\n')
    return ExitCode.ok
  }

  const shown = (folder: string) => escapeTerminal(path.relative(process.cwd(), path.resolve(folder)) || '.')
  const lines = [``, `  ${paint('bold', 'kenniskaart dev')}  serving ${shown(options.content)}/ from memory`, ``, `  Local:   ${paint('cyan', server.url)}`]
  if (!isLoopback(options.host)) {
    for (const address of networkAddresses(options.host)) lines.push(`  Network: ${paint('cyan', `http://${address}:${server.port}/`)}`)
  }
  const cards = server.firstBuild.ok ? cardSlugs(server.firstBuild) : []
  for (const card of cards.slice(0, shownCards)) lines.push(`  Card:    ${server.url}${card}/   print preview: ${server.printPreviewUrl(card)}`)
  if (cards.length > shownCards) lines.push(`           and ${cards.length - shownCards} more on the index page`)
  if (!isLoopback(options.host)) lines.push('', paint('yellow', `  Listening on ${escapeTerminal(options.host)}: anyone who can reach this machine can see the preview.`))
  lines.push('', `  Watching ${shown(options.content)}/ and ${shown(path.join(options.content, '..', 'themes'))}/; Ctrl-C stops.`, '')
  stream.write(`${lines.join('\n')}\n`)
  if (options.open) await openInBrowser(server.url, stream)

  await stopped
  stream.write('Stopped.\n')
  return ExitCode.ok
}

function terminalReport(stream: NodeJS.WriteStream, color: boolean, paint: (style: Parameters<typeof styleText>[0], text: string) => string): DevReport {
  let lastFindings = ''
  let anyGood = false
  const time = () => paint('dim', new Date().toLocaleTimeString('en-GB'))
  const findingsText = (files: LiveBuild['files']) =>
    formatFindings(collectFindings(files), 'text', {color, sources: collectSources(files), width: stream.columns || undefined})
  return {
    built(build, changedFiles) {
      const cause = changedFiles.length === 0 ? '' : ` (${changedFiles.slice(0, 3).map(escapeTerminal).join(', ')}${changedFiles.length > 3 ? `, ${changedFiles.length - 3} more` : ''})`
      const findings = findingsText(build.files)
      if (build.problem) {
        stream.write(`${time()} ${paint('red', escapeTerminal(build.problem.message))}${cause}\n${build.problem.hint ? `hint: ${escapeTerminal(build.problem.hint)}\n` : ''}`)
      } else if (!build.ok) {
        const served = anyGood ? 'the pages show them, and the last good build is served' : 'fix them and save, and the pages appear'
        stream.write(`${time()} ${paint('red', 'The content has errors')}${cause}; ${served}:\n`)
      } else if (changedFiles.length > 0) {
        const changed = build.changed.length
        stream.write(`${time()} Rebuilt in ${Math.round(build.ms)} ms${cause}: ${changed === 0 ? 'no page changed' : `${changed} ${changed === 1 ? 'file' : 'files'} changed`}\n`)
      }
      anyGood ||= build.ok
      // The findings each time they differ from the last ones shown
      if (findings !== lastFindings) {
        if (findings) stream.write(findings)
        else if (lastFindings) stream.write(`${time()} ${paint('green', 'No more findings.')}\n`)
        lastFindings = findings
      }
    },
    printed(card, print) {
      if (print.problem) stream.write(`${time()} Could not print ${escapeTerminal(card)}: ${escapeTerminal(print.problem.message)}\n${print.problem.hint ? `hint: ${escapeTerminal(print.problem.hint)}\n` : ''}`)
      else if (print.ok) stream.write(`${time()} Printed ${escapeTerminal(card)} in ${(print.ms / 1000).toFixed(1)} s: ${print.pdfs.map((pdf) => `${escapeTerminal(pdf.path)} (${pdf.pageCount} p.)`).join(', ')}\n`)
    },
    portTaken(asked, used) {
      stream.write(`${paint('yellow', `Port ${asked} is in use`)}: serving on port ${used} instead.\n`)
    },
    watchError(error) {
      stream.write(`${time()} ${paint('yellow', `Watching for changes failed: ${escapeTerminal(error.message)}`)}\nhint: changes may go unseen; restart kenniskaart dev (on Linux, a low fs.inotify.max_user_watches is a common cause).\n`)
    }
  }
}

/** The cards the first build made, by their pages. */
function cardSlugs(build: LiveBuild): string[] {
  return build.files.filter((file) => path.basename(file.path) === 'index.md').map((file) => path.basename(path.dirname(file.path)))
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.')
}

/** The addresses others reach a server on `host` by: this machine's own, for 0.0.0.0 and ::. */
function networkAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host.includes(':') ? `[${host}]` : host]
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && !address.internal && (host === '::' || address.family === 'IPv4'))
    .map((address) => (address!.family === 'IPv6' ? `[${address!.address}]` : address!.address))
}

async function openInBrowser(url: string, stream: NodeJS.WriteStream): Promise<void> {
  const {default: open} = await import('open')
  await open(url).then(
    (child) => child.on('error', () => stream.write(`Could not open a browser; open ${url} yourself.\n`)),
    () => stream.write(`Could not open a browser; open ${url} yourself.\n`)
  )
}
