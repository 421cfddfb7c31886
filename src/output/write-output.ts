import {mkdirSync, writeFileSync} from 'node:fs'
import {mkdir, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {CliError, ExitCode} from '../errors.js'
import {type OutputFile, outputMarker} from './output-file.js'
import {type OutputWrites, processWrites, WriteInterrupted} from './output-writes.js'
import {leftoverPath} from './recover-leftovers.js'
import {resolveOutputPath} from './resolve-output-path.js'
import {type SwapStep, swapFolder} from './swap-folder.js'

export {outputMarker}

/** The steps of a write: one per file written to the new folder, then the swap's. */
export type WriteStep = 'write-file' | SwapStep

export interface WriteOptions {
  outDir: string
  contentDir: string
  /** What `contentDir` is called in a refusal (see `resolveOutputPath`). */
  contentName?: string | undefined
  /** Overwrite a non-empty folder that kenniskaart did not make. */
  force?: boolean
  /**
   * Files of the previous output to carry over, byte for byte, unless the
   * build wrote a file of the same path (`build --card` keeps the other cards).
   */
  keepPrevious?: ((relativePath: string) => boolean) | undefined
  /** Runs before each step; tests throw here, or interrupt, to prove each step safe. */
  beforeStep?: ((step: WriteStep) => void | Promise<void>) | undefined
  /** The writes an interrupt stops; the process's own by default. */
  writes?: OutputWrites
}

/**
 * Check `--out` and return its real path: the refusals of
 * `resolveOutputPath`, then, unless `--force`, a file or a non-empty folder
 * that kenniskaart did not make. A symbolic link to a folder is followed:
 * the folder it points to is the output, and the link stays.
 */
export async function checkOutputDir(options: Pick<WriteOptions, 'outDir' | 'contentDir' | 'contentName' | 'force'>): Promise<string> {
  const outDir = await resolveOutputPath({out: options.outDir, content: options.contentDir, contentName: options.contentName, kind: 'folder'})
  const info = await stat(outDir).catch(() => undefined)
  if (!info || options.force) return outDir
  const refuse = (why: string, hint: string) => {
    throw new CliError(`Refusing to write the output to ${outDir}: ${why}`, {exitCode: ExitCode.usage, hint})
  }
  if (!info.isDirectory()) refuse('it is a file', 'Name a folder, or pass `--force` to replace the file.')
  const entries = await readdir(outDir)
  if (entries.length > 0 && !entries.includes(outputMarker)) {
    refuse('the folder is not empty and was not made by kenniskaart', 'Choose an empty folder, or pass `--force` to replace it.')
  }
  return outDir
}

/** A new output being written, file by file, beside the previous one. */
export interface OutputStaging {
  /** Write one file of the new output. */
  write(file: OutputFile): Promise<void>
  /** Carry over what is kept of the previous output (`keepPrevious`) now; `commit` does it otherwise. */
  carryOver(): Promise<void>
  /** Every file of the new output so far (or those `only` accepts), read back one at a time (the marker left out), in path order. */
  staged(only?: (relativePath: string) => boolean): AsyncIterable<OutputFile>
  /** Carry over what is kept of the previous output, then put the new output in its place. */
  commit(): Promise<void>
  /** Throw the new output away: the previous one stays as it was. */
  abandon(): Promise<void>
}

/**
 * Write a build's files to the output folder: everything goes to a fresh
 * folder beside it, which replaces the old one only when complete (see
 * `swapFolder`). A failed or interrupted write leaves the previous output
 * as it was; failures are a `CliError` with exit 4.
 */
export async function writeOutput(files: OutputFile[], options: WriteOptions): Promise<void> {
  const output = await openOutput(options)
  try {
    for (const file of files) await output.write(file)
  } catch (error) {
    await output.abandon()
    throw error
  }
  await output.commit()
}

/**
 * Start a new output: files are written to a fresh folder beside `outDir`
 * as the build makes them, so it never holds the whole site in memory.
 * Nothing of the previous output changes until `commit`; an interrupt
 * stops the write at its next file, and the caller then abandons it.
 */
export async function openOutput(options: WriteOptions): Promise<OutputStaging> {
  const writes = options.writes ?? processWrites
  const outDir = await checkOutputDir(options)
  const staging = leftoverPath(outDir, 'tmp')
  const written = new Set<string>()
  const folders = new Set<string>()
  let settle!: (outcome: 'committed' | 'abandoned') => void
  // The interrupt handler waits until the write has been committed (the new output is in place) or abandoned
  const settled = new Promise<void>((resolve, reject) => (settle = (outcome) => (outcome === 'committed' ? resolve() : reject(new WriteInterrupted()))))
  writes.checkNotStopped()
  void writes.run(() => settled).catch(() => undefined)

  const failure = (error: unknown) => {
    if (error instanceof CliError || error instanceof WriteInterrupted) return error
    return new CliError(`Cannot write the output to ${outDir}: ${(error as Error).message}`, {
      hint: 'Check that the folder and the one holding it are writable and the disk is not full. The previous output is unchanged.',
      cause: error
    })
  }
  const writeFileAt = async (relative: string, contents: () => Promise<string | Uint8Array>) => {
    writes.checkNotStopped()
    await options.beforeStep?.('write-file')
    const target = path.join(staging, ...relative.split('/'))
    const folder = path.dirname(target)
    if (!folders.has(folder)) {
      mkdirSync(folder, {recursive: true})
      folders.add(folder)
    }
    // Synchronous: thousands of small files, each written in microseconds; a promise would cost more than the write
    writeFileSync(target, await contents())
  }
  const abandon = async () => {
    await rm(staging, {recursive: true, force: true})
    settle('abandoned')
  }

  try {
    await mkdir(staging, {recursive: true})
    await writeFile(path.join(staging, outputMarker), 'This folder is written by kenniskaart and replaced on every build.\n')
  } catch (error) {
    await abandon()
    throw failure(error)
  }
  let carriedOver = false
  const carryOver = async () => {
    if (carriedOver || !options.keepPrevious) return
    carriedOver = true
    for (const relative of await previousFiles(outDir)) {
      if (written.has(relative) || relative === outputMarker || !options.keepPrevious(relative)) continue
      written.add(relative)
      await writeFileAt(relative, () => readFile(path.join(outDir, ...relative.split('/'))))
    }
  }
  return {
    async write(file) {
      written.add(file.path)
      await writeFileAt(file.path, async () => file.contents).catch((error: unknown) => {
        throw failure(error)
      })
    },
    async carryOver() {
      await carryOver().catch((error: unknown) => {
        throw failure(error)
      })
    },
    async *staged(only) {
      for (const relative of [...written].sort()) {
        if (only && !only(relative)) continue
        yield {path: relative, contents: await readFile(path.join(staging, ...relative.split('/')))}
      }
    },
    async commit() {
      try {
        await carryOver()
        await swapFolder({staging, target: outDir, previous: leftoverPath(outDir, 'old'), writes, beforeStep: options.beforeStep})
        settle('committed')
      } catch (error) {
        await abandon()
        throw failure(error)
      }
    },
    abandon
  }
}

/** The regular files of the previous output, as POSIX paths; links and the like are not carried over. */
async function previousFiles(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, {recursive: true, withFileTypes: true}).catch(() => [])
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
}
