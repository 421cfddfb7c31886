import {existsSync} from 'node:fs'
import {mkdir, readdir, rename, rm, stat, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {CliError, ExitCode} from '../errors.js'
import type {OutputFile} from './output-file.js'

/** A file kenniskaart leaves in every output folder, to know it is its own. */
export const outputMarker = '.kenniskaart-output'

export interface WriteOptions {
  outDir: string
  contentDir: string
  /** Overwrite a non-empty folder that kenniskaart did not make. */
  force?: boolean
}

/**
 * Refuse output folders whose replacement would destroy something: the file
 * system root, the home folder, the project itself, the content, or a folder
 * of someone else's.
 */
export async function checkOutputDir(options: WriteOptions): Promise<void> {
  const outDir = path.resolve(options.outDir)
  const contentDir = path.resolve(options.contentDir)
  const refuse = (why: string, hint: string) => {
    throw new CliError(`Refusing to write the output to ${outDir}: ${why}`, {exitCode: ExitCode.usage, hint})
  }
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep)
  if (outDir === path.parse(outDir).root) refuse('it is the root of the file system', 'Name a folder of its own, such as `--out dist`.')
  if (outDir === os.homedir()) refuse('it is your home folder', 'Name a folder of its own, such as `--out dist`.')
  if (outDir === process.cwd()) refuse('it is the current folder', 'Name a folder of its own, such as `--out dist`.')
  if (outDir === contentDir) refuse('it is the content folder', 'Write the output beside the content, such as `--out dist`.')
  if (inside(contentDir, outDir)) refuse('it holds the content folder', 'Write the output beside the content, such as `--out dist`.')
  if (inside(outDir, contentDir)) refuse('it lies inside the content folder', 'Write the output beside the content, such as `--out dist`.')
  if (!existsSync(outDir) || options.force) return
  const info = await stat(outDir)
  if (!info.isDirectory()) refuse('it is a file', 'Name a folder.')
  const entries = await readdir(outDir)
  if (entries.length > 0 && !entries.includes(outputMarker)) {
    refuse('the folder is not empty and was not made by kenniskaart', 'Choose an empty folder, or pass `--force` to replace it.')
  }
}

/**
 * Write a build's files to the output folder atomically: everything goes to
 * a fresh folder beside it, which replaces the old one only when complete.
 * A failed or interrupted write leaves the previous output as it was.
 */
export async function writeOutput(files: OutputFile[], options: WriteOptions): Promise<void> {
  await checkOutputDir(options)
  const outDir = path.resolve(options.outDir)
  const parent = path.dirname(outDir)
  const stamp = `${process.pid}-${Date.now().toString(36)}`
  const staging = path.join(parent, `.${path.basename(outDir)}.tmp-${stamp}`)
  const previous = path.join(parent, `.${path.basename(outDir)}.old-${stamp}`)
  stagingFolders.add(staging)
  try {
    await mkdir(staging, {recursive: true})
    await writeFile(path.join(staging, outputMarker), 'This folder is written by kenniskaart and replaced on every build.\n')
    for (const file of files) {
      const target = path.join(staging, ...file.path.split('/'))
      await mkdir(path.dirname(target), {recursive: true})
      await writeFile(target, file.contents)
    }
    const hadPrevious = existsSync(outDir)
    if (hadPrevious) await rename(outDir, previous)
    try {
      await rename(staging, outDir)
    } catch (error) {
      if (hadPrevious) await rename(previous, outDir)
      throw error
    }
    stagingFolders.delete(staging)
    if (hadPrevious) await rm(previous, {recursive: true, force: true})
  } catch (error) {
    await rm(staging, {recursive: true, force: true})
    stagingFolders.delete(staging)
    if (error instanceof CliError) throw error
    throw new CliError(`Cannot write the output to ${outDir}: ${(error as Error).message}`, {
      hint: 'Check that the folder is writable and the disk is not full.',
      cause: error
    })
  }
}

const stagingFolders = new Set<string>()

/** Remove unfinished staging folders; called when the process is interrupted. */
export async function removeStagingFolders(): Promise<void> {
  await Promise.all([...stagingFolders].map((folder) => rm(folder, {recursive: true, force: true})))
  stagingFolders.clear()
}
