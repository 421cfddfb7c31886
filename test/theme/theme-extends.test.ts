import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {wcagContrast} from 'culori'
import {afterEach, describe, expect, it} from 'vitest'
import {build} from '../../src/build.js'
import {visualThemeKey} from '../../src/engine/keys.js'
import {bundledThemesDir, loadVisualTheme} from '../../src/theme/load-visual-theme.js'
import {findingsOf} from '../helpers/content.js'
import {hashedPath} from '../helpers/hashed.js'
import {pageText} from '../helpers/html.js'

let root = ''

afterEach(async () => {
  if (root) await rm(root, {recursive: true, force: true})
  root = ''
})

/**
 * A project: `content/kaart/` (two themes, `theme: <cardTheme>`) and
 * `themes/` holding the given files. Returns the content folder.
 */
async function project(themeFiles: Record<string, string>, cardTheme = 'eigen', cardExtra = ''): Promise<string> {
  root = await mkdtemp(path.join(os.tmpdir(), 'kenniskaart-extends-'))
  const card = path.join(root, 'content', 'kaart')
  await mkdir(card, {recursive: true})
  await writeFile(path.join(card, 'index.md'), `---\ntitle: Kaart\ntheme: ${cardTheme}\n${cardExtra}---\n\nIntro.\n`)
  await writeFile(path.join(card, '01-een.md'), '---\ntitle: Een\nsummary: Over een.\ntips:\n  - Een tip.\n---\n\nTekst.\n')
  await writeFile(path.join(card, '02-twee.md'), '---\ntitle: Twee\nsummary: Over twee.\n---\n\nTekst.\n')
  for (const [name, contents] of Object.entries(themeFiles)) {
    await mkdir(path.dirname(path.join(root, 'themes', name)), {recursive: true})
    await writeFile(path.join(root, 'themes', name), contents)
  }
  return path.join(root, 'content')
}

const json = (value: unknown) => JSON.stringify(value, null, 2)
const bundled = (file: string) => readFile(path.join(bundledThemesDir, 'kenniskaart', file), 'utf8')
/** Line and column (1-based) where `needle` starts in `text`. */
function positionOf(text: string, needle: string): [number, number] {
  const before = text.slice(0, text.indexOf(needle))
  const lines = before.split('\n')
  return [lines.length, lines.at(-1)!.length + 1]
}

