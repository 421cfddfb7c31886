import {describe, expect, it} from 'vitest'
import {CliError, ExitCode} from '../../src/errors.js'
import {absoluteUrl, folderPath, parseSiteAddress} from '../../src/site/address.js'
import {runCliInProcess, workFolder} from '../helpers/cli.js'

/** The usage error `parseSiteAddress` throws for these values. */
function refusal(values: {base?: string; siteUrl?: string}): CliError {
  try {
    parseSiteAddress(values)
  } catch (error) {
    if (error instanceof CliError) return error
    throw error
  }
  throw new Error(`accepted ${JSON.stringify(values)}`)
}

describe('parseSiteAddress', () => {
  it('normalizes the base to a path with a slash at both ends', () => {
    expect(parseSiteAddress({})).toEqual({base: '/'})
    expect(parseSiteAddress({base: '/'})).toEqual({base: '/'})
    expect(parseSiteAddress({base: 'kennis'})).toEqual({base: '/kennis/'})
    expect(parseSiteAddress({base: '/kennis'})).toEqual({base: '/kennis/'})
    expect(parseSiteAddress({base: '/kennis//kaarten'})).toEqual({base: '/kennis/kaarten/'})
  })

  it('encodes spaces, unicode and reserved characters in the base once, whether written plain or encoded', () => {
    expect(parseSiteAddress({base: '/mijn kaarten/'})).toEqual({base: '/mijn%20kaarten/'})
    expect(parseSiteAddress({base: '/mijn%20kaarten/'})).toEqual({base: '/mijn%20kaarten/'})
    expect(parseSiteAddress({base: '/café/'})).toEqual({base: '/caf%C3%A9/'})
    expect(parseSiteAddress({base: '/caf%c3%a9'})).toEqual({base: '/caf%C3%A9/'})
    expect(parseSiteAddress({base: '/a&b<c>"d"/'})).toEqual({base: '/a%26b%3Cc%3E%22d%22/'})
    expect(parseSiteAddress({base: '/50%25/'})).toEqual({base: '/50%25/'})
  })

  it('takes the base from the site URL, normalized the same way', () => {
    expect(parseSiteAddress({siteUrl: 'https://org.github.io/kennis'})).toEqual({base: '/kennis/', siteUrl: 'https://org.github.io/kennis/'})
    expect(parseSiteAddress({siteUrl: 'https://Voorbeeld.NL'})).toEqual({base: '/', siteUrl: 'https://voorbeeld.nl/'})
    expect(parseSiteAddress({siteUrl: 'http://localhost:8080/mijn kaarten/'})).toEqual({base: '/mijn%20kaarten/', siteUrl: 'http://localhost:8080/mijn%20kaarten/'})
    expect(parseSiteAddress({siteUrl: 'https://bücher.example/café/'})).toEqual({base: '/caf%C3%A9/', siteUrl: 'https://xn--bcher-kva.example/caf%C3%A9/'})
    expect(parseSiteAddress({siteUrl: 'https://org.github.io/kennis/', base: 'kennis'})).toEqual({base: '/kennis/', siteUrl: 'https://org.github.io/kennis/'})
    expect(parseSiteAddress({siteUrl: 'https://e.org/a&b/', base: '/a%26b/'})).toEqual({base: '/a%26b/', siteUrl: 'https://e.org/a%26b/'})
  })

  it.each([
    [{base: ''}, /is empty/],
    [{base: '   '}, /is empty/],
    [{base: '/a/../b/'}, /holds a `\.\.` segment/],
    [{base: '/a/%2e%2E/b/'}, /holds a `\.\.` segment/],
    [{base: './kennis/'}, /holds a `\.` segment/],
    [{base: '/kennis?x=1'}, /query or fragment/],
    [{base: '/kennis#top'}, /query or fragment/],
    [{base: '/ken\nnis/'}, /control character/],
    [{base: '/ken\u0000nis/'}, /control character/],
    [{base: '/ken\u009bnis/'}, /control character/],
    [{base: '\\kennis\\'}, /backslash/],
    [{base: '/a%2Fb/'}, /encoded slash/],
    [{base: '/a%5cb/'}, /encoded slash, backslash/],
    [{base: '/a%0ab/'}, /encoded slash, backslash or control character/],
    [{base: '/50%/'}, /% that is not followed by two hex digits/],
    [{base: 'https://org.github.io/kennis/'}, /is a full address, not a path/],
    [{base: '//org.github.io/kennis/'}, /is a full address/],
    [{base: ' /kennis/'}, /starts or ends with a space/],
    [{siteUrl: 'org.github.io/kennis/'}, /is not an absolute URL/],
    [{siteUrl: 'ftp://org.github.io/kennis/'}, /not an http or https address/],
    [{siteUrl: 'file:///home/kennis/'}, /not an http or https address/],
    [{siteUrl: 'javascript:alert(1)'}, /not an http or https address/],
    [{siteUrl: 'https://user:secret@org.github.io/'}, /user name or password/],
    [{siteUrl: 'https://org.github.io/kennis/?utm=x'}, /query or fragment/],
    [{siteUrl: 'https://org.github.io/kennis/?'}, /query or fragment/],
    [{siteUrl: 'https://org.github.io/kennis/#'}, /query or fragment/],
    [{siteUrl: 'https://org.github.io/a/../kennis/'}, /\. or \.\. segment/],
    [{siteUrl: 'https://org.github.io/a/%2e%2e/kennis/'}, /\. or \.\. segment/],
    [{siteUrl: 'https://org.github.io/50%/'}, /% that is not followed/],
    [{siteUrl: 'https://org.github.io/ken\tnis/'}, /control character/],
    [{siteUrl: ' https://org.github.io/'}, /control character or a space/],
    [{siteUrl: 'https://org.github.io\\kennis\\'}, /backslash/],
    [{siteUrl: 'https://org.github.io/kennis/', base: '/andere/'}, /does not match the path of --site-url/]
  ])('refuses %j as a usage error with a hint', (values, reason) => {
    const error = refusal(values)
    expect(error.message).toMatch(reason)
    expect(error.exitCode).toBe(ExitCode.usage)
    expect(error.hint).toBeTruthy()
  })
})

describe('absoluteUrl', () => {
  it('addresses a page by its folder, each segment encoded', () => {
    expect(absoluteUrl('https://e.org/k/', 'index.html')).toBe('https://e.org/k/')
    expect(absoluteUrl('https://e.org/k/', 'kaart/index.html')).toBe('https://e.org/k/kaart/')
    expect(absoluteUrl('https://e.org/k/', 'kaart/thema/index.html')).toBe('https://e.org/k/kaart/thema/')
    expect(absoluteUrl('https://e.org/k/', 'kaart/other.html')).toBe('https://e.org/k/kaart/other.html')
    expect(folderPath('a b/ü&#?/index.html')).toBe('a%20b/%C3%BC%26%23%3F/')
  })
})

describe('kenniskaart build --base / --site-url', () => {
  it.each([
    [['--base', '/a/../b/'], /--base "\/a\/\.\.\/b\/" holds a `\.\.` segment/],
    [['--site-url', 'org.github.io/kennis'], /is not an absolute URL/],
    [['--site-url', 'https://org.github.io/kennis/', '--base', '/kaarten/'], /does not match/]
  ])('exits 2 on %j with the reason and a hint, before reading anything', async (args, reason) => {
    const {dir} = await workFolder()
    const run = await runCliInProcess(['build', '--content', 'no-such-folder', '--no-pdf', ...args], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(reason)
    expect(run.stderr).toMatch(/\nhint: \S/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})
