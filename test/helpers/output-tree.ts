import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'

/** Every file below a folder, by POSIX path, with its bytes: two output trees compare with `toEqual`. */
export async function outputTree(dir: string): Promise<Map<string, Buffer>> {
  const tree = new Map<string, Buffer>()
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  for (const entry of entries.filter((entry) => !entry.isDirectory()).sort((a, b) => (a.parentPath + a.name < b.parentPath + b.name ? -1 : 1))) {
    const full = path.join(entry.parentPath, entry.name)
    tree.set(path.relative(dir, full).split(path.sep).join('/'), await readFile(full))
  }
  return tree
}

/** The paths on which two trees differ: missing on one side, or other bytes. */
export function treeDifferences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort()
  return paths.filter((file) => {
    const left = a.get(file)
    const right = b.get(file)
    return !left || !right || !left.equals(right)
  })
}