describe('a project theme that extends kenniskaart', () => {
  const config = {name: 'eigen', extends: 'kenniskaart', palette: ['#7a1f3d', '#1f4e7a'], stylesheets: {site: 'extra.css'}}

  it('has the parent\'s stylesheets, then its own rule, its own palette, and the parent\'s fonts', async () => {
    const contentDir = await project({'eigen/theme.json': json(config), 'eigen/extra.css': '.extra { color: red; }\n'})
    const load = await loadVisualTheme('eigen', contentDir)
    expect(load.kind === 'loaded' && load.file?.messages).toEqual([])
    if (load.kind !== 'loaded') return
    const [site, print, fonts] = await Promise.all([bundled('site.css'), bundled('print.css'), bundled('fonts.css')])
    expect(load.theme.siteStylesheet).toBe(`${site}\n.extra { color: red; }\n`)
    expect(load.theme.printStylesheet).toBe(print)
    expect(load.theme.fontsStylesheet).toBe(fonts)
    expect(load.theme.palette).toEqual(['#7a1f3d', '#1f4e7a'])
    expect(load.theme.onColor).toBe('#ffffff')
    expect(load.theme.fontFiles.length).toBe(6)
  })

  it('builds pages that use its palette and its stylesheet, which holds the parent\'s rules then its own', async () => {
    const contentDir = await project({'eigen/theme.json': json(config), 'eigen/extra.css': '.extra { color: red; }\n'})
    const result = await build({contentDir, pdf: false})
    expect(findingsOf(...result.files)).toEqual([])
    const site = pageText(result.pages, hashedPath(result.pages, 'assets/eigen/site.css'))
    // The parent's rules, its @import of fonts.css naming that file by its hash
    expect(site).toMatch(/^@import url\("fonts\.[\da-f]{10}\.css"\);/)
    expect(site.replace(/fonts\.[\da-f]{10}\.css/, 'fonts.css').startsWith(await bundled('site.css'))).toBe(true)
    expect(site.endsWith('.extra { color: red; }\n')).toBe(true)
    const cardCss = pageText(result.pages, hashedPath(result.pages, 'kaart/card.css'))
    expect(cardCss).toContain('.theme-een {\n  --theme-color: #7a1f3d;')
    expect(cardCss).toContain('.theme-twee {\n  --theme-color: #1f4e7a;')
    expect(pageText(result.pages, 'kaart/index.html')).toContain(`href="../${hashedPath(result.pages, 'assets/eigen/site.css')}"`)
    expect(hashedPath(result.pages, 'assets/eigen/fonts/source-sans-3-latin-400-normal.woff2')).toBeTruthy()
  })

  it('uses its stylesheet instead of the parent\'s when it says `replace`', async () => {
    const replacing = {...config, stylesheets: {site: {file: 'extra.css', replace: true}}}
    const contentDir = await project({'eigen/theme.json': json(replacing), 'eigen/extra.css': '.alleen { color: red; }\n'})
    const load = await loadVisualTheme('eigen', contentDir)
    expect(load.kind === 'loaded' && [load.theme.siteStylesheet, load.theme.printStylesheet === (await bundled('print.css'))]).toEqual(['.alleen { color: red; }\n', true])
  })

  it('lets a project theme named kenniskaart extend the bundled kenniskaart, without a loop', async () => {
    const contentDir = await project({'kenniskaart/theme.json': json({name: 'kenniskaart', extends: 'kenniskaart', stylesheets: {print: 'meer.css'}}), 'kenniskaart/meer.css': '.meer {}'}, 'kenniskaart')
    const load = await loadVisualTheme('kenniskaart', contentDir)
    expect(load.kind).toBe('loaded')
    if (load.kind !== 'loaded') return
    expect(load.theme.printStylesheet).toBe(`${await bundled('print.css')}\n.meer {}`)
    expect(load.theme.chain).toEqual([path.join(root, 'themes', 'kenniskaart'), path.join(bundledThemesDir, 'kenniskaart').replace(/\/$/, '')])
  })

  it('gives the bundled handout theme the kenniskaart stylesheets with its own after them', async () => {
    const contentDir = await project({}, 'handout')
    const load = await loadVisualTheme('handout', contentDir)
    expect(load.kind).toBe('loaded')
    if (load.kind !== 'loaded') return
    const own = await readFile(path.join(bundledThemesDir, 'handout', 'print.css'), 'utf8')
    expect(load.theme.printStylesheet).toBe(`${await bundled('print.css')}\n${own}`)
    expect(load.file).toBeUndefined()
  })

  it('changes the visual theme\'s cache key when a parent\'s stylesheet changes', async () => {
    const contentDir = await project({'basis/theme.json': json({name: 'basis', extends: 'kenniskaart', stylesheets: {site: 'basis.css'}}), 'basis/basis.css': '.a {}', 'eigen/theme.json': json({name: 'eigen', extends: 'basis'})})
    const before = await visualThemeKey(await loadVisualTheme('eigen', contentDir))
    await writeFile(path.join(root, 'themes', 'basis', 'basis.css'), '.b {}')
    const after = await visualThemeKey(await loadVisualTheme('eigen', contentDir))
    expect(after).not.toBe(before)
  })
})

