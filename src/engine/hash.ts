import {createHash} from 'node:crypto'

/**
 * A SHA-256 of several parts, each length-prefixed so that no two lists of
 * parts give the same input (`['ab', 'c']` is not `['a', 'bc']`).
 */
export function hashText(parts: ReadonlyArray<string | Uint8Array>): string {
  const hash = createHash('sha256')
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part) : part
    hash.update(`${bytes.byteLength}:`)
    hash.update(bytes)
  }
  return hash.digest('hex')
}
