import type {Stats} from 'node:fs'
import {realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import {watch} from 'chokidar'

/** Names no build reads, that editors and tools write all the time: their changes are ignored. */
const ignoredNames = /^(?:\.git|node_modules|\.DS_Store|4913)$|~$|\.sw[a-p]$|^\.#/

/**
 * chokidar passes on one change of a file per 50 ms and drops the rest (it
 * throttles without a trailing call): a second save soon after the first,
 * a formatter's rewrite, an undo, would go unseen. So each changed file is
 * looked at again this long after its last change, and reported again if
 * its size or time moved meanwhile.
 */
const recheckMs = 80

/**
 * Watch folders (the content, the visual themes beside it) and call back
 * with each file added, changed or removed. A folder that does not exist
 * yet is watched for when it appears. A watcher's error (out of watches,
 * a folder that cannot be read) goes to `onError`, and watching goes on.
 */
export async function watchContent(folders: string[], onChange: (file: string) => void, onError: (error: Error) => void): Promise<{close(): Promise<void>}> {
  // chokidar does not wait for a folder that is not there: their common parent is watched, and only they below it.
  // Links are not followed (a loop, or a link to a large folder, would be crawled without end), and the
  // build reads nothing a link leads to outside these folders; a folder that is itself a link is watched where it leads
  folders = await Promise.all(folders.map((folder) => realpath(folder).catch(() => path.resolve(folder))))
  const root = commonParent(folders)
  const wanted = (file: string) => file === root || folders.some((folder) => file === folder || file.startsWith(folder + path.sep) || folder.startsWith(file + path.sep))
  const watcher = watch(root, {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (file) => !wanted(path.resolve(file)) || ignoredNames.test(path.basename(file))
  })
  const seen = new Map<string, string>()
  let closed = false
  const rechecks = new Map<string, NodeJS.Timeout>()
  const recheckLater = (file: string) => {
    clearTimeout(rechecks.get(file))
    rechecks.set(
      file,
      setTimeout(() => {
        rechecks.delete(file)
        void stat(file).then(signature, () => 'gone').then((now) => {
          if (now !== seen.get(file)) changed(file)
        })
      }, recheckMs)
    )
  }
  const changed = (file: string) => {
    void stat(file).then(signature, () => 'gone').then((now) => {
      if (closed) return
      seen.set(file, now)
      onChange(file)
      recheckLater(file)
    })
  }
  // chokidar reports the links it finds while it first reads the folders, ignoreInitial or not: those are no changes
  let ready = false
  watcher.on('all', (_event, file) => ready && changed(file))
  // Out of watches (inotify's limit), a folder that cannot be read: said, and the server goes on
  watcher.on('error', (error) => onError(error instanceof Error ? error : new Error(String(error))))
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  ready = true
  return {
    close: async () => {
      closed = true
      for (const timer of rechecks.values()) clearTimeout(timer)
      rechecks.clear()
      await watcher.close()
    }
  }
}

/** The deepest folder that holds all of these (absolute) folders. */
function commonParent(folders: string[]): string {
  let parent = path.dirname(path.resolve(folders[0]!))
  while (!folders.every((folder) => path.resolve(folder).startsWith(parent === path.parse(parent).root ? parent : parent + path.sep))) parent = path.dirname(parent)
  return parent
}

/** What tells one version of a file from the next without reading it. */
function signature(stats: Stats): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ino}`
}
