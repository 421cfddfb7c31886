import path from 'node:path'
import {CliError, ExitCode} from '../errors.js'

/**
 * A failed write as a CliError: a name that is taken is a problem in the
 * call (exit 2); anything else (no permission, a full disk, a read-only
 * file system) is the environment's (exit 4). Never a stack trace.
 */
export function writeError(error: unknown, where: string): CliError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const at = (error as NodeJS.ErrnoException | undefined)?.path
  const shown = at === undefined ? where : path.relative(process.cwd(), at) || '.'
  if (code === 'EEXIST' || code === 'ENOTEMPTY') {
    return new CliError(`${shown} exists already; kenniskaart never overwrites a file or folder`, {
      exitCode: ExitCode.usage,
      hint: 'Choose another name, or move the existing one away first.',
      cause: error
    })
  }
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'the operation is not permitted',
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ENAMETOOLONG: 'the name is too long for the file system'
  }
  const reason = (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error))
  return new CliError(`Cannot write ${shown}: ${reason}`, {
    exitCode: ExitCode.environment,
    hint: 'Nothing was made. Check that the folder exists and that you may write there, then run the command again.',
    cause: error
  })
}
