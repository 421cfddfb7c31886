/**
 * The output guards, in-process: `--out` that is a file, a foreign folder or
 * a non-regular file is refused with exit 2 unless forced, and a PDF is
 * really written. The CLI tests check the same, but they run the compiled
 * lib/; these fail when src/output/ breaks (found by mutation testing).
 */
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import {execFileSync} from 'node:child_process'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {CliError, ExitCode} from '../../src/errors.js'
import {OutputWrites} from '../../src/output/output-writes.js'
import {checkOutputDir, outputMarker, writeOutput} from '../../src/output/write-output.js'
import {checkPdfTarget, writePdfFile} from '../../src/output/write-pdf-file.js'
import {readTree, workFolder} from '../helpers/cli.js'

async function project() {
  const {dir} = await workFolder()
  await mkdir(path.join(dir, 'content'))
  return {dir, content: path.join(dir, 'content')}
}

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as CliError)

describe('checkOutputDir', () => {
  it('refuses a file, and a non-empty folder kenniskaart did not make, with exit 2 and a hint', async () => {
    const {dir, content} = await project()
    await writeFile(path.join(dir, 'file'), 'mine')
    await mkdir(path.join(dir, 'foreign'))
    await writeFile(path.join(dir, 'foreign', 'notes.txt'), 'mine')
    const asFile = await failure(checkOutputDir({outDir: path.join(dir, 'file'), contentDir: content}))
    expect(asFile).toBeInstanceOf(CliError)
    expect([asFile?.message, asFile?.exitCode, asFile?.hint]).toEqual([
      `Refusing to write the output to ${path.join(dir, 'file')}: it is a file`,
      ExitCode.usage,
      'Name a folder, or pass `--force` to replace the file.'
    ])
    const foreign = await failure(checkOutputDir({outDir: path.join(dir, 'foreign'), contentDir: content}))
    expect([foreign?.message, foreign?.exitCode, foreign?.hint]).toEqual([
      `Refusing to write the output to ${path.join(dir, 'foreign')}: the folder is not empty and was not made by kenniskaart`,
      ExitCode.usage,
      'Choose an empty folder, or pass `--force` to replace it.'
    ])
  })

  it('accepts a new path, an empty folder, its own output, and with --force anything', async () => {
    const {dir, content} = await project()
    await mkdir(path.join(dir, 'empty'))
    await mkdir(path.join(dir, 'own'))
    await writeFile(path.join(dir, 'own', outputMarker), '')
    await writeFile(path.join(dir, 'own', 'index.html'), '')
    await mkdir(path.join(dir, 'foreign'))
    await writeFile(path.join(dir, 'foreign', 'notes.txt'), 'mine')
    await writeFile(path.join(dir, 'file'), 'mine')
    for (const name of ['new', 'empty', 'own']) expect(await checkOutputDir({outDir: path.join(dir, name), contentDir: content})).toBe(path.join(dir, name))
    for (const name of ['foreign', 'file']) expect(await checkOutputDir({outDir: path.join(dir, name), contentDir: content, force: true})).toBe(path.join(dir, name))
  })
})

describe('writeOutput', () => {
  it('writes the marker and every file, in new folders as needed, and with --force replaces a foreign folder', async () => {
    const {dir, content} = await project()
    const outDir = path.join(dir, 'site')
    await mkdir(outDir)
    await writeFile(path.join(outDir, 'notes.txt'), 'mine')
    await writeOutput([{path: 'a/b/c.html', contents: 'deep'}, {path: 'index.html', contents: 'top'}], {outDir, contentDir: content, force: true, writes: new OutputWrites()})
    const tree = await readTree(outDir)
    expect([...tree.keys()]).toEqual([outputMarker, 'a/b/c.html', 'index.html'])
    expect(tree.get('a/b/c.html')?.toString()).toBe('deep')
    expect(tree.get(outputMarker)?.toString()).toMatch(/written by kenniskaart/)
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-') || name.includes('.old-'))).toEqual([])
  })

  it('does not carry over a kept file the build wrote anew, nor the old marker', async () => {
    const {dir, content} = await project()
    const outDir = path.join(dir, 'site')
    const options = {outDir, contentDir: content, writes: new OutputWrites()}
    await writeOutput([{path: 'a.html', contents: 'old a'}, {path: 'b.html', contents: 'old b'}], options)
    await writeOutput([{path: 'a.html', contents: 'new a'}], {...options, keepPrevious: () => true})
    const tree = await readTree(outDir)
    expect([...tree.keys()]).toEqual([outputMarker, 'a.html', 'b.html'])
    expect([tree.get('a.html')?.toString(), tree.get('b.html')?.toString()]).toEqual(['new a', 'old b'])
  })
})

describe('checkPdfTarget', () => {
  it('refuses a target that is neither a file nor a folder, with exit 2', async () => {
    const {dir, content} = await project()
    const fifo = path.join(dir, 'pipe.pdf')
    execFileSync('mkfifo', [fifo])
    const error = await failure(checkPdfTarget({out: fifo, content, force: true}))
    expect([error?.message, error?.exitCode, error?.hint]).toEqual([
      `Refusing to write the PDF to ${fifo}: it is not a regular file`,
      ExitCode.usage,
      'Name a file, such as `--out kaart.pdf`.'
    ])
  })
})

describe('writePdfFile', () => {
  it('replaces the file with the new bytes, making the folder it needs, and leaves nothing beside it', async () => {
    const {dir} = await project()
    const target = path.join(dir, 'out', 'kaart.pdf')
    await writePdfFile(target, 'first', new OutputWrites())
    await writePdfFile(target, 'second', new OutputWrites())
    expect(await readFile(target, 'utf8')).toBe('second')
    expect(await readdir(path.dirname(target))).toEqual(['kaart.pdf'])
  })

  it('fails with a CliError naming the target when it cannot write, and leaves no temporary file', async () => {
    const {dir} = await project()
    const target = path.join(dir, 'kaart.pdf')
    await mkdir(target)
    await writeFile(path.join(target, 'x'), '')
    const error = await failure(writePdfFile(target, 'bytes', new OutputWrites()))
    expect(error).toBeInstanceOf(CliError)
    expect(error?.message).toMatch(new RegExp(`^Cannot write ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `))
    expect(error?.hint).toBe('Check that the folder is writable.')
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([])
  })
})
