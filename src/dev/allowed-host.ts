import net from 'node:net'

/**
 * Whether a request's `Host` header names this server, as Vite decides it:
 * an IP address, `localhost` or a name below `.localhost`, or the host the
 * server was started with (`--host`). Any other name is a page of some
 * other site whose DNS now points here (DNS rebinding): it is refused, so
 * no web page can read the preview of a card in the making.
 */
export function isAllowedHost(hostHeader: string | undefined, serverHost: string): boolean {
  if (!hostHeader) return false
  const hostname = hostnameOf(hostHeader)
  if (hostname === undefined) return false
  if (net.isIP(hostname) !== 0) return true
  const name = hostname.toLowerCase().replace(/\.$/, '')
  return name === 'localhost' || name.endsWith('.localhost') || name === serverHost.toLowerCase()
}

/** The name in a Host header, without its port; undefined when it is not one. */
function hostnameOf(header: string): string | undefined {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(header)
  if (bracketed) return bracketed[1]
  const plain = /^([^:[\]\s/@]+)(?::\d{1,5})?$/.exec(header)
  return plain?.[1]
}
