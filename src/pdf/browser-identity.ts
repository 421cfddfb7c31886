import {realpath, stat} from 'node:fs/promises'

/**
 * What identifies a browser build without starting it: where its program
 * really is, its size and when it was changed. An update of the browser
 * changes it, so a PDF printed by another browser build is not reused.
 */
export async function browserIdentity(executablePath: string): Promise<string> {
  const real = await realpath(executablePath).catch(() => executablePath)
  const info = await stat(real).catch(() => undefined)
  return `${real}:${info?.size ?? 0}:${info?.mtimeMs ?? 0}`
}
