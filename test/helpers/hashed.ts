import type {OutputFile} from '../../src/output/output-file.js'

/** An asset's name without the content hash `hashedName` put in it: `a/site.3f9a01c2d4.css` → `a/site.css`. */
export function unhashed(filePath: string): string {
  return filePath.replace(/\.[\da-f]{10}(\.[^./]+)$/, '$1')
}

/** The path an asset was published under, found by its name before hashing; throws when there is not exactly one. */
export function hashedPath(files: ReadonlyArray<OutputFile | string>, original: string): string {
  const found = files.map((file) => (typeof file === 'string' ? file : file.path)).filter((file) => file !== original && unhashed(file) === original)
  if (found.length !== 1) throw new Error(`Expected one hashed file for ${original}, found ${found.length}: ${found.join(', ')}`)
  return found[0]!
}
