import http from 'node:http'
import net from 'node:net'
import {afterEach, describe, expect, it} from 'vitest'
import {EventStream} from '../../src/dev/event-stream.js'

describe('EventStream', () => {
  let server: http.Server | undefined
  let stream: EventStream | undefined
  afterEach(async () => {
    stream?.close()
    server?.closeAllConnections()
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  })

  /** A server whose every request gets the stream. */
  const serve = async () => {
    stream = new EventStream()
    server = http.createServer((request, response) => stream!.attach(request, response, {type: 'status', ok: true, findings: []}))
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    return (server.address() as net.AddressInfo).port
  }

  it('answers HEAD with the headers alone, and keeps no stream open for it', async () => {
    const port = await serve()
    const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.request({port, host: '127.0.0.1', method: 'HEAD', path: '/'}, resolve).on('error', reject).end()
    )
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    // The response ends: a HEAD request waits for nothing
    await new Promise((resolve) => response.on('end', resolve).resume())
    expect(stream!.size).toBe(0)
  })

  it('drops a page that does not read its events, rather than holding them all in memory', async () => {
    const port = await serve()
    // A page that asks for the events and then never reads a byte
    const socket = net.connect({port, host: '127.0.0.1'})
    socket.pause()
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    await expect.poll(() => stream!.size).toBe(1)
    const findings = Array.from({length: 2000}, (_, index) => ({message: `finding ${index} `.padEnd(200, 'x')}))
    let sent = 0
    while (stream!.size > 0 && sent < 500) {
      stream!.send({type: 'status', ok: false, findings})
      sent++
      await new Promise((resolve) => setImmediate(resolve))
    }
    // 500 events of 400 kB would be 200 MB waiting for it; it is let go long before
    expect(stream!.size).toBe(0)
    expect(sent).toBeLessThan(100)
    socket.destroy()
  })
})
