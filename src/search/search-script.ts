import {readFile} from 'node:fs/promises'
import type {OutputFile} from '../output/output-file.js'
import {hashedName} from '../output/hashed-name.js'
import type {PageSearch} from '../render/site.js'

/** Where the search client is in the package. */
const clientScript = new URL('../../client/search.js', import.meta.url)

let script: Promise<OutputFile> | undefined

/**
 * The search client as the site publishes it: `client/search.js` under a
 * name with its hash in `assets/` (`assets/search.1a2b3c4d5e.js`), so a
 * host may cache it forever. Read once per process.
 */
export function searchScript(): Promise<OutputFile> {
  script ??= readFile(clientScript).then((contents) => ({path: hashedName('assets/search.js', contents), contents}))
  return script
}

/**
 * What the pages of a site with search need to know of it (the client's
 * published path), or undefined for a site without search (`--no-search`):
 * for `buildSite`'s `search` and `renderIndexPage`.
 */
export async function pageSearch(enabled: boolean): Promise<PageSearch | undefined> {
  return enabled ? {script: (await searchScript()).path} : undefined
}
