import {mkdir, readFile, symlink, writeFile, readdir} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readTree, repoRoot, runCli, runCliInProcess, workFolder} from '../helpers/cli.js'

// `kenniskaart init` on real temporary folders: the real program (bin/kenniskaart.js, the compiled
// lib/) for the flows a user runs (init, then build and check), the CLI in this process for refusals.

let work: {dir: string; remove(): Promise<void>}

beforeAll(async () => {
  work = await workFolder()
})

afterAll(async () => {
  await work.remove()
})

const {version} = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {version: string}

const exampleCard = 'content/samen-leren-in-de-school'

describe('kenniskaart init', () => {
  it('makes a project that builds and checks clean', async () => {
    const made = await runCli(['init', 'kaarten'], {cwd: work.dir})
    expect(made.stderr).toContain('Made a kenniskaart project in kaarten:')
    expect(made.code).toBe(0)
    const project = path.join(work.dir, 'kaarten')
    const files = [...(await readTree(project)).keys()].sort()
    expect(files).toEqual([
      '.gitignore',
      'README.md',
      `${exampleCard}/01-wat-is-samen-leren.md`,
      `${exampleCard}/02-leren-in-een-cyclus.md`,
      `${exampleCard}/03-samen-een-les-ontwerpen.md`,
      `${exampleCard}/figuren/leercyclus.svg`,
      `${exampleCard}/index.md`,
      'package.json'
    ])
    // What it made, and what to do next
    for (const file of files) expect(made.stderr).toContain(`kaarten/${file}`)
    expect(made.stderr).toMatch(/cd kaarten\n {2}npm install/)

    const build = await runCli(['build', '--no-pdf'], {cwd: project})
    expect(build.stdout).toBe('')
    expect(build.code).toBe(0)
    const site = await readTree(path.join(project, 'dist'))
    expect([...site.keys()]).toEqual(expect.arrayContaining([
      'samen-leren-in-de-school/index.html',
      'samen-leren-in-de-school/wat-is-samen-leren/index.html',
      'samen-leren-in-de-school/leren-in-een-cyclus/index.html',
      'samen-leren-in-de-school/samen-een-les-ontwerpen/index.html',
      'samen-leren-in-de-school/figuren/leercyclus.svg'
    ]))
    const check = await runCli(['check', '--strict'], {cwd: project})
    expect(check.stdout).toBe('')
    expect(check.stderr).toBe('Checked 1 card in 4 files: 0 errors, 0 warnings\n')
    expect(check.code).toBe(0)
  })

  it('writes a package.json with the scripts and this version of kenniskaart, and a .gitignore for the output and the cache', async () => {
    const project = path.join(work.dir, 'Mijn Kaarten')
    expect((await runCliInProcess(['init', project], {cwd: work.dir})).code).toBe(0)
    const manifest = JSON.parse(await readFile(path.join(project, 'package.json'), 'utf8')) as Record<string, unknown>
    expect(manifest).toEqual({
      name: 'mijn-kaarten',
      private: true,
      scripts: {build: 'kenniskaart build', dev: 'kenniskaart dev', check: 'kenniskaart check'},
      devDependencies: {kenniskaart: `^${version}`}
    })
    const ignored = (await readFile(path.join(project, '.gitignore'), 'utf8')).split('\n')
    expect(ignored).toEqual(expect.arrayContaining(['dist/', 'node_modules/']))
    expect(await readFile(path.join(project, 'README.md'), 'utf8')).toMatch(/^# Mijn Kaarten\n[\s\S]*npm run dev[\s\S]*npm run check[\s\S]*npm run build[\s\S]*new card[\s\S]*new theme/)
  })

  it('the example card shows every part of the format once', async () => {
    const project = path.join(work.dir, 'every-part')
    expect((await runCliInProcess(['init', project], {cwd: work.dir})).code).toBe(0)
    const card = path.join(project, exampleCard)
    const index = await readFile(path.join(card, 'index.md'), 'utf8')
    for (const key of ['title', 'label', 'publisher', 'lang', 'theme', 'description', 'keywords', 'themes', 'sources', 'contact', 'handouts']) expect(index).toMatch(new RegExp(`^${key}:`, 'm'))
    expect(index).toMatch(/^ {4}url: https:/m)
    expect(index).toMatch(/^ {4}uncited: true/m)
    const themes = (await Promise.all((await readdir(card)).filter((name) => /^\d\d-/.test(name)).map((name) => readFile(path.join(card, name), 'utf8')))).join('\n')
    expect(themes).toMatch(/^color: "#/m)
    expect(themes).toMatch(/^tips:.*\n {2}heading:/m)
    expect(themes).toMatch(/^tips:.*\n {2}- /m)
    expect(themes).toContain('[@') // citations
    expect(themes).toContain('[zie @') // a citation with a prefix
    expect(themes).toMatch(/\[@\w+; @\w+\]/) // several sources
    expect(themes).toMatch(/^!\[[^\]]{10,}\]\(figuren\/leercyclus\.svg "[^"]+"\)$/m) // a figure with alt text and a caption
    expect(themes).toMatch(/^> /m) // the pull quote
    expect(themes).toMatch(/^\| /m) // a table
    expect(themes).toMatch(/\]\(0\d-[a-z-]+\.md(#[a-z-]+)?\)/) // a link to another theme
  })

  it('accepts a folder name with spaces, % and #', async () => {
    const name = 'kaart 50% #1'
    const made = await runCli(['init', name], {cwd: work.dir})
    expect(made.code).toBe(0)
    expect(made.stderr).toContain(`cd '${name}'`)
    const project = path.join(work.dir, name)
    const check = await runCli(['check', '--strict'], {cwd: project})
    expect(check.stdout).toBe('')
    expect(check.code).toBe(0)
    const build = await runCli(['build', '--no-pdf'], {cwd: project})
    expect(build.code).toBe(0)
  })

  it('makes the project in the current folder when it is empty, or holds only .git', async () => {
    const empty = path.join(work.dir, 'leeg')
    await mkdir(empty)
    expect((await runCliInProcess(['init'], {cwd: empty})).code).toBe(0)
    expect((await readdir(empty)).sort()).toEqual(['.gitignore', 'README.md', 'content', 'package.json'])

    const repository = path.join(work.dir, 'repo')
    await mkdir(path.join(repository, '.git'), {recursive: true})
    await writeFile(path.join(repository, '.git', 'HEAD'), 'ref: refs/heads/main\n')
    const made = await runCliInProcess(['init', '.'], {cwd: repository})
    expect(made.code).toBe(0)
    expect(made.stderr).toMatch(/Made a kenniskaart project in \.:\n {2}\.gitignore/)
    expect(made.stderr).not.toContain('cd ')
    expect((await readdir(repository)).sort()).toEqual(['.git', '.gitignore', 'README.md', 'content', 'package.json'])
    expect(await readFile(path.join(repository, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n')
  })

  it('refuses a folder that is not empty, names it, and changes nothing', async () => {
    const full = path.join(work.dir, 'vol map')
    await mkdir(path.join(full, 'content'), {recursive: true})
    await writeFile(path.join(full, 'README.md'), 'mijn eigen tekst\n')
    const before = await readTree(full)
    const refused = await runCli(['init', 'vol map'], {cwd: work.dir})
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('kenniskaart: The folder vol map is not empty (it holds README.md, content)')
    expect(refused.stderr).toContain('hint: ')
    expect(refused.stderr).not.toMatch(/\n\s+at /)
    expect(await readTree(full)).toEqual(before)
    expect(await readdir(full)).toEqual(expect.not.arrayContaining([expect.stringMatching(/kenniskaart-new/)]))
  })

  it('refuses a symbolic link, and a file, as the project folder', async () => {
    const real = path.join(work.dir, 'echt')
    await mkdir(real)
    await symlink(real, path.join(work.dir, 'link'))
    const link = await runCliInProcess(['init', 'link'], {cwd: work.dir})
    expect(link.code).toBe(2)
    expect(link.stderr).toContain('link is a symbolic link')
    expect(await readdir(real)).toEqual([])

    await writeFile(path.join(work.dir, 'bestand'), 'x')
    const file = await runCliInProcess(['init', 'bestand'], {cwd: work.dir})
    expect(file.code).toBe(2)
    expect(file.stderr).toContain('bestand is a file, not a folder')
  })

  it('reports a folder it cannot make as an environment problem (exit 4) and leaves nothing behind', async () => {
    const parent = path.join(work.dir, 'geen-map')
    await writeFile(parent, 'een bestand, geen map')
    const failed = await runCliInProcess(['init', 'geen-map/project'], {cwd: work.dir})
    expect(failed.code).toBe(4)
    expect(failed.stderr).toContain('kenniskaart: Cannot write geen-map/project: a part of the path is a file, not a folder')
    expect(failed.stderr).not.toContain('unexpected error')
    expect(await readFile(parent, 'utf8')).toBe('een bestand, geen map')
  })

  it('leaves no staging folder beside the project', async () => {
    const parent = path.join(work.dir, 'ouder')
    await mkdir(parent)
    expect((await runCliInProcess(['init', 'nieuw'], {cwd: parent})).code).toBe(0)
    expect(await readdir(parent)).toEqual(['nieuw'])
  })
})
