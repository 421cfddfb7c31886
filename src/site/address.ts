import {CliError, ExitCode} from '../errors.js'

/**
 * Where the site is published. Links between pages stay relative, so the
 * site works from any folder; only what a host serves at any depth or what
 * must be absolute (the 404 page, the sitemap, canonical URLs) uses these.
 */
export interface SiteAddress {
  /** The path the site is served under, with a slash at both ends: `/` or `/kennis/`. */
  base: string
  /** The site's absolute URL, ending in the base (`https://org.github.io/kennis/`); unset without `--site-url`. */
  siteUrl?: string | undefined
}


/**
 * The address from `--base` and `--site-url`, normalized: the base as a
 * URL path with a slash at both ends, each segment percent-encoded once
 * (`/mijn kaarten` and `/mijn%20kaarten/` are the same); the site URL as
 * `http(s)://host[:port]` and that base. Without `--base` the base is the
 * site URL's path. Anything that would make a wrong or ambiguous address is
 * a usage error (exit 2) with a hint.
 */
export function parseSiteAddress(values: {base?: string | undefined; siteUrl?: string | undefined}): SiteAddress {
  const fromUrl = values.siteUrl === undefined ? undefined : parseSiteUrl(values.siteUrl)
  const base = values.base === undefined ? undefined : parseBase(values.base, '--base')
  if (fromUrl && base !== undefined && base !== fromUrl.base) {
    throw usageError(`--base ${base} does not match the path of --site-url ${fromUrl.siteUrl} (${fromUrl.base})`, 'Leave out --base: it is taken from --site-url; or give the same path to both.')
  }
  if (fromUrl) return {base: fromUrl.base, siteUrl: fromUrl.siteUrl}
  return {base: base ?? '/'}
}

/** Control characters (C0, DEL, C1): never part of an address a user means. */
// eslint-disable-next-line no-control-regex -- finding them is the point
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/

function parseBase(value: string, option: '--base' | '--site-url'): string {
  const shown = JSON.stringify(value)
  const example = 'such as /kennis/'
  if (value.trim() === '') throw usageError(`${option} is empty`, `Give the path the site is served under, ${example}, or leave the option out for /.`)
  if (controlCharacter.test(value)) throw usageError(`${option} ${shown} holds a control character`, `Give a path of printable characters, ${example}.`)
  if (value !== value.trim()) throw usageError(`${option} ${shown} starts or ends with a space`, `Check the quotes around the path, ${example}.`)
  if (/^[a-z][a-z\d+.-]*:/i.test(value) || value.startsWith('//')) {
    throw usageError(`${option} ${shown} is a full address, not a path`, 'Give the full address with --site-url, and leave out --base (it is the address\'s path), or give only the path, such as /kennis/.')
  }
  if (value.includes('\\')) throw usageError(`${option} ${shown} holds a backslash`, `A web path separates folders with /, ${example}.`)
  if (value.includes('?') || value.includes('#')) throw usageError(`${option} ${shown} holds a query or fragment (? or #)`, `The base is a folder path only, ${example}.`)
  const segments: string[] = []
  for (const segment of value.split('/')) {
    if (segment === '') continue
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      throw usageError(`${option} ${shown} holds a % that is not followed by two hex digits`, 'Write a percent sign as %25, or leave the path unencoded: spaces and other characters are encoded for you.')
    }
    if (decoded === '.' || decoded === '..') throw usageError(`${option} ${shown} holds a \`${decoded}\` segment`, `Give the path without . or .. segments, ${example}.`)
    if (decoded.includes('/') || decoded.includes('\\') || controlCharacter.test(decoded)) {
      throw usageError(`${option} ${shown} holds an encoded slash, backslash or control character`, `Give the folders plainly, separated by /, ${example}.`)
    }
    segments.push(encodeURIComponent(decoded))
  }
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`
}

function parseSiteUrl(value: string): {siteUrl: string; base: string} {
  const shown = JSON.stringify(value)
  const example = 'such as https://org.github.io/kennis/'
  if (controlCharacter.test(value) || value !== value.trim()) throw usageError(`--site-url ${shown} holds a control character or a space at either end`, `Give the address plainly, ${example}.`)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw usageError(`--site-url ${shown} is not an absolute URL`, `Give the full address the site is published at, ${example}.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw usageError(`--site-url ${shown} is not an http or https address`, `Give the address readers open, ${example}.`)
  if (url.username !== '' || url.password !== '') throw usageError(`--site-url ${shown} holds a user name or password`, `Give the public address without credentials, ${example}.`)
  if (value.includes('?') || value.includes('#')) throw usageError(`--site-url ${shown} holds a query or fragment (? or #)`, `Give the address of the site's folder, ${example}.`)
  if (value.includes('\\')) throw usageError(`--site-url ${shown} holds a backslash`, `A web address separates folders with /, ${example}.`)
  // The URL parser quietly resolves `.` and `..`: a path written with them is a mistake to point out
  const afterHost = value.replace(/^[a-z][a-z\d+.-]*:\/*[^/]*/i, '')
  if (/(?:^|\/)(?:\.|%2e){1,2}(?=\/|$)/i.test(afterHost)) throw usageError(`--site-url ${shown} holds a . or .. segment`, `Give the address without . or .. segments, ${example}.`)
  const base = parseBase(url.pathname, '--site-url')
  return {siteUrl: `${url.protocol}//${url.host}${base}`, base}
}

function usageError(message: string, hint: string): CliError {
  return new CliError(message, {exitCode: ExitCode.usage, hint})
}

/** An output path's absolute URL (`kaart/thema/index.html` → `https://…/kennis/kaart/thema/`); pages are addressed by their folder. */
export function absoluteUrl(siteUrl: string, outputPath: string): string {
  return siteUrl + folderPath(outputPath)
}

/** An output path as a URL path from the base, percent-encoded, with an `index.html` dropped: `kaart/index.html` → `kaart/`. */
export function folderPath(outputPath: string): string {
  const encoded = outputPath.split('/').map((segment) => encodeURIComponent(segment)).join('/')
  return encoded === 'index.html' ? '' : encoded.endsWith('/index.html') ? encoded.slice(0, -'index.html'.length) : encoded
}
