import {type ChildProcess, spawn} from 'node:child_process'
import http from 'node:http'
import {binPath} from './cli.js'

/** A `kenniskaart dev` process started by a test. */
export interface DevProcess {
  url: string
  child: ChildProcess
  /** All it wrote to stderr so far. */
  stderr(): string
  /** Send a signal (Ctrl-C is SIGINT) and wait for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<{code: number | null; signal: NodeJS.Signals | null; ms: number}>
}

/** Start `kenniskaart dev` with these arguments, and wait until it says where it serves. */
export function startDev(args: string[], options: {cwd: string; env?: Record<string, string>}): Promise<DevProcess> {
  const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1', ...options.env}
  delete env.FORCE_COLOR
  const child = spawn(process.execPath, [binPath, 'dev', ...args], {cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe']})
  let stderr = ''
  let stdout = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => child.on('exit', (code, signal) => resolve({code, signal})))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kenniskaart dev did not start in time:\n${stderr}${stdout}`)), 20_000)
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
      const url = /Local: +(http:\/\/\S+)/.exec(stderr)?.[1]
      if (!url) return
      clearTimeout(timer)
      resolve({
        url,
        child,
        stderr: () => stderr,
        stop: async (signal = 'SIGINT') => {
          const started = performance.now()
          if (child.exitCode === null && child.signalCode === null) child.kill(signal)
          const ended = await exited
          return {...ended, ms: performance.now() - started}
        }
      })
    })
    void exited.then(({code}) => {
      clearTimeout(timer)
      reject(new Error(`kenniskaart dev ended with ${code} before it served:\n${stderr}${stdout}`))
    })
  })
}

/** A response read whole. */
export interface Fetched {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
  text: string
}

/**
 * A GET over real HTTP with the path sent exactly as given (fetch() would
 * resolve `/../` before sending it) and any Host header.
 */
export function get(url: string, requestPath: string, headers: Record<string, string> = {}): Promise<Fetched> {
  const {hostname, port} = new URL(url)
  return new Promise((resolve, reject) => {
    const request = http.get({hostname, port, path: requestPath, headers}, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const body = Buffer.concat(chunks)
        resolve({status: response.statusCode ?? 0, headers: response.headers, body, text: body.toString('utf8')})
      })
    })
    request.on('error', reject)
  })
}

/** The dev server's events as one page receives them. */
export interface EventListener {
  /** Every event received so far. */
  events: Array<Record<string, unknown>>
  /** The first event from now on (or already received after `since`) that matches; fails after `timeoutMs`. */
  next(matches: (event: Record<string, unknown>) => boolean, options?: {timeoutMs?: number; since?: number; context?: () => string}): Promise<Record<string, unknown>>
  close(): void
}

/** Listen to `/__kenniskaart/events` as a page would. */
export function listenToEvents(url: string): Promise<EventListener> {
  const {hostname, port} = new URL(url)
  const events: Array<Record<string, unknown>> = []
  const waiting = new Set<() => void>()
  return new Promise((resolve, reject) => {
    const request = http.get({hostname, port, path: '/__kenniskaart/events'}, (response) => {
      let buffer = ''
      response.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as Record<string, unknown>)
          for (const wake of waiting) wake()
        }
      })
      resolve({
        events,
        next: (matches, options = {}) =>
          new Promise((found, fail) => {
            let from = options.since ?? events.length
            const check = () => {
              const index = events.findIndex((event, position) => position >= from && matches(event))
              if (index < 0) return
              from = events.length
              waiting.delete(check)
              clearTimeout(timer)
              found(events[index]!)
            }
            const timer = setTimeout(() => {
              waiting.delete(check)
              fail(new Error(`no matching event in time; got ${JSON.stringify(events.slice(options.since ?? 0)).slice(0, 2000)}\n${options.context?.() ?? ''}`))
            }, options.timeoutMs ?? 10_000)
            waiting.add(check)
            check()
          }),
        close: () => request.destroy()
      })
    })
    request.on('error', reject)
  })
}
