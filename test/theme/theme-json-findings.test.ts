/**
 * Where and how theme.json problems are reported: each finding at the value
 * it is about, with its hint, and every way a file path can leave the theme
 * folder. Written from the mutants that survived in src/theme/.
 */
import {mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {VFile} from 'vfile'
import {afterEach, describe, expect, it} from 'vitest'
import {loadVisualTheme} from '../../src/theme/load-visual-theme.js'
import {maxThemeConfigBytes, readThemeConfig} from '../../src/theme/theme-files.js'

let root = ''

afterEach(async () => {
  if (root) await rm(root, {recursive: true, force: true})
  root = ''
})

/** `content/` (empty) and `themes/eigen/` holding the given files; returns the content folder. */
async function theme(files: Record<string, string | Buffer>): Promise<string> {
  root = await mkdtemp(path.join(os.tmpdir(), 'kenniskaart-theme-findings-'))
  await mkdir(path.join(root, 'content'))
  for (const [name, contents] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, 'themes', 'eigen', name)), {recursive: true})
    await writeFile(path.join(root, 'themes', 'eigen', name), contents)
  }
  return path.join(root, 'content')
}

const stylesheets = {'site.css': '.site {}', 'print.css': '.print {}'}
const config = {name: 'eigen', palette: ['teal'], onColor: 'white', stylesheets: {site: 'site.css', print: 'print.css'}}

/** Each finding of loading theme `eigen` as [rule, line, column, reason, hint]. */
async function findings(contentDir: string): Promise<Array<[string | undefined, number | undefined, number | undefined, string, string | undefined]>> {
  const load = await loadVisualTheme('eigen', contentDir)
  if (load.kind === 'unknown') throw new Error(`theme not found: ${load.reason}`)
  if (load.kind === 'loaded') expect(load.file?.messages ?? []).toEqual([])
  return (load.file?.messages ?? []).map((message) => [message.ruleId, message.line, message.column, message.reason, message.note])
}

describe('theme.json syntax errors', () => {
  it('are reported at the offending character, with what it means and how JSON is written', async () => {
    const result = await findings(await theme({'theme.json': '{\n  "name": "x",\n}', ...stylesheets}))
    expect(result).toEqual([
      [
        'theme-config-syntax',
        3,
        1,
        'Invalid JSON in theme.json: a key in double quotes was expected (no comma after the last entry)',
        'theme.json is strict JSON: keys and strings in double quotes, commas between entries and none after the last, no comments.'
      ]
    ])
  })
})

describe('theme.json values', () => {
  it('reports an invalid colour at the value itself, inside the palette list', async () => {
    const text = JSON.stringify({...config, palette: ['teal', 'rgba(0, 0, 0, 0.5)']}, null, 2)
    const result = await findings(await theme({'theme.json': text, ...stylesheets}))
    const line = text.split('\n').findIndex((row) => row.includes('rgba')) + 1
    expect(result).toEqual([
      [
        'theme-config-invalid',
        line,
        5,
        'Invalid `palette.1` in theme.json: a colour is an opaque CSS colour: hex (`#1f6f8b`), `rgb()`, `hsl()` or a name such as `teal`',
        'Correct the value; the theme format is described in the README.'
      ]
    ])
  })

  it('reports a missing nested key at the object that lacks it, with the key to add', async () => {
    const text = JSON.stringify({...config, stylesheets: {site: 'site.css'}}, null, 2)
    const result = await findings(await theme({'theme.json': text, ...stylesheets}))
    const line = text.split('\n').findIndex((row) => row.includes('"stylesheets"')) + 1
    expect(result).toEqual([
      ['theme-config-invalid', line, 18, 'theme.json misses the key `stylesheets.print`', 'Add `"print"`; the theme format is described in the README.']
    ])
  })

  it('says so when theme.json holds no object at all', async () => {
    const result = await findings(await theme({'theme.json': '\n  ["teal"]', ...stylesheets}))
    expect(result.map(([rule, line, column, reason]) => [rule, line, column, reason])).toEqual([
      ['theme-config-invalid', 2, 3, 'theme.json is not an object of `"key": value` pairs']
    ])
  })
})

