import {fillTemplate, type NewFile, readTemplate, yamlString} from './templates.js'

/** The first theme of a new card: a card needs one to pass `check`. */
export const firstTheme = {slug: 'eerste-thema', title: 'Eerste thema'}

/** The files of a new card folder: index.md with commented frontmatter, and a first theme. */
export async function cardFiles(title: string): Promise<NewFile[]> {
  const index = fillTemplate(await readTemplate('new/card.md'), {title: yamlString(title), firstTheme: firstTheme.slug})
  return [
    {path: 'index.md', contents: index},
    {path: `01-${firstTheme.slug}.md`, contents: await themeFile(firstTheme.title)}
  ]
}

/** A new theme file's text: commented frontmatter and a body to replace. */
export async function themeFile(title: string): Promise<string> {
  return fillTemplate(await readTemplate('new/theme.md'), {title: yamlString(title)})
}
