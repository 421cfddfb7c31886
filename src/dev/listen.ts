import type {Server} from 'node:http'
import {CliError, ExitCode} from '../errors.js'

/** Ports tried after the one asked for, when it was not asked for by name. */
const portsToTry = 20

/**
 * Listen on the port, or, when it is taken and was not asked for by name,
 * on the next free one (said through `onTaken`). A port asked for by name
 * that is taken is an error naming a free one to use instead. Port 0
 * takes any free port. Resolves to the port listened on.
 */
export async function listen(server: Server, options: {host: string; port: number; strictPort: boolean; onTaken: (asked: number, used: number) => void}): Promise<number> {
  const last = options.strictPort || options.port === 0 ? options.port : Math.min(options.port + portsToTry, 65_535)
  for (let port = options.port; port <= last; port++) {
    const outcome = await tryListen(server, options.host, port)
    if (outcome === 'listening') {
      const address = server.address()
      const used = typeof address === 'object' && address ? address.port : port
      if (port !== options.port) options.onTaken(options.port, used)
      return used
    }
    if (outcome.code !== 'EADDRINUSE') throw listenError(options.host, port, outcome)
  }
  if (options.strictPort) {
    const free = await freePort(options.host)
    throw new CliError(`Port ${options.port} on ${options.host} is in use by another program`, {
      exitCode: ExitCode.environment,
      hint: `Stop the other program, or start on another port${free ? `, such as --port ${free} (free now)` : ''}; without --port the next free one is taken.`
    })
  }
  throw new CliError(`Ports ${options.port} to ${last} on ${options.host} are all in use`, {exitCode: ExitCode.environment, hint: 'Pass --port <port> with a free port, or --port 0 for any free one.'})
}

function tryListen(server: Server, host: string, port: number): Promise<'listening' | NodeJS.ErrnoException> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening)
      resolve(error)
    }
    const onListening = () => {
      server.off('error', onError)
      resolve('listening')
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, host)
  })
}

/** A port free now on the host, to suggest; undefined when none can be found. */
async function freePort(host: string): Promise<number | undefined> {
  const {createServer} = await import('node:net')
  const probe = createServer()
  return new Promise((resolve) => {
    probe.once('error', () => resolve(undefined))
    probe.listen(0, host, () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : undefined))
    })
  })
}

function listenError(host: string, port: number, error: NodeJS.ErrnoException): CliError {
  const why: Record<string, string> = {
    EACCES: `Listening on port ${port} needs privileges this user does not have`,
    EADDRNOTAVAIL: `This machine has no address ${host}`,
    ENOTFOUND: `The host name ${host} is not known`
  }
  return new CliError(why[error.code ?? ''] ?? `Cannot listen on ${host} port ${port}: ${error.message}`, {
    exitCode: ExitCode.environment,
    hint: 'Use the defaults (--host 127.0.0.1 --port 4321), or another host or a port above 1023.',
    cause: error
  })
}
