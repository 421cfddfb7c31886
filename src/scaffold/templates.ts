import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The scaffolding templates: real files in `templates/` at the package root,
 * so the example card is ordinary content that `kenniskaart check` and
 * `build` read as they are, and an editor can change it without TypeScript.
 */
export const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url))

/** A file to make, by its path relative to the folder it goes into (POSIX separators). */
export interface NewFile {
  path: string
  contents: string | Uint8Array
}

/**
 * npm leaves `.gitignore` out of a published package (and renames it), so
 * templates keep such files without their dot; they get it when written.
 */
const dotlessNames = new Map([['gitignore', '.gitignore']])

/** Every file below a template folder, with its bytes, in a stable order. */
export async function readTemplateFolder(name: string): Promise<NewFile[]> {
  const root = path.join(templatesDir, name)
  const entries = await readdir(root, {recursive: true, withFileTypes: true})
  const files: NewFile[] = []
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    const relative = path.relative(root, full).split(path.sep)
    relative[relative.length - 1] = dotlessNames.get(entry.name) ?? entry.name
    files.push({path: relative.join('/'), contents: await readFile(full)})
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** One template file as text. */
export async function readTemplate(name: string): Promise<string> {
  return readFile(path.join(templatesDir, name), 'utf8')
}

/**
 * Put values into a template's `{{name}}` places. Every place must have a
 * value and every value a place, so a renamed place cannot go unnoticed.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  const used = new Set<string>()
  const filled = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`The template has a place {{${name}}} without a value`)
    used.add(name)
    return value
  })
  const unused = Object.keys(values).filter((name) => !used.has(name))
  if (unused.length > 0) throw new Error(`The template has no place for ${unused.join(', ')}`)
  return filled
}

/**
 * A text as a YAML double-quoted scalar. A JSON string is one (YAML 1.2
 * reads JSON), with every quote, backslash and control character escaped.
 */
export function yamlString(text: string): string {
  return JSON.stringify(text)
}
