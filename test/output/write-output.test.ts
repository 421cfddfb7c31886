import {existsSync} from 'node:fs'
import {readdir} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {CliError} from '../../src/errors.js'
import type {OutputFile} from '../../src/output/output-file.js'
import {OutputWrites, type InterruptOutcome} from '../../src/output/output-writes.js'
import {recoverLeftovers} from '../../src/output/recover-leftovers.js'
import {type WriteStep, writeOutput} from '../../src/output/write-output.js'
import {readTree, workFolder} from '../helpers/cli.js'

// The old and the new output share some paths and differ in others, so a
// mix of the two, or a half-written new one, is told apart from both.
const oldFiles: OutputFile[] = [
  {path: 'index.html', contents: 'old index'},
  {path: 'kaart/index.html', contents: 'old card'},
  {path: 'kaart/oud/index.html', contents: 'a theme only the old output has'}
]
const newFiles: OutputFile[] = [
  {path: 'index.html', contents: 'new index'},
  {path: 'kaart/index.html', contents: 'new card'},
  {path: 'kaart/nieuw/index.html', contents: 'a theme only the new output has'},
  {path: 'kaart/kaart.pdf', contents: new Uint8Array([37, 80, 68, 70])},
  {path: 'assets/site.css', contents: 'body{}'}
]

/** A project with a content folder and the old output in `dist`; the trees of a complete old and new output. */
async function project() {
  const {dir} = await workFolder()
  const options = {outDir: path.join(dir, 'dist'), contentDir: path.join(dir, 'content')}
  await writeOutput(newFiles, {...options, outDir: path.join(dir, 'reference-new')})
  await writeOutput(oldFiles, options)
  const oldTree = await readTree(options.outDir)
  const newTree = await readTree(path.join(dir, 'reference-new'))
  const leftovers = async () => (await readdir(dir)).filter((name) => name.includes('.tmp-') || name.includes('.old-'))
  return {dir, options, oldTree, newTree, leftovers}
}

/** Every step a write of `newFiles` passes, in order, numbered per kind: ['write-file', 1], … */
const steps: Array<[WriteStep, number]> = [
  ['write-file', 1],
  ['write-file', 3],
  ['write-file', newFiles.length],
  ['move-old-aside', 1],
  ['move-new-in', 1],
  ['remove-old', 1]
]

/** A `beforeStep` hook that acts on the n-th time `step` is reached. */
function at(step: WriteStep, nth: number, act: () => void) {
  let seen = 0
  return (current: WriteStep) => {
    if (current === step && ++seen === nth) act()
  }
}

describe('writeOutput, failing at each step', () => {
  it.each(steps)('leaves the complete old output, or the complete new one, when step %s #%i fails', async (step, nth) => {
    const {options, oldTree, newTree, leftovers} = await project()
    const beforeStep = at(step, nth, () => {
      throw new Error(`injected failure at ${step}`)
    })
    const writing = writeOutput(newFiles, {...options, beforeStep, writes: new OutputWrites()})
    if (step === 'remove-old') {
      // The new output is in place before the old one is removed: the build succeeded
      await writing
      expect(await readTree(options.outDir)).toEqual(newTree)
      // The old folder is left behind, and the next run removes it
      expect(await leftovers()).toHaveLength(1)
      await recoverLeftovers(options.outDir, {isAlive: () => false})
    } else {
      const error = await writing.then(() => undefined, (error: unknown) => error)
      expect(error).toBeInstanceOf(CliError)
      expect((error as CliError).exitCode).toBe(4)
      expect((error as CliError).message).toContain(`injected failure at ${step}`)
      expect(await readTree(options.outDir)).toEqual(oldTree)
    }
    expect(await leftovers()).toEqual([])
  })

  it('keeps the old output safe aside when putting it back fails too, and the next run restores it', async () => {
    const {options, oldTree, leftovers} = await project()
    const beforeStep = (step: WriteStep) => {
      if (step === 'move-new-in' || step === 'restore-old') throw new Error(`injected failure at ${step}`)
    }
    const error = await writeOutput(newFiles, {...options, beforeStep, writes: new OutputWrites()}).catch((error: unknown) => error)
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).hint).toMatch(/next build puts it back/)
    expect(existsSync(options.outDir)).toBe(false)
    const [aside] = await leftovers()
    expect(aside).toMatch(/^\.dist\.old-/)

    const recovered = await recoverLeftovers(options.outDir, {isAlive: () => false})
    expect(recovered.restored).toBe(path.join(path.dirname(options.outDir), aside ?? ''))
    expect(await readTree(options.outDir)).toEqual(oldTree)
    expect(await leftovers()).toEqual([])
  })

  it('leaves the old output when a file of the build cannot be written', async () => {
    // `kaart/index.html/x` cannot be written after `kaart/index.html`: a real failure, with no hook involved
    const {options, oldTree, leftovers} = await project()
    const broken = [...newFiles, {path: 'kaart/index.html/x', contents: 'x'}]
    const error = await writeOutput(broken, {...options, writes: new OutputWrites()}).catch((error: unknown) => error)
    expect((error as CliError).exitCode).toBe(4)
    expect(await readTree(options.outDir)).toEqual(oldTree)
    expect(await leftovers()).toEqual([])
  })
})

