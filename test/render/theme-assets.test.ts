import {mkdtemp, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {publishedTheme, rewriteUrls} from '../../src/render/theme-assets.js'
import type {VisualTheme} from '../../src/theme/load-visual-theme.js'

const names = new Map([
  ['assets/t/fonts/a.woff2', 'assets/t/fonts/a.1111111111.woff2'],
  ['assets/t/fonts/b c.woff2', 'assets/t/fonts/b c.2222222222.woff2'],
  ['assets/t/fonts.css', 'assets/t/fonts.3333333333.css']
])

describe('rewriteUrls', () => {
  it('renames every url() and @import of a published file, in any quoting, keeping queries and fragments', () => {
    const css = [
      '@import url("fonts.css");',
      '@import \'fonts.css\' screen;',
      '@font-face { src: url(fonts/a.woff2) format("woff2"), url(\'fonts/b%20c.woff2?v=1#x\'); }',
      '.x { background: url( "./fonts/a.woff2" ); }'
    ].join('\n')
    expect(rewriteUrls(css, 'assets/t/site.css', names)).toBe(
      [
        '@import url("fonts.3333333333.css");',
        '@import "fonts.3333333333.css" screen;',
        '@font-face { src: url("fonts/a.1111111111.woff2") format("woff2"), url("fonts/b%20c.2222222222.woff2?v=1#x"); }',
        '.x { background: url("fonts/a.1111111111.woff2"); }'
      ].join('\n')
    )
  })

  it('leaves alone what it does not publish: other files, other sites, data URLs, comments, strings', () => {
    const css = [
      '/* url(fonts/a.woff2) */',
      '.a { background: url(missing.png); }',
      '.b { background: url(https://cdn.example/fonts/a.woff2); }',
      '.c { background: url(data:image/png;base64,AAAA); }',
      '.d::after { content: "url(fonts/a.woff2)"; }',
      '.e { background: url(/assets/t/fonts/a.woff2); }'
    ].join('\n')
    expect(rewriteUrls(css, 'assets/t/site.css', names)).toBe(css.replace('url(/assets/t/fonts/a.woff2)', 'url("fonts/a.1111111111.woff2")'))
  })

  it('resolves a url() from the stylesheet\'s own folder', () => {
    expect(rewriteUrls('.a { src: url(../t/fonts/a.woff2); }', 'assets/t/fonts.css', names)).toBe('.a { src: url("fonts/a.1111111111.woff2"); }')
    expect(rewriteUrls('.a { src: url(a.woff2); }', 'assets/t/fonts/x.css', names)).toBe('.a { src: url("a.1111111111.woff2"); }')
  })
})

describe('publishedTheme', () => {
  it('names fonts, fonts.css and the stylesheets by their contents, each pointing at the others\' new names', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'theme-assets-'))
    await writeFile(path.join(dir, 'letter.woff2'), 'wOF2 one')
    const theme: VisualTheme = {
      name: 't',
      dir,
      palette: ['#0e6591'],
      onColor: '#ffffff',
      labels: {},
      siteStylesheet: '@import url("fonts.css");\nbody { color: red; }\n',
      printStylesheet: '@import "fonts.css";\n',
      fontsStylesheet: '@font-face { src: url("fonts/letter.woff2"); }\n',
      fontFiles: [path.join(dir, 'letter.woff2')]
    }
    const first = publishedTheme(theme)
    expect(publishedTheme(theme)).toBe(first)
    const byPath = new Map(first.files.map((file) => [file.path, String(file.contents)]))
    const font = [...byPath.keys()].find((file) => file.endsWith('.woff2'))!
    const fonts = [...byPath.keys()].find((file) => /fonts\.[\da-f]{10}\.css$/.test(file))!
    expect(font).toMatch(/^assets\/t\/fonts\/letter\.[\da-f]{10}\.woff2$/)
    expect(byPath.get(fonts)).toBe(`@font-face { src: url("${font.slice('assets/t/'.length)}"); }\n`)
    expect(byPath.get(first.site)).toBe(`@import url("${fonts.slice('assets/t/'.length)}");\nbody { color: red; }\n`)
    expect(byPath.get(first.print)).toBe(`@import "${fonts.slice('assets/t/'.length)}";\n`)
    expect(first.files.map((file) => file.path)).toEqual([font, fonts, first.site, first.print])

    // A changed font changes its name, and so fonts.css's, and so the stylesheets' that import it
    await writeFile(path.join(dir, 'letter.woff2'), 'wOF2 two')
    const second = publishedTheme({...theme})
    expect(second.files.map((file) => file.path).filter((file) => first.files.some((before) => before.path === file))).toEqual([])
  })
})
