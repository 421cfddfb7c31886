import {mkdtempSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/** Folders made in the temp folder by this test file and not removed yet. */
const made = new Set<string>()

/** A fresh folder in the system's temp folder, removed after the test file at the latest (see `removeTempFolders`). */
export async function tempFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  made.add(dir)
  return dir
}

/** `tempFolder`, synchronously. */
export function tempFolderSync(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  made.add(dir)
  return dir
}

/** Remove one such folder now. */
export async function removeTempFolder(dir: string): Promise<void> {
  made.delete(dir)
  await rm(dir, {recursive: true, force: true, maxRetries: 3})
}

/** Remove every folder the test file left (run after each file by test/helpers/remove-work-folders.ts). */
export async function removeTempFolders(): Promise<void> {
  const left = [...made]
  made.clear()
  await Promise.all(left.map((dir) => rm(dir, {recursive: true, force: true, maxRetries: 3})))
}
