import {mkdir, readFile, readdir, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readTree, runCli, runCliInProcess, workFolder} from '../helpers/cli.js'
import {themeMarkdown} from '../helpers/content.js'

// `kenniskaart new card` and `new theme` on real temporary content folders: the real program for
// the flow a user runs (new card, new theme, check), the CLI in this process for the many refusals.

let work: {dir: string; remove(): Promise<void>}
let count = 0

beforeAll(async () => {
  work = await workFolder()
})

afterAll(async () => {
  await work.remove()
})

/** A fresh project folder with an empty `content/`, or with the given cards. */
async function project(cards: Record<string, Record<string, string>> = {}): Promise<string> {
  const dir = path.join(work.dir, `project-${++count}`)
  await mkdir(path.join(dir, 'content'), {recursive: true})
  for (const [card, files] of Object.entries(cards)) {
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, 'content', card, name)), {recursive: true})
      await writeFile(path.join(dir, 'content', card, name), text)
    }
  }
  return dir
}

const listedIndex = [
  '---',
  '# Mijn kaart: de volgorde staat hieronder',
  'title: "Lijstkaart"',
  'themes:   # de volgorde van de thema\'s',
  '    - eerste    # begin hier',
  '    - "tweede"',
  '# een opmerking na de lijst',
  'sources: []',
  '---',
  '',
  'Inleiding.',
  ''
].join('\n')

