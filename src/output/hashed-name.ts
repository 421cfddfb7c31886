import {createHash} from 'node:crypto'
import path from 'node:path/posix'

/**
 * The name an asset is published under: its own name with the first 10 hex
 * digits of its contents' SHA-256 before the extension
 * (`assets/kenniskaart/site.css` → `assets/kenniskaart/site.3f9a01c2d4.css`),
 * so a host can cache it forever and a changed file gets a new name.
 */
export function hashedName(filePath: string, contents: string | Uint8Array): string {
  const digest = createHash('sha256').update(contents).digest('hex').slice(0, 10)
  const extension = path.extname(filePath)
  return `${filePath.slice(0, filePath.length - extension.length)}.${digest}${extension}`
}