describe('findings at `extends`', () => {
  it('names an unknown parent at its value, with the nearest theme', async () => {
    const text = json({name: 'eigen', extends: 'kenniskaar'})
    const contentDir = await project({'eigen/theme.json': text})
    const load = await loadVisualTheme('eigen', contentDir)
    expect(load.kind).toBe('broken')
    const [line, column] = positionOf(text, '"kenniskaar"')
    expect(findingsOf(load.kind === 'broken' ? load.file : undefined!).map((finding) => [finding.rule, finding.line, finding.column, finding.hint])).toEqual([
      ['theme-extends-unknown', line, column, 'Did you mean `kenniskaart`? The themes there are: handout, kenniskaart.']
    ])
  })

  it('reports a cycle at the `extends` that closes it, on that theme\'s own theme.json, naming the chain', async () => {
    const donker = json({name: 'donker', extends: 'licht', palette: ['#123456']})
    const contentDir = await project({'licht/theme.json': json({name: 'licht', extends: 'donker'}), 'donker/theme.json': donker}, 'licht')
    const load = await loadVisualTheme('licht', contentDir)
    expect(load.kind).toBe('broken')
    if (load.kind !== 'broken') return
    expect(load.file.messages).toEqual([])
    const [line, column] = positionOf(donker, '"licht"')
    expect(findingsOf(...(load.parentFiles ?? [])).map((finding) => [finding.file, finding.rule, finding.line, finding.column, finding.reason])).toEqual([
      ['theme.json', 'theme-extends-cycle', line, column, 'Theme `donker` extends `licht`, which leads back to it: licht → donker → licht']
    ])
  })

  it('reports a theme extending itself in the project as a cycle when no bundled theme has its name', async () => {
    const text = json({name: 'eigen', extends: 'eigen'})
    const contentDir = await project({'eigen/theme.json': text})
    const load = await loadVisualTheme('eigen', contentDir)
    // Extending one's own name looks among the bundled themes: there is none named `eigen`
    expect(load.kind === 'broken' && findingsOf(load.file).map((finding) => [finding.rule, finding.reason])).toEqual([
      ['theme-extends-unknown', 'Theme `eigen` extends `eigen`, a theme that does not exist among the bundled themes']
    ])
  })

  it('stops a chain longer than eight themes at the eighth theme\'s `extends`', async () => {
    const files: Record<string, string> = {}
    for (let level = 1; level <= 9; level++) files[`laag-${level}/theme.json`] = json({name: `laag-${level}`, extends: `laag-${level + 1}`})
    const contentDir = await project(files, 'laag-1')
    const load = await loadVisualTheme('laag-1', contentDir)
    expect(load.kind).toBe('broken')
    if (load.kind !== 'broken') return
    const findings = findingsOf(load.file, ...(load.parentFiles ?? []))
    expect(findings.map((finding) => [finding.rule, finding.line, finding.column])).toEqual([['theme-extends-too-deep', 3, 14]])
    expect(load.parentFiles?.at(-1)?.path).toBe(path.join(root, 'themes', 'laag-8', 'theme.json'))
  })

  it('reports a broken parent on the parent\'s theme.json, and the build says so', async () => {
    const contentDir = await project({'basis/theme.json': json({name: 'basis', extends: 'kenniskaart', palette: ['geen kleur']}), 'eigen/theme.json': json({name: 'eigen', extends: 'basis'})})
    const result = await build({contentDir, pdf: false})
    expect(result.failed).toBe(true)
    expect(findingsOf(...result.files).map((finding) => [finding.file, finding.rule])).toEqual([['theme.json', 'theme-config-invalid']])
    expect(result.files.some((file) => file.path === path.join(root, 'themes', 'basis', 'theme.json'))).toBe(true)
  })
})

describe('label overrides in theme.json', () => {
  it('put a theme\'s own label on the pages of a card in that language', async () => {
    const contentDir = await project({'eigen/theme.json': json({name: 'eigen', extends: 'kenniskaart', labels: {nl: {tips: 'Goed om te weten'}, en: {tips: 'Good to know'}}})})
    const result = await build({contentDir, pdf: false})
    expect(findingsOf(...result.files)).toEqual([])
    const page = pageText(result.pages, 'kaart/een/index.html')
    expect(page).toContain('>Goed om te weten</h2>')
    expect(page).not.toContain('>Tips<')
  })

  it('refuse an unknown label at its key, with the label meant', async () => {
    const text = json({name: 'eigen', extends: 'kenniskaart', labels: {nl: {tipz: 'Tips!'}}})
    const contentDir = await project({'eigen/theme.json': text})
    const load = await loadVisualTheme('eigen', contentDir)
    const [line, column] = positionOf(text, '"tipz"')
    expect(load.kind === 'broken' && findingsOf(load.file).map((finding) => [finding.rule, finding.line, finding.column, finding.reason, finding.hint])).toEqual([
      ['theme-config-invalid', line, column, 'Unknown label `tipz` in theme.json', 'Did you mean `tips`?']
    ])
  })

  it('refuse a language key that is not a language code, at the key', async () => {
    const text = json({name: 'eigen', extends: 'kenniskaart', labels: {'nl-BE': {tips: 'Tips!'}}})
    const contentDir = await project({'eigen/theme.json': text})
    const load = await loadVisualTheme('eigen', contentDir)
    const [line, column] = positionOf(text, '"nl-BE"')
    expect(load.kind === 'broken' && findingsOf(load.file).map((finding) => [finding.rule, finding.line, finding.column])).toEqual([['theme-config-invalid', line, column]])
  })
})