describe('kenniskaart new card and new theme', () => {
  it('new card, then new theme: check --strict passes with no findings', async () => {
    const dir = await project()
    const card = await runCli(['new', 'card', 'samen-leren'], {cwd: dir})
    expect(card.stderr).toContain('Made the card samen-leren:\n  content/samen-leren/index.md\n  content/samen-leren/01-eerste-thema.md\n')
    expect(card.stderr).toContain('kenniskaart new theme samen-leren <slug>')
    expect(card.code).toBe(0)
    const theme = await runCli(['new', 'theme', 'samen-leren', 'tweede-thema', '--title', 'Een "tweede" thema'], {cwd: dir})
    expect(theme.stderr).toContain('Made the theme tweede-thema:\n  content/samen-leren/02-tweede-thema.md\n')
    expect(theme.code).toBe(0)
    const check = await runCli(['check', '--strict'], {cwd: dir})
    expect(check.stdout).toBe('')
    expect(check.stderr).toBe('Checked 1 card in 3 files: 0 errors, 0 warnings\n')
    expect(check.code).toBe(0)
    expect(await readFile(path.join(dir, 'content/samen-leren/02-tweede-thema.md'), 'utf8')).toMatch(/^---\n# .*\ntitle: "Een \\"tweede\\" thema"\n/)
  })

  it('new card writes commented frontmatter that shows every field of the card', async () => {
    const dir = await project()
    expect((await runCliInProcess(['new', 'card', 'velden'], {cwd: dir})).code).toBe(0)
    const index = await readFile(path.join(dir, 'content/velden/index.md'), 'utf8')
    expect(index).toMatch(/^title: "Velden"$/m)
    for (const key of ['label', 'lang', 'theme']) expect(index).toMatch(new RegExp(`^${key}: `, 'm'))
    for (const key of ['publisher', 'description', 'keywords', 'themes', 'sources', 'contact', 'handouts']) expect(index).toMatch(new RegExp(`^# ${key}:`, 'm'))
    for (const key of ['id', 'text', 'url', 'uncited']) expect(index).toMatch(new RegExp(`^# {3,5}(- )?${key}: `, 'm'))
    const theme = await readFile(path.join(dir, 'content/velden/01-eerste-thema.md'), 'utf8')
    expect(theme).toMatch(/^title: "Eerste thema"$/m)
    expect(theme).toMatch(/^summary: /m)
    for (const key of ['color', 'tips']) expect(theme).toMatch(new RegExp(`^# ${key}:`, 'm'))
  })

  it('new theme adds the slug to an explicit themes: list and keeps every other byte of index.md', async () => {
    const dir = await project({lijst: {'index.md': listedIndex, '01-eerste.md': themeMarkdown('Eerste'), '02-tweede.md': themeMarkdown('Tweede')}})
    const made = await runCliInProcess(['new', 'theme', 'lijst', 'derde'], {cwd: dir})
    expect(made.stderr).toContain('Added `derde` to `themes:` in content/lijst/index.md.')
    expect(made.code).toBe(0)
    expect(await readFile(path.join(dir, 'content/lijst/index.md'), 'utf8')).toBe(listedIndex.replace('    - "tweede"\n', '    - "tweede"\n    - derde\n'))
    const check = await runCliInProcess(['check', '--strict'], {cwd: dir})
    expect(check.stdout).toBe('')
    expect(check.code).toBe(0)
  })

  it('new theme makes the file of a theme the list names but has no file for, and leaves the list as it is', async () => {
    const dir = await project({lijst: {'index.md': listedIndex, '01-eerste.md': themeMarkdown('Eerste')}})
    expect((await runCliInProcess(['check'], {cwd: dir})).stdout).toContain('theme-missing')
    const made = await runCliInProcess(['new', 'theme', 'lijst', 'tweede'], {cwd: dir})
    expect(made.code).toBe(0)
    expect(made.stderr).toContain('`tweede` was listed in `themes:` of content/lijst/index.md already.')
    expect(await readFile(path.join(dir, 'content/lijst/index.md'), 'utf8')).toBe(listedIndex)
    const check = await runCliInProcess(['check', '--strict'], {cwd: dir})
    expect(check.stdout).toBe('')
    expect(check.code).toBe(0)
  })

  it('new theme continues the numbering after the highest prefix, at its width', async () => {
    const dir = await project({
      nummers: {'index.md': '---\ntitle: Nummers\n---\n\nTekst.\n', '003-een.md': themeMarkdown('Een'), '9-twee.md': themeMarkdown('Twee'), 'los.md': themeMarkdown('Los'), '010-drie.md': themeMarkdown('Drie')}
    })
    expect((await runCliInProcess(['new', 'theme', 'nummers', 'vier'], {cwd: dir})).code).toBe(0)
    expect(await readdir(path.join(dir, 'content/nummers'))).toContain('011-vier.md')
    const check = await runCliInProcess(['check', '--strict'], {cwd: dir})
    expect(check.stdout).toBe('')
    expect(check.code).toBe(0)
  })

  it('new theme refuses a slug the card has already, under any number, and changes nothing', async () => {
    const dir = await project({kaart: {'index.md': listedIndex, '01-eerste.md': themeMarkdown('Eerste'), '07-tweede.md': themeMarkdown('Tweede')}})
    const before = await readTree(dir)
    const refused = await runCliInProcess(['new', 'theme', 'kaart', 'tweede'], {cwd: dir})
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('kenniskaart: The card kaart has a theme `tweede` already: content/kaart/07-tweede.md')
    expect(await readTree(dir)).toEqual(before)
  })

  it('new card refuses a card that exists, also in other letter case, and changes nothing', async () => {
    const dir = await project({bestaat: {'index.md': '---\ntitle: Bestaat\n---\n'}})
    await mkdir(path.join(dir, 'content', 'Hoofdletters'))
    const before = await readTree(dir)
    const again = await runCliInProcess(['new', 'card', 'bestaat'], {cwd: dir})
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('kenniskaart: content/bestaat exists already; kenniskaart never overwrites')
    const cased = await runCliInProcess(['new', 'card', 'hoofdletters'], {cwd: dir})
    expect(cased.code).toBe(2)
    expect(cased.stderr).toContain('content/Hoofdletters exists already (a name that differs only in letter case)')
    expect(await readTree(dir)).toEqual(before)
    expect(await readdir(path.join(dir, 'content'))).toEqual(['Hoofdletters', 'bestaat'])
  })

  it.each([
    ['a percent sign', '50%'],
    ['a hash', 'a#b'],
    ['two dots', '..'],
    ['a slash', 'a/b'],
    ['a path out', '../buiten'],
    ['a control character', 'a\u001b[31mb'],
    ['a newline', 'a\nb'],
    ['uppercase letters', 'Mijn-Kaart'],
    ['a space', 'mijn kaart'],
    ['a double dash', 'mijn--kaart'],
    ['an empty name', ''],
    ['a name of 101 characters', 'a'.repeat(101)],
    ['the reserved name assets', 'assets']
  ])('new card and new theme refuse a slug with %s', async (_, slug) => {
    const dir = await project({kaart: {'index.md': listedIndex, '01-eerste.md': themeMarkdown('Eerste'), '02-tweede.md': themeMarkdown('Tweede')}})
    const before = await readTree(work.dir)
    const card = await runCliInProcess(['new', 'card', slug], {cwd: dir})
    expect(card.code).toBe(2)
    expect(card.stderr).toMatch(/^kenniskaart: .*(slug|reserved).*\nhint: .*`[a-z\d-]+`/)
    // Control characters are shown as escapes, never sent to the terminal
    // eslint-disable-next-line no-control-regex
    expect(card.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/)
    if (slug !== 'assets') {
      const theme = await runCliInProcess(['new', 'theme', 'kaart', slug], {cwd: dir})
      expect(theme.code).toBe(2)
      expect(theme.stderr).toMatch(/^kenniskaart: .*slug.*\nhint: /)
    }
    expect(await readTree(work.dir)).toEqual(before)
  })

  it('new theme accepts a slug YAML would read as something else, and lists it quoted', async () => {
    const dir = await project({kaart: {'index.md': listedIndex, '01-eerste.md': themeMarkdown('Eerste'), '02-tweede.md': themeMarkdown('Tweede')}})
    expect((await runCliInProcess(['new', 'theme', 'kaart', 'null'], {cwd: dir})).code).toBe(0)
    expect(await readFile(path.join(dir, 'content/kaart/index.md'), 'utf8')).toContain('    - "tweede"\n    - "null"\n')
    expect((await runCliInProcess(['check', '--strict'], {cwd: dir})).code).toBe(0)
  })

  it('new theme names an unknown card with the nearest one', async () => {
    const dir = await project({'samen-leren': {'index.md': listedIndex}})
    const refused = await runCliInProcess(['new', 'theme', 'samen-lern', 'nieuw'], {cwd: dir})
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe('kenniskaart: There is no card `samen-lern` in content\nhint: Did you mean `samen-leren`? The cards are: samen-leren.\n')
    const outside = await runCliInProcess(['new', 'theme', '../samen-leren', 'nieuw'], {cwd: dir})
    expect(outside.code).toBe(2)
    expect(outside.stderr).toContain('There is no card `../samen-leren`')
  })

  it('new theme refuses a card folder that is a link out of the content folder', async () => {
    const dir = await project()
    const elsewhere = path.join(work.dir, `elders-${count}`)
    await mkdir(elsewhere)
    await writeFile(path.join(elsewhere, 'index.md'), listedIndex)
    await symlink(elsewhere, path.join(dir, 'content', 'gelinkt'))
    const refused = await runCliInProcess(['new', 'theme', 'gelinkt', 'nieuw'], {cwd: dir})
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('is a symbolic link that leads outside the content folder')
    expect(await readdir(elsewhere)).toEqual(['index.md'])
  })

  it('new theme refuses, and makes nothing, when the themes: list of index.md cannot be read', async () => {
    const broken = '---\ntitle: Kapot\nthemes: [eerste\n---\n'
    const dir = await project({kapot: {'index.md': broken, '01-eerste.md': themeMarkdown('Eerste')}})
    const before = await readTree(dir)
    const refused = await runCliInProcess(['new', 'theme', 'kapot', 'tweede'], {cwd: dir})
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('Cannot add `tweede` to the themes of kapot: the frontmatter of index.md is not valid YAML')
    expect(await readTree(dir)).toEqual(before)
  })

  it('new card and new theme use --content, and refuse a content folder that is not there', async () => {
    const dir = await project()
    await mkdir(path.join(dir, 'kaarten'))
    expect((await runCliInProcess(['new', 'card', 'elders', '--content', 'kaarten'], {cwd: dir})).code).toBe(0)
    const theme = await runCliInProcess(['new', 'theme', 'elders', 'meer', '--content', 'kaarten'], {cwd: dir})
    expect(theme.code).toBe(0)
    expect(theme.stderr).toContain('kenniskaart check --card elders --content kaarten')
    expect(await readdir(path.join(dir, 'kaarten/elders'))).toEqual(['01-eerste-thema.md', '02-meer.md', 'index.md'])
    const missing = await runCliInProcess(['new', 'card', 'x', '--content', 'bestaat-niet'], {cwd: dir})
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('kenniskaart: Cannot find the content folder bestaat-niet')
  })

  it('refuses a title that is empty, too long or more than one line', async () => {
    const dir = await project()
    for (const title of ['', ' ', 'x'.repeat(201), 'een\ntwee']) {
      const refused = await runCliInProcess(['new', 'card', 'titel', '--title', title], {cwd: dir})
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain('The title must be one line of text')
    }
    expect(await readdir(path.join(dir, 'content'))).toEqual([])
  })
})
