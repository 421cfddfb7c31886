import {randomBytes} from 'node:crypto'
import {chmod, link, lstat, mkdir, readdir, rename, rm, rmdir, stat, unlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {NewFile} from './templates.js'

/**
 * Write new files into a folder that does not exist yet, or into one that
 * holds none of their names, never replacing anything. The files are
 * written into a staging folder first and then moved into place by
 * renames, so a failure halfway (a full disk, Ctrl-C) leaves no half-made
 * card or project: what was moved is taken back and the staging folder is
 * removed.
 *
 * A missing target is staged beside it (`.<name>.kenniskaart-new-…`) and
 * renamed into place as a whole. An existing target is staged inside
 * itself (`.kenniskaart-new-…`: its parent may not be writable) and each
 * top-level entry is moved in with a check that its name is still free.
 */
export async function writeNewFiles(target: string, files: readonly NewFile[]): Promise<void> {
  const exists = (await lstat(target).catch(() => undefined)) !== undefined
  if (!exists) {
    const parent = path.dirname(target)
    await mkdir(parent, {recursive: true})
    const stage = await makeStage(parent, `.${path.basename(target)}.kenniskaart-new-`)
    try {
      await writeInto(stage, files)
      await rename(stage, target)
    } catch (error) {
      await rm(stage, {recursive: true, force: true})
      throw error
    }
    return
  }

  const stage = await makeStage(target, '.kenniskaart-new-')
  const moved: string[] = []
  try {
    await writeInto(stage, files)
    for (const name of await readdir(stage)) {
      const destination = path.join(target, name)
      if ((await lstat(destination).catch(() => undefined)) !== undefined) {
        throw Object.assign(new Error(`${destination} appeared while the new files were written`), {code: 'EEXIST', path: destination})
      }
      await rename(path.join(stage, name), destination)
      moved.push(destination)
    }
    await rmdir(stage)
  } catch (error) {
    for (const destination of moved.reverse()) await rm(destination, {recursive: true, force: true})
    await rm(stage, {recursive: true, force: true})
    throw error
  }
}

/**
 * A fresh staging folder. Not `mkdtemp`: its folder is private (0700) and
 * would stay so after the rename; `mkdir` gives the user's usual mode.
 */
async function makeStage(parent: string, prefix: string): Promise<string> {
  const stage = path.join(parent, `${prefix}${randomBytes(6).toString('hex')}`)
  await mkdir(stage)
  return stage
}

/** Write the files below a fresh folder; `wx`: never over an existing file. */
async function writeInto(folder: string, files: readonly NewFile[]): Promise<void> {
  for (const file of files) {
    const destination = path.join(folder, ...file.path.split('/'))
    await mkdir(path.dirname(destination), {recursive: true})
    await writeFile(destination, file.contents, {flag: 'wx'})
  }
}

/**
 * Replace one file's text by writing a sibling and renaming it over the
 * file: a reader sees the old text or the new one, never half of it. The
 * file keeps its permissions.
 */
export async function replaceFileText(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.kenniskaart-${randomBytes(6).toString('hex')}`)
  try {
    const {mode} = await stat(file)
    await writeFile(temporary, text, {flag: 'wx'})
    await chmod(temporary, mode & 0o7777)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}

/**
 * Make a new file with its whole text, or nothing: the text is written to
 * a sibling first and then hard-linked to its name, which fails when the
 * name is taken (no overwrite, even by a file made a moment ago). Where a
 * file system has no hard links, the sibling is renamed after a check.
 */
export async function createFile(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.kenniskaart-${randomBytes(6).toString('hex')}`)
  try {
    await writeFile(temporary, text, {flag: 'wx'})
    try {
      await link(temporary, file)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error
      if ((await lstat(file).catch(() => undefined)) !== undefined) throw Object.assign(new Error(`${file} exists`), {code: 'EEXIST', path: file})
      await rename(temporary, file)
    }
  } finally {
    await unlink(temporary).catch(() => undefined)
  }
}
