import {suggestSlug} from '../content/slug.js'
import {fillTemplate, type NewFile, readTemplateFolder} from './templates.js'

/** The example card `kenniskaart init` puts into `content/`. */
export const exampleCardSlug = 'samen-leren-in-de-school'

/**
 * The files of a new project: the example card, a `.gitignore`, a README,
 * and a `package.json` whose scripts run this version of kenniskaart.
 */
export async function projectFiles(options: {folderName: string; version: string}): Promise<NewFile[]> {
  const template = await readTemplateFolder('project')
  const title = options.folderName.replace(/[\p{Cc}\p{Cf}]/gu, '') || 'Kenniskaart'
  const files = template.map((file) =>
    file.path === 'README.md' ? {path: file.path, contents: fillTemplate(Buffer.from(file.contents).toString('utf8'), {title, exampleCard: exampleCardSlug})} : file
  )
  return [...files, {path: 'package.json', contents: packageJson(options.folderName, options.version)}].sort((a, b) => (a.path < b.path ? -1 : 1))
}

/** A private package: npm's name rules (lowercase, no spaces) from the folder's name, kenniskaart as a devDependency. */
function packageJson(folderName: string, version: string): string {
  const manifest = {
    name: suggestSlug(folderName).slice(0, 100).replace(/-+$/, '') || 'kenniskaart-project',
    private: true,
    scripts: {
      build: 'kenniskaart build',
      dev: 'kenniskaart dev',
      check: 'kenniskaart check'
    },
    devDependencies: {
      kenniskaart: `^${version}`
    }
  }
  return `${JSON.stringify(manifest, null, 2)}\n`
}
