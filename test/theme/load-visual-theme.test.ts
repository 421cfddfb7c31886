import {mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {loadContent} from '../../src/content/load-content.js'
import {collectFindings} from '../../src/report/findings.js'
import {loadVisualTheme} from '../../src/theme/load-visual-theme.js'
import {parseThemeColour} from '../../src/theme/theme-colour.js'

let root = ""

afterEach(async () => {
  if (root) await rm(root, {recursive: true, force: true})
})

/** A project: `content/` with one card per theme name, and `themes/<name>/` with the given files. */
async function project(themeFiles: Record<string, string>, cards: Record<string, string> = {kaart: 'eigen'}): Promise<string> {
  root = await mkdtemp(path.join(os.tmpdir(), 'kenniskaart-theme-'))
  for (const [card, theme] of Object.entries(cards)) {
    await mkdir(path.join(root, 'content', card), {recursive: true})
    await writeFile(path.join(root, 'content', card, 'index.md'), `---\ntitle: Kaart\ntheme: ${theme}\n---\n\nIntro.\n`)
    await writeFile(path.join(root, 'content', card, '01-een.md'), '---\ntitle: Een\nsummary: Over een.\n---\n\nTekst.\n')
  }
  for (const [name, contents] of Object.entries(themeFiles)) {
    await mkdir(path.dirname(path.join(root, 'themes', name)), {recursive: true})
    await writeFile(path.join(root, 'themes', name), contents)
  }
  return path.join(root, 'content')
}

const validConfig = {
  name: 'eigen',
  palette: ['teal', 'rgb(10 20 30)', 'hsl(200 80% 25%)', '#ABC'],
  onColor: 'white',
  stylesheets: {site: 'site.css', print: 'print.css'}
}

const stylesheets = {'eigen/site.css': '.site {}', 'eigen/print.css': '.print {}'}

describe('parseThemeColour', () => {
  it.each([
    ['teal', '#008080'],
    ['#ABC', '#aabbcc'],
    ['rgb(10 20 30)', '#0a141e'],
    ['rgba(10, 20, 30, 1)', '#0a141e'],
    ['hsl(0 100% 50%)', '#ff0000']
  ])('reads %s as %s', (value, hex) => {
    expect(parseThemeColour(value)).toBe(hex)
  })

  it.each(['transparent', 'rgba(0, 0, 0, 0.5)', '#0008', 'currentcolor', 'var(--x)', 'lab(50 20 20)', ' red', 'red; } body { display: none', '#12345', 'url(x)', ''])(
    'refuses %j',
    (value) => {
      expect(parseThemeColour(value)).toBeUndefined()
    }
  )
})

describe('loadVisualTheme', () => {
  it('loads a local theme, with its colours as hex', async () => {
    const contentDir = await project({'eigen/theme.json': JSON.stringify(validConfig), ...stylesheets})
    const load = await loadVisualTheme('eigen', contentDir)
    expect(load.kind).toBe('loaded')
    if (load.kind !== 'loaded') return
    expect(load.theme.palette).toEqual(['#008080', '#0a141e', '#0d5173', '#aabbcc'])
    expect(load.theme.onColor).toBe('#ffffff')
    expect(load.theme.siteStylesheet).toBe('.site {}')
    // #ABC under white text is too light: a warning at that palette entry, the theme still loads
    expect(load.file?.messages.map((message) => [message.ruleId, message.line, message.column, message.fatal])).toEqual([['color-contrast', 1, 70, false]])
  })

  it('prefers a local theme over the bundled one of the same name', async () => {
    const contentDir = await project({'kenniskaart/theme.json': JSON.stringify({...validConfig, name: 'kenniskaart'}), 'kenniskaart/site.css': 'eigen', 'kenniskaart/print.css': ''})
    const load = await loadVisualTheme('kenniskaart', contentDir)
    expect(load.kind === 'loaded' && load.theme.siteStylesheet).toBe('eigen')
  })

  it('loads the bundled theme with its fonts from npm packages', async () => {
    const contentDir = await project({})
    const load = await loadVisualTheme('kenniskaart', contentDir)
    expect(load.kind).toBe('loaded')
    if (load.kind !== 'loaded') return
    expect(load.file).toBeUndefined()
    expect(load.theme.fontFiles.length).toBeGreaterThan(0)
    expect(load.theme.fontFiles.every((font) => font.includes(`${path.sep}node_modules${path.sep}`))).toBe(true)
  })

  it('refuses comments, single quotes and trailing commas: theme.json is strict JSON', async () => {
    for (const text of ['{// comment\n}', "{'name': 'x'}", '{"name": "x",}', '', '[1, 2']) {
      const contentDir = await project({'eigen/theme.json': text, ...stylesheets})
      const load = await loadVisualTheme('eigen', contentDir)
      expect(load.kind).toBe('broken')
      const rules = load.kind === 'broken' ? load.file.messages.map((message) => message.ruleId) : []
      expect(rules.length).toBe(1)
      expect(rules[0]).toBe('theme-config-syntax')
      await rm(root, {recursive: true, force: true})
    }
  })

  it('reports a missing key at the object that lacks it', async () => {
    const withoutPalette: Partial<typeof validConfig> = {...validConfig}
    delete withoutPalette.palette
    const contentDir = await project({'eigen/theme.json': JSON.stringify(withoutPalette, null, 2), ...stylesheets})
    const load = await loadVisualTheme('eigen', contentDir)
    expect(load.kind).toBe('broken')
    if (load.kind !== 'broken') return
    expect(load.file.messages.map((message) => [message.ruleId, message.line, message.column, message.reason])).toEqual([
      ['theme-config-invalid', 1, 1, 'theme.json misses the key `palette`']
    ])
  })

  it('refuses a font that is not a font file, and a stylesheet that is a folder', async () => {
    const contentDir = await project({'eigen/theme.json': JSON.stringify({...validConfig, stylesheets: {site: 'map', print: 'print.css'}, fonts: ['site.css']}), ...stylesheets, 'eigen/map/x.css': ''})
    const load = await loadVisualTheme('eigen', contentDir)
    expect(load.kind === 'broken' && load.file.messages.map((message) => message.ruleId)).toEqual(['theme-config-invalid', 'theme-file-missing'])
  })

  it('refuses a theme folder that is a link leading outside the themes folder', async () => {
    const contentDir = await project({'elders/theme.json': JSON.stringify(validConfig), 'elders/site.css': '', 'elders/print.css': ''})
    await rm(path.join(root, 'themes', 'eigen'), {recursive: true, force: true})
    const outside = path.join(root, 'buiten')
    await rm(outside, {recursive: true, force: true})
    await mkdir(outside)
    await writeFile(path.join(outside, 'theme.json'), JSON.stringify(validConfig))
    await symlink(outside, path.join(root, 'themes', 'eigen'))
    const load = await loadVisualTheme('eigen', contentDir)
    expect(load.kind === 'broken' && load.file.messages.map((message) => message.ruleId)).toEqual(['theme-file-outside'])
  })

  it('refuses a theme.json that links outside, is not UTF-8, or is a folder', async () => {
    const contentDir = await project({'latin1/theme.json': '', 'map/theme.json/x': '', ...stylesheets})
    await writeFile(path.join(root, 'secret.json'), JSON.stringify(validConfig))
    await writeFile(path.join(root, 'themes', 'latin1', 'theme.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]))
    await symlink('../../secret.json', path.join(root, 'themes', 'eigen', 'theme.json'))
    const rules = async (name: string) => {
      const load = await loadVisualTheme(name, contentDir)
      return load.kind === 'broken' ? load.file.messages.map((message) => message.ruleId) : load.kind
    }
    expect(await rules('eigen')).toEqual(['theme-file-outside'])
    expect(await rules('latin1')).toEqual(['file-encoding'])
    expect(await rules('map')).toEqual(['file-unreadable'])
  })

  it('says when the folder of an unknown theme has no theme.json', async () => {
    const contentDir = await project({'eigen/site.css': ''})
    const load = await loadVisualTheme('eigen', contentDir)
    expect(load.kind).toBe('unknown')
    expect(load.kind === 'unknown' && load.hint).toMatch(/has no theme.json/)
  })
})

describe('loadContent with a broken local theme', () => {
  it('reports the theme once, on theme.json, however many cards use it', async () => {
    const contentDir = await project({'eigen/theme.json': '{"name": ', ...stylesheets}, {een: 'eigen', twee: 'eigen', drie: 'eigen'})
    const {cards, files} = await loadContent(contentDir)
    expect(cards).toEqual([])
    const findings = collectFindings(files, root)
    expect(findings.map((finding) => [finding.file, finding.rule])).toEqual([['themes/eigen/theme.json', 'theme-config-syntax']])
  })

  it('still reports a theme that does not exist at the card\'s `theme:` key', async () => {
    const contentDir = await project(stylesheets, {een: 'bestaat-niet'})
    const {files} = await loadContent(contentDir)
    expect(collectFindings(files, root).map((finding) => [finding.file, finding.line, finding.column, finding.rule])).toEqual([
      ['content/een/index.md', 3, 8, 'frontmatter-invalid']
    ])
  })
})