describe('text on a theme colour', () => {
  it('is black or white, whichever has the higher contrast, when the theme does not fix it', async () => {
    const contentDir = await project({'eigen/theme.json': json({name: 'eigen', extends: 'kenniskaart', palette: ['#ffd84d', '#1f3f7a'], onColor: 'auto'})})
    const result = await build({contentDir, pdf: false})
    expect(findingsOf(...result.files)).toEqual([])
    const cardCss = pageText(result.pages, hashedPath(result.pages, 'kaart/card.css'))
    expect(cardCss).toContain('.theme-een {\n  --theme-color: #ffd84d;\n  --on-theme-color: #000000;')
    expect(cardCss).toContain('.theme-twee {\n  --theme-color: #1f3f7a;\n  --on-theme-color: #ffffff;')
  })

  it('warns at the palette entry when neither text colour reaches AA, suggesting a shade that does', async () => {
    const text = json({name: 'eigen', extends: 'kenniskaart', palette: ['#1f3f7a', '#7f7f7f'], onColor: {dark: '#444444', light: '#ffffff'}})
    const contentDir = await project({'eigen/theme.json': text})
    const load = await loadVisualTheme('eigen', contentDir)
    expect(load.kind).toBe('loaded')
    const findings = findingsOf(load.kind === 'loaded' ? load.file! : undefined!)
    const [line, column] = positionOf(text, '"#7f7f7f"')
    expect(findings.map((finding) => [finding.rule, finding.severity, finding.line, finding.column])).toEqual([['color-contrast', 'warning', line, column]])
    expect(findings[0]!.reason).toBe('Palette colour 2 (#7f7f7f) has a contrast of 4.00:1 with either text colour (#444444, #ffffff); WCAG AA needs 4.5:1')
    const shade = /`(#[\da-f]{6})`/.exec(findings[0]!.hint ?? '')?.[1]
    expect(shade).toBeDefined()
    expect(findings[0]!.hint).toMatch(/^Use a darker shade such as/)
    expect(wcagContrast(shade!, '#ffffff')).toBeGreaterThanOrEqual(4.5)
    // Only just: a shade near the colour, not black
    expect(wcagContrast(shade!, '#ffffff')).toBeLessThan(4.7)
  })

  it('warns at the project theme\'s `onColor` when the palette it inherits from a bundled theme cannot carry it', async () => {
    const text = json({name: 'eigen', extends: 'kenniskaart', onColor: '#000000'})
    const contentDir = await project({'eigen/theme.json': text})
    const load = await loadVisualTheme('eigen', contentDir)
    const [line, column] = positionOf(text, '"#000000"')
    const findings = findingsOf(load.kind === 'loaded' ? load.file! : undefined!)
    // The kenniskaart palette is dark: black text reaches AA on none of its seven colours
    expect(findings.map((finding) => [finding.rule, finding.line, finding.column])).toEqual(Array.from({length: 7}, () => ['color-contrast', line, column]))
    expect(findings[0]!.reason).toMatch(/^Palette colour 1 \(#0e6591\) has a contrast of [\d.]+:1 with its text #000000/)
  })

  it('warns under a fixed light text colour with a darker shade, and under a dark one with a lighter shade', async () => {
    const text = json({name: 'eigen', extends: 'kenniskaart', palette: ['#5fa8d3'], onColor: '#ffffff'})
    const contentDir = await project({'eigen/theme.json': text})
    const load = await loadVisualTheme('eigen', contentDir)
    const hint = load.kind === 'loaded' ? (load.file?.messages[0]?.note ?? '') : ''
    expect(hint).toMatch(/^Use a darker shade such as `#[\da-f]{6}`/)
    await rm(root, {recursive: true, force: true})

    const darkText = json({name: 'eigen', extends: 'kenniskaart', palette: ['#3d6e8f'], onColor: '#1b2733'})
    const darkContent = await project({'eigen/theme.json': darkText})
    const darkLoad = await loadVisualTheme('eigen', darkContent)
    const darkHint = darkLoad.kind === 'loaded' ? (darkLoad.file?.messages[0]?.note ?? '') : ''
    expect(darkHint).toMatch(/^Use a lighter shade such as `(#[\da-f]{6})`/)
    const lighter = /`(#[\da-f]{6})`/.exec(darkHint)![1]!
    expect(wcagContrast(lighter, '#1b2733')).toBeGreaterThanOrEqual(4.5)
  })
})
