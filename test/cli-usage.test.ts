import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {runCli, runCliInProcess, workFolder} from './helpers/cli.js'

// The real command (compiled lib/); none of these calls gets as far as reading content or starting a browser.

let work: {dir: string; remove(): Promise<void>}

beforeAll(async () => {
  work = await workFolder()
})

afterAll(async () => {
  await work.remove()
})

describe('kenniskaart without a usable call', () => {
  it('prints its help on stderr and exits with 2 when no command is given', async () => {
    const run = await runCli([], {cwd: work.dir})
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('Usage: kenniskaart [options] [command]')
    expect(run.stderr).toContain('build [options]')
  })

  it('still prints asked-for help on stdout with exit code 0', async () => {
    const runs = await Promise.all([runCli(['--help'], {cwd: work.dir}), runCli(['help', 'pdf'], {cwd: work.dir})])
    for (const run of runs) {
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('Usage: kenniskaart')
    }
  })

  it('refuses pdf --themes without a single slug as a usage error, with exit code 2', async () => {
    const runs = await Promise.all(['', ' , ', ','].map((themes) => runCli(['pdf', 'kaart', '--themes', themes], {cwd: work.dir})))
    for (const run of runs) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('give one or more theme slugs')
      expect(run.stderr).not.toMatch(/\n\s+at /)
    }
  })

  it('refuses an empty --browser as a usage error rather than looking for another browser', async () => {
    const runs = await Promise.all([runCli(['build', '--browser', ''], {cwd: work.dir}), runCli(['pdf', 'kaart', '--browser', ' '], {cwd: work.dir})])
    for (const run of runs) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('give the path of a Chrome, Chromium or Edge program')
    }
  })
})

describe('a card named on the command line that is not there', () => {
  let project: {dir: string; remove(): Promise<void>}

  beforeAll(async () => {
    project = await workFolder()
    for (const card of ['leercultuur', 'lezen']) {
      await mkdir(path.join(project.dir, 'content', card), {recursive: true})
      await writeFile(path.join(project.dir, 'content', card, 'index.md'), '---\ntitle: Kaart\n---\n\nIntro.\n')
      await writeFile(path.join(project.dir, 'content', card, '01-voorlezen.md'), '---\ntitle: Voorlezen\nsummary: Over voorlezen.\n---\n\nTekst.\n')
    }
  })

  afterAll(async () => {
    await project.remove()
  })

  it('is a usage error (exit 2) for build --card, check --card and pdf, suggesting the near card and listing them all', async () => {
    const calls = [['build', '--card', 'leercultur', '--no-pdf'], ['check', '--card', 'leercultur'], ['pdf', 'leercultur', '--browser', '/geen/browser']]
    const runs = await Promise.all(calls.map((args) => runCli(args, {cwd: project.dir})))
    for (const run of runs) {
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toContain('There is no card `leercultur`')
      expect(run.stderr).toContain('hint: Did you mean `leercultuur`? The cards are: leercultuur, lezen.')
      expect(run.stderr).not.toContain('content:1:1')
    }
  })

  it('suggests nothing when no card is close, and still lists the cards', async () => {
    const run = await runCli(['check', '--card', 'rekenen'], {cwd: project.dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('hint: The cards are: leercultuur, lezen.')
    expect(run.stderr).not.toContain('Did you mean')
  })

  it.each(['..', '../lezen', '%', '#', '.', 'a\u001b[31mb'])('refuses the card name %j as unknown, with control characters escaped', async (name) => {
    const run = await runCliInProcess(['check', '--card', name], {cwd: project.dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('hint: The cards are: leercultuur, lezen.')
    expect(run.stderr).not.toContain(String.fromCharCode(0x1b))
  })
})

describe('pdf --themes naming a theme the card does not have', () => {
  it('is a usage error that suggests the near slug and lists the themes', async () => {
    const project = await workFolder()
    try {
      await mkdir(path.join(project.dir, 'content', 'kaart'), {recursive: true})
      await writeFile(path.join(project.dir, 'content', 'kaart', 'index.md'), '---\ntitle: Kaart\n---\n\nIntro.\n')
      await writeFile(path.join(project.dir, 'content', 'kaart', '01-voorlezen.md'), '---\ntitle: Voorlezen\nsummary: Over voorlezen.\n---\n\nTekst.\n')
      const run = await runCli(['pdf', 'kaart', '--themes', 'Voorlezen,rekenen', '--browser', '/geen/browser'], {cwd: project.dir})
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('Card `kaart` has no theme `Voorlezen`, `rekenen`')
      expect(run.stderr).toContain('hint: Did you mean `voorlezen` for `Voorlezen`? Its themes are: voorlezen.')
    } finally {
      await project.remove()
    }
  })
})
