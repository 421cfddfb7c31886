import {statSync} from 'node:fs'
import path from 'node:path'

/**
 * A content folder that is not there, looked for in the folders above the
 * current one (up to the nearest project, the folder with a package.json):
 * kenniskaart run from a sub-folder of a project finds the project's
 * `content/` there. Returns its path relative to the current folder, or
 * undefined when the name was absolute or nothing above has it.
 */
export function contentFolderAbove(contentDir: string, cwd = process.cwd()): string | undefined {
  if (path.isAbsolute(contentDir)) return undefined
  let folder = path.resolve(cwd)
  for (;;) {
    const parent = path.dirname(folder)
    if (parent === folder || isFile(path.join(folder, 'package.json'))) return undefined
    folder = parent
    if (isFolder(path.join(folder, contentDir))) return path.relative(cwd, path.join(folder, contentDir))
  }
}

function isFolder(candidate: string): boolean {
  return statSync(candidate, {throwIfNoEntry: false})?.isDirectory() ?? false
}

function isFile(candidate: string): boolean {
  return statSync(candidate, {throwIfNoEntry: false})?.isFile() ?? false
}
