import {describe, expect, it} from 'vitest'
import {isAllowedHost} from '../../src/dev/allowed-host.js'

describe('isAllowedHost', () => {
  it('allows IP addresses, localhost and names below .localhost, with or without a port', () => {
    for (const host of ['127.0.0.1:4321', '127.0.0.1', '[::1]:4321', '[::1]', '192.168.1.20:4321', 'localhost:4321', 'LOCALHOST', 'kaart.localhost:4321', 'localhost.']) {
      expect(isAllowedHost(host, '127.0.0.1'), host).toBe(true)
    }
  })

  it('allows the host the server was started with', () => {
    expect(isAllowedHost('laptop.lan:4321', 'laptop.lan')).toBe(true)
    expect(isAllowedHost('laptop.lan:4321', '127.0.0.1')).toBe(false)
  })

  it('refuses any other name (DNS rebinding), and headers that are no host', () => {
    for (const host of [undefined, '', 'evil.example', 'evil.example:4321', 'localhost.evil.example', 'evilocalhost', '127.0.0.1.evil.example', 'user@localhost', 'localhost:4321/x', 'local host']) {
      expect(isAllowedHost(host, '127.0.0.1'), String(host)).toBe(false)
    }
  })
})
