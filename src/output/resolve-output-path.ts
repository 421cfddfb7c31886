import {lstat, realpath} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {CliError, ExitCode} from '../errors.js'

/**
 * The real path of `given`: symbolic links resolved in the part that
 * exists (its nearest existing ancestor), the rest appended as written.
 * A broken link on the way is a usage error: writing there would replace
 * the link rather than follow it.
 */
export async function realPathOfNearest(given: string): Promise<string> {
  const missing: string[] = []
  let current = path.resolve(given)
  for (;;) {
    try {
      return path.join(await realpath(current), ...missing)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error
      if ((await lstat(current).catch(() => undefined))?.isSymbolicLink()) {
        throw new CliError(`Cannot write to ${given}: ${current} is a symbolic link to something that does not exist`, {
          exitCode: ExitCode.usage,
          hint: 'Point the link at an existing folder, remove it, or name another path.'
        })
      }
      const parent = path.dirname(current)
      if (parent === current) throw error
      missing.unshift(path.basename(current))
      current = parent
    }
  }
}

export interface OutputPathOptions {
  /** The output folder (or file) as the user gave it. */
  out: string
  /** The content folder as the user gave it (for `merge`, one of the shard folders it reads). */
  content: string
  /** What `content` is called in a refusal: `the content folder` unless told. */
  contentName?: string | undefined
  /** What `out` names, for the wording of the refusal. */
  kind: 'folder' | 'file'
}

/**
 * Resolve `--out` to its real path and refuse, whatever `--force` says,
 * any target whose replacement would destroy something: the file-system
 * root, the home folder or a folder holding it, the current folder or a
 * folder holding it, and the content folder, a folder holding it or a
 * path inside it. Paths are compared after resolving symbolic links, so a
 * link cannot smuggle the output into the content or the project.
 */
export async function resolveOutputPath(options: OutputPathOptions): Promise<string> {
  const given = path.resolve(options.out)
  const out = await realPathOfNearest(given)
  const content = await realPathOfNearest(options.content)
  const home = await realPathOfNearest(os.homedir())
  const cwd = await realPathOfNearest(process.cwd())
  const shown = out === given ? given : `${given} (really ${out})`
  const refuse = (why: string, hint = `Name a ${options.kind} of its own, such as \`--out ${options.kind === 'folder' ? 'dist' : 'kaart.pdf'}\`.`) => {
    throw new CliError(`Refusing to write the output to ${shown}: ${why}`, {exitCode: ExitCode.usage, hint})
  }
  const besideContent = options.contentName === undefined ? `Write the output beside the content, such as \`--out ${options.kind === 'folder' ? 'dist' : 'kaart.pdf'}\`.` : undefined
  if (out === path.parse(out).root) refuse('it is the root of the file system')
  if (out === home) refuse('it is your home folder')
  if (isInside(home, out)) refuse('it holds your home folder')
  if (out === cwd) refuse('it is the current folder')
  if (isInside(cwd, out)) refuse('it holds the current folder')
  const contentName = options.contentName ?? 'the content folder'
  if (out === content) refuse(`it is ${contentName}`, besideContent)
  if (isInside(content, out)) refuse(`it holds ${contentName}`, besideContent)
  if (isInside(out, content)) refuse(`it lies inside ${contentName}`, besideContent)
  return out
}

/** True when `child` lies strictly below `parent`. */
function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child)
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)
}
