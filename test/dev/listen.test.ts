import http from 'node:http'
import net from 'node:net'
import {afterEach, describe, expect, it} from 'vitest'
import {listen} from '../../src/dev/listen.js'
import {CliError} from '../../src/errors.js'

describe('listen', () => {
  const opened: Array<net.Server | http.Server> = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
  })
  const taken = async () => {
    const blocker = net.createServer()
    opened.push(blocker)
    return new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)))
  }

  it('takes the next free port when the one asked for by default is taken, and says so', async () => {
    const port = await taken()
    const server = http.createServer()
    opened.push(server)
    const said: Array<[number, number]> = []
    const used = await listen(server, {host: '127.0.0.1', port, strictPort: false, onTaken: (asked, got) => said.push([asked, got])})
    expect(used).toBeGreaterThan(port)
    expect(said).toEqual([[port, used]])
    expect((server.address() as net.AddressInfo).port).toBe(used)
  })

  it('refuses a port asked for by name that is taken, with exit code 4 and a free port to try', async () => {
    const port = await taken()
    const server = http.createServer()
    const error = await listen(server, {host: '127.0.0.1', port, strictPort: true, onTaken: () => undefined}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).exitCode).toBe(4)
    expect((error as CliError).message).toBe(`Port ${port} on 127.0.0.1 is in use by another program`)
    expect((error as CliError).hint).toMatch(/such as --port \d+ \(free now\)/)
    expect(server.listening).toBe(false)
  })

  it('takes any free port for port 0', async () => {
    const server = http.createServer()
    opened.push(server)
    const used = await listen(server, {host: '127.0.0.1', port: 0, strictPort: false, onTaken: () => expect.fail('port 0 is never taken')})
    expect(used).toBeGreaterThan(0)
  })

  it('says why it cannot listen on an address the machine does not have', async () => {
    const error = await listen(http.createServer(), {host: '192.0.2.1', port: 0, strictPort: true, onTaken: () => undefined}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).message).toBe('This machine has no address 192.0.2.1')
  })
})
