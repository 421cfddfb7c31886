import {lstat, readdir} from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'
import {CliError, ExitCode, type ExitCodeValue} from '../errors.js'
import {madeReport, shellWord, shownPath} from '../scaffold/next-steps.js'
import {projectFiles} from '../scaffold/project-files.js'
import {writeError} from '../scaffold/write-error.js'
import {writeNewFiles} from '../scaffold/write-new-files.js'

const {version} = createRequire(import.meta.url)('../../package.json') as {version: string}

/** What a folder may hold and still get a new project: a fresh `git init` leaves `.git`. */
const allowedEntries = new Set(['.git'])

/**
 * `kenniskaart init [dir]`: a new project in an empty or new folder: an
 * example card in `content/`, package.json, .gitignore and a README.
 * Refuses a folder that holds anything but `.git`, a file, and a symbolic
 * link (it would lead the project somewhere else); never overwrites.
 */
export async function initCommand(dir: string | undefined): Promise<ExitCodeValue> {
  if (dir !== undefined && dir.trim() === '') {
    throw new CliError('The folder name is empty', {exitCode: ExitCode.usage, hint: 'Name a new folder, such as `kenniskaart init mijn-kaarten`, or leave it out for the current folder.'})
  }
  const target = path.resolve(dir ?? '.')
  const shown = shownPath(target)
  await refuseUnusableTarget(target, shown)

  const files = await projectFiles({folderName: path.basename(target), version})
  try {
    await writeNewFiles(target, files)
  } catch (error) {
    throw writeError(error, shown)
  }

  const made = files.map((file) => (shown === '.' ? file.path : path.join(shown, ...file.path.split('/'))))
  const next: Array<[string, string]> = []
  if (shown !== '.') next.push([`cd ${shellWord(shown)}`, ''])
  next.push(['npm install', 'install kenniskaart into the project'], ['npm run dev', 'a live preview that reloads when you save'], ['npm run check', 'check the content'], ['npm run build', 'the website and PDFs in dist/'], ['npx kenniskaart new card <slug>', 'start a card of your own'])
  process.stderr.write(madeReport(`Made a kenniskaart project in ${shown}:`, made, next))
  return ExitCode.ok
}

async function refuseUnusableTarget(target: string, shown: string): Promise<void> {
  let stats
  try {
    stats = await lstat(target)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return
    throw writeError(error, shown)
  }
  if (stats.isSymbolicLink()) {
    throw new CliError(`${shown} is a symbolic link; kenniskaart init makes a project only in a real folder`, {
      exitCode: ExitCode.usage,
      hint: 'Give the folder the link points to, or the name of a new folder.'
    })
  }
  if (!stats.isDirectory()) {
    throw new CliError(`${shown} is a file, not a folder`, {exitCode: ExitCode.usage, hint: 'Name a new or empty folder, such as `kenniskaart init mijn-kaarten`.'})
  }
  let entries: string[]
  try {
    entries = await readdir(target)
  } catch (error) {
    throw writeError(error, shown)
  }
  const present = entries.filter((entry) => !allowedEntries.has(entry)).sort()
  if (present.length > 0) {
    const listed = present.slice(0, 5).join(', ') + (present.length > 5 ? `, and ${present.length - 5} more` : '')
    throw new CliError(`The folder ${shown} is not empty (it holds ${listed}); kenniskaart init never overwrites anything`, {
      exitCode: ExitCode.usage,
      hint: 'Run it in an empty folder (one holding only `.git` is fine), or name a new one: `kenniskaart init mijn-kaarten`.'
    })
  }
}
