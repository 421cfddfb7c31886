import {lstat, mkdir, readFile, readdir, readlink, realpath, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {PDFDocument} from 'pdf-lib'
import {describe, expect, it} from 'vitest'
import type {CliError} from '../../src/errors.js'
import {OutputWrites} from '../../src/output/output-writes.js'
import {checkPdfTarget, isKenniskaartPdf, writePdfFile} from '../../src/output/write-pdf-file.js'
import {workFolder} from '../helpers/cli.js'

async function pdf(producer: string): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  document.addPage()
  document.setProducer(producer)
  return document.save()
}

async function project() {
  const {dir} = await workFolder()
  await mkdir(path.join(dir, 'content/kaart'), {recursive: true})
  await writeFile(path.join(dir, 'content/kaart/01-een.md'), '# Een\n')
  await writeFile(path.join(dir, 'notes.txt'), 'mine')
  await writeFile(path.join(dir, 'ours.pdf'), await pdf('kenniskaart (Chromium, pdf-lib)'))
  await writeFile(path.join(dir, 'theirs.pdf'), await pdf('LibreOffice'))
  await writeFile(path.join(dir, 'fake.pdf'), '%PDF-1.7 kenniskaart, but not a PDF')
  return dir
}

/** The real path `checkPdfTarget` returns, or the error it throws. */
const check = (dir: string, out: string, force = false) =>
  checkPdfTarget({out: path.join(dir, out), content: path.join(dir, 'content'), force}).catch((error: unknown) => error as CliError)
const refusal = async (dir: string, out: string, force = false) => (await check(dir, out, force)) as CliError

describe('isKenniskaartPdf', () => {
  it.each([
    ['ours.pdf', true],
    ['theirs.pdf', false],
    ['fake.pdf', false],
    ['notes.txt', false]
  ])('tells whether %s was written by kenniskaart: %s', async (file, expected) => {
    const dir = await project()
    const full = path.join(dir, file)
    expect(await isKenniskaartPdf(full, (await lstat(full)).size)).toBe(expected)
  })
})

describe('checkPdfTarget', () => {
  it.each(['notes.txt', 'theirs.pdf', 'fake.pdf'])('refuses to replace %s without --force, with exit 2', async (file) => {
    const error = await refusal(await project(), file)
    expect(error).toMatchObject({exitCode: 2, message: expect.stringContaining('not a PDF written by kenniskaart') as unknown})
    expect(error.hint).toContain('--force')
  })

  it('replaces a PDF of its own, a new file, and with --force a file of someone else', async () => {
    const dir = await project()
    expect(await check(dir, 'ours.pdf')).toBe(path.join(await realpath(dir), 'ours.pdf'))
    expect(typeof (await check(dir, 'new/kaart.pdf'))).toBe('string')
    expect(typeof (await check(dir, 'notes.txt', true))).toBe('string')
  })

  it('refuses, even with --force, a file in the content folder and a folder', async () => {
    const dir = await project()
    expect((await refusal(dir, 'content/kaart/01-een.md', true)).message).toContain('inside the content folder')
    await mkdir(path.join(dir, 'folder.pdf'))
    expect((await refusal(dir, 'folder.pdf', true)).message).toContain('it is a folder')
  })
})

describe('writePdfFile', () => {
  it('writes through a link to a PDF: the link stays, its target is replaced, nothing is left beside it', async () => {
    const dir = await project()
    await symlink(path.join(dir, 'ours.pdf'), path.join(dir, 'latest.pdf'))
    const target = await checkPdfTarget({out: path.join(dir, 'latest.pdf'), content: path.join(dir, 'content'), force: false})
    const bytes = await pdf('kenniskaart (Chromium, pdf-lib)')
    await writePdfFile(target, bytes, new OutputWrites())
    expect(await readlink(path.join(dir, 'latest.pdf'))).toBe(path.join(dir, 'ours.pdf'))
    expect(new Uint8Array(await readFile(path.join(dir, 'ours.pdf')))).toEqual(bytes)
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([])
  })
})
