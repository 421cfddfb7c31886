import path from 'node:path'
import {CliError, ExitCode} from '../errors.js'
import {suggest} from '../report/suggest.js'
import {isValidSlug} from '../content/slug.js'
import {loadVisualTheme, visualThemeNames} from '../theme/load-visual-theme.js'

/**
 * `--theme <name>`: a mistake in the call when there is no such visual
 * theme (exit 2), with the nearest name. A theme that exists but is broken
 * is left to the build, which reports its theme.json at the lines.
 */
export async function checkThemeOption(name: string, contentDir: string): Promise<void> {
  // A name is a folder name: never a path
  const load = isValidSlug(name) ? await loadVisualTheme(name, path.resolve(contentDir)) : undefined
  if (load && load.kind !== 'unknown') return
  const known = (await visualThemeNames(path.resolve(contentDir))).sort()
  const meant = suggest(name, known)
  throw new CliError(`--theme: there is no visual theme \`${name}\``, {
    exitCode: ExitCode.usage,
    hint: `${meant === undefined ? '' : `Did you mean \`--theme ${meant}\`? `}The visual themes are: ${known.join(', ')}.`
  })
}