describe('theme file paths', () => {
  const withSite = (site: string) => JSON.stringify({...config, stylesheets: {site, print: 'print.css'}}, null, 2)
  /** `"site"` in the pretty-printed theme.json: after name, the three lines of palette, onColor and `"stylesheets": {`. */
  const siteLine = 8
  const siteColumn = 13

  it.each([
    ['/etc/passwd', 'theme-file-outside', '`/etc/passwd` is an absolute path; theme files stay inside the theme folder'],
    ['C:site.css', 'theme-file-outside', '`C:site.css` is an absolute path; theme files stay inside the theme folder'],
    ['../site.css', 'theme-file-outside', '`../site.css` leads outside the theme folder'],
    ['.', 'theme-file-outside', '`.` leads outside the theme folder'],
    ['weg.css', 'theme-file-missing', 'The file `weg.css` does not exist in the theme folder'],
    ['map', 'theme-file-missing', '`map` is not a file']
  ])('refuses the stylesheet %j at its value in theme.json', async (site, rule, reason) => {
    const result = await findings(await theme({'theme.json': withSite(site), ...stylesheets, 'map/x.css': ''}))
    expect(result.map(([ruleId, line, column, message]) => [ruleId, line, column, message])).toEqual([[rule, siteLine, siteColumn, reason]])
    expect(result[0]![4]).toMatch(/\S/)
  })

  it('refuses a stylesheet that is a link leading outside the theme folder', async () => {
    const contentDir = await theme({'theme.json': withSite('link.css'), ...stylesheets})
    await writeFile(path.join(root, 'secret.css'), '')
    await symlink('../../secret.css', path.join(root, 'themes', 'eigen', 'link.css'))
    expect((await findings(contentDir)).map(([rule, line, column, reason]) => [rule, line, column, reason])).toEqual([
      ['theme-file-outside', siteLine, siteColumn, '`link.css` is a symbolic link that leads outside the theme folder']
    ])
  })

  it('reads the fonts stylesheet when there is one, and leaves it empty when there is none', async () => {
    const withFonts = JSON.stringify({...config, stylesheets: {...config.stylesheets, fonts: 'fonts.css'}})
    const load = await loadVisualTheme('eigen', await theme({'theme.json': withFonts, ...stylesheets, 'fonts.css': '@font-face {}'}))
    expect(load.kind === 'loaded' && [load.theme.siteStylesheet, load.theme.printStylesheet, load.theme.fontsStylesheet]).toEqual(['.site {}', '.print {}', '@font-face {}'])
    await rm(root, {recursive: true, force: true})
    const without = await loadVisualTheme('eigen', await theme({'theme.json': JSON.stringify(config), ...stylesheets}))
    expect(without.kind === 'loaded' && without.theme.fontsStylesheet).toBe('')
  })

  it('reports a missing fonts stylesheet at its key, and stops', async () => {
    const text = JSON.stringify({...config, stylesheets: {...config.stylesheets, fonts: 'fonts.css'}}, null, 2)
    const load = await loadVisualTheme('eigen', await theme({'theme.json': text, ...stylesheets}))
    expect(load.kind).toBe('broken')
    expect(load.kind === 'broken' && load.file.messages.map((message) => [message.ruleId, message.line, message.reason])).toEqual([
      ['theme-file-missing', 10, 'The file `fonts.css` does not exist in the theme folder']
    ])
  })
})

describe('theme fonts', () => {
  const withFonts = (fonts: string[]) => JSON.stringify({...config, fonts}, null, 2)
  /** Line of `fonts[index]` in the pretty-printed theme.json above. */
  const fontLine = (fonts: string[], index: number) => withFonts(fonts).split('\n').findIndex((row) => row.includes(JSON.stringify(fonts[index]))) + 1

  it('takes a font file from the theme folder, also when its path looks like a package path', async () => {
    const fonts = ['fonts/a.woff2', 'b.ttf']
    const load = await loadVisualTheme('eigen', await theme({'theme.json': withFonts(fonts), ...stylesheets, 'fonts/a.woff2': 'x', 'b.ttf': 'y'}))
    expect(load.kind).toBe('loaded')
    if (load.kind !== 'loaded') return
    expect(load.theme.fontFiles.map((font) => path.relative(path.join(root, 'themes', 'eigen'), font))).toEqual(['fonts/a.woff2', 'b.ttf'])
  })

  it('reports a package font that cannot be resolved from the theme folder at its entry', async () => {
    const fonts = ['@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff2']
    const load = await loadVisualTheme('eigen', await theme({'theme.json': withFonts(fonts), ...stylesheets}))
    // The theme folder is in the temp folder, where no node_modules holds the package
    expect(load.kind).toBe('broken')
    expect(load.kind === 'broken' && load.file.messages.map((message) => [message.ruleId, message.line, message.reason])).toEqual([
      ['theme-file-missing', fontLine(fonts, 0), `The font \`${fonts[0]}\` is neither in the theme folder nor in an installed package`]
    ])
  })

  it('refuses a font that is not a font file, and one that climbs out, each at its own entry', async () => {
    const fonts = ['fonts/a.css', 'x/../../b.woff2', './c.woff']
    const result = await findings(await theme({'theme.json': withFonts(fonts), ...stylesheets, 'c.woff': ''}))
    expect(result.map(([rule, line, , reason]) => [rule, line, reason])).toEqual([
      ['theme-config-invalid', fontLine(fonts, 0), '`fonts/a.css` is not a font file (.woff2, .woff, .ttf or .otf)'],
      ['theme-file-outside', fontLine(fonts, 1), '`x/../../b.woff2` leads outside the theme folder']
    ])
    expect(result[0]![4]).toBe('List only font files under `fonts`; stylesheets go under `stylesheets`.')
  })
})

describe('theme.json as a file', () => {
  it('refuses a theme.json larger than the limit, naming the limit', async () => {
    const result = await findings(await theme({'theme.json': Buffer.alloc(maxThemeConfigBytes + 1, 0x20), ...stylesheets}))
    expect(result.map(([rule, , , reason]) => [rule, reason])).toEqual([['file-too-large', `theme.json is ${maxThemeConfigBytes + 1} bytes; the limit is 1 MB`]])
  })

  it('accepts a theme.json of exactly the limit', async () => {
    const text = JSON.stringify(config)
    const result = await findings(await theme({'theme.json': text.padEnd(maxThemeConfigBytes, ' '), ...stylesheets}))
    expect(result).toEqual([])
  })

  it('refuses a theme.json that is a link to nothing (a theme found, then gone)', async () => {
    await theme(stylesheets)
    const configPath = path.join(root, 'themes', 'eigen', 'theme.json')
    await symlink('weg.json', configPath)
    const file = new VFile({path: configPath})
    expect(await readThemeConfig(file, path.join(root, 'themes'))).toBe(false)
    expect(file.messages.map((message) => [message.ruleId, message.reason])).toEqual([['file-unreadable', 'theme.json is a symbolic link that leads to nothing']])
  })

  it('reports a UTF-8 problem with its hint', async () => {
    const result = await findings(await theme({'theme.json': Buffer.from([0x7b, 0xff, 0x7d]), ...stylesheets}))
    expect(result).toEqual([['file-encoding', undefined, undefined, 'theme.json is not valid UTF-8 text', 'Save theme.json as UTF-8 in your editor.']])
  })
})
