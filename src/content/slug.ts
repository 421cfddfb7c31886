/**
 * The slug of a theme file: its name without `.md` and without the ordering
 * prefix (`03-begeleiding-starters.md` → `begeleiding-starters`).
 */
export function slugFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*\//, '').replace(/\.md$/i, '')
  return base.replace(/^\d+[-_.]/, '')
}
