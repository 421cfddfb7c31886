import {cp, readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {readTree, runCliInProcess, workFolder} from '../helpers/cli.js'
import {bundledContentDir} from '../helpers/content.js'

const canonicalOf = async (file: string) => /<link rel="canonical" href="([^"]*)">/.exec(await readFile(file, 'utf8'))?.[1]

describe('kenniskaart build with a site URL, again and in part', () => {
  it('makes the pages again for another address, from the cache or not, and keeps the site-wide files whole after --card', async () => {
    const {dir} = await workFolder()
    await cp(bundledContentDir, path.join(dir, 'content'), {recursive: true})
    const build = (...args: string[]) => runCliInProcess(['build', '--no-pdf', '--cache-dir', 'cache', ...args], {cwd: dir})
    const page = path.join(dir, 'dist', 'collectief-leren', 'vijf-fasen', 'index.html')

    expect((await build('--site-url', 'https://a.example/')).code).toBe(0)
    expect(await canonicalOf(page)).toBe('https://a.example/collectief-leren/vijf-fasen/')
    // Nothing changed: the fast path
    const again = await build('--site-url', 'https://a.example/', '--verbose')
    expect(again.stderr).toMatch(/nothing to write/)

    // Another address: neither the fast path nor the cached cards may give the old one
    const moved = await build('--site-url', 'https://b.example/kennis')
    expect(moved.code, moved.stderr).toBe(0)
    expect(await canonicalOf(page)).toBe('https://b.example/kennis/collectief-leren/vijf-fasen/')
    expect(await readFile(path.join(dir, 'dist', 'robots.txt'), 'utf8')).toContain('Sitemap: https://b.example/kennis/sitemap.xml')

    // One card built: the sitemap still lists the other card's kept pages, the 404 page is there
    const one = await build('--site-url', 'https://b.example/kennis', '--card', 'collectief-leren')
    expect(one.code, one.stderr).toBe(0)
    const files = await readTree(path.join(dir, 'dist'))
    const sitemap = files.get('sitemap.xml')?.toString() ?? ''
    expect(sitemap).toContain('<loc>https://b.example/kennis/professionele-leercultuur/leiderschap/</loc>')
    expect(sitemap).toContain('<loc>https://b.example/kennis/collectief-leren/vijf-fasen/</loc>')
    expect(files.has('404.html')).toBe(true)

    // Without a site URL: no sitemap, no robots.txt, no canonical URL; the 404 page stays
    expect((await build()).code).toBe(0)
    const plain = await readTree(path.join(dir, 'dist'))
    expect(['404.html', 'sitemap.xml', 'robots.txt'].map((file) => plain.has(file))).toEqual([true, false, false])
    expect(await canonicalOf(page)).toBeUndefined()
  }, 120_000)
})