describe('writeOutput, interrupted at each step', () => {
  // What the Ctrl-C handler does: stop the writes, and wait until they settle
  const expected: Record<WriteStep, InterruptOutcome> = {
    'write-file': 'unchanged',
    'move-old-aside': 'unchanged',
    'move-new-in': 'replaced',
    'restore-old': 'unchanged',
    'remove-old': 'replaced'
  }

  it.each(steps)('has the complete old or the complete new output once an interrupt at %s #%i has settled', async (step, nth) => {
    const {options, oldTree, newTree, leftovers} = await project()
    const writes = new OutputWrites()
    let interrupt: Promise<InterruptOutcome> | undefined
    const beforeStep = at(step, nth, () => {
      interrupt = writes.stop()
    })
    const written = await writeOutput(newFiles, {...options, beforeStep, writes}).then(
      () => 'written',
      (error: unknown) => (error as Error).name
    )
    const outcome = await interrupt
    expect(outcome).toBe(expected[step])
    expect(written).toBe(outcome === 'replaced' ? 'written' : 'WriteInterrupted')
    expect(await readTree(options.outDir)).toEqual(outcome === 'replaced' ? newTree : oldTree)
    expect(await leftovers()).toEqual([])
  })

  it('writes nothing once an interrupt came before the write began', async () => {
    const {options, oldTree, leftovers} = await project()
    const writes = new OutputWrites()
    expect(await writes.stop()).toBe('unchanged')
    await expect(writeOutput(newFiles, {...options, writes})).rejects.toThrow(/interrupted/)
    expect(await readTree(options.outDir)).toEqual(oldTree)
    expect(await leftovers()).toEqual([])
  })
})

describe('writeOutput with keepPrevious', () => {
  it('carries over the kept files of the previous output byte for byte, and drops the rest', async () => {
    const {options} = await project()
    await writeOutput([{path: 'kaart/index.html', contents: 'rebuilt'}], {
      ...options,
      keepPrevious: (file) => !file.startsWith('kaart/'),
      writes: new OutputWrites()
    })
    const tree = await readTree(options.outDir)
    expect([...tree.keys()]).toEqual(['.kenniskaart-output', 'index.html', 'kaart/index.html'])
    expect(tree.get('index.html')?.toString()).toBe('old index')
    expect(tree.get('kaart/index.html')?.toString()).toBe('rebuilt')
  })
})

describe('the staged output, read back', () => {
  it('gives the files written so far and those carried over, in path order, or only those asked for', async () => {
    const {options} = await project()
    const {openOutput} = await import('../../src/output/write-output.js')
    const {isPage} = await import('../../src/site/site-wide.js')
    const output = await openOutput({...options, keepPrevious: (file) => file.startsWith('kaart/oud/')})
    for (const file of newFiles) await output.write(file)
    await output.carryOver()
    const paths = async (only?: (file: string) => boolean) => {
      const read: string[] = []
      for await (const file of output.staged(only)) read.push(file.path)
      return read
    }
    expect(await paths()).toEqual(['assets/site.css', 'index.html', 'kaart/index.html', 'kaart/kaart.pdf', 'kaart/nieuw/index.html', 'kaart/oud/index.html'])
    expect(await paths(isPage)).toEqual(['index.html', 'kaart/index.html', 'kaart/nieuw/index.html', 'kaart/oud/index.html'])
    await output.abandon().catch(() => undefined)
  })
})
