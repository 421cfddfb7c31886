import {loadVisualTheme, type VisualThemeLoad} from '../theme/load-visual-theme.js'

/** Each visual theme is loaded once per thread and content folder. */
const loads = new Map<string, Promise<VisualThemeLoad>>()

export function visualThemeLoads(contentDir: string, name: string): Promise<VisualThemeLoad> {
  const key = `${contentDir}\0${name}`
  let load = loads.get(key)
  if (!load) {
    load = loadVisualTheme(name, contentDir)
    loads.set(key, load)
  }
  return load
}

/** Forget the visual themes loaded: they may have changed (a new build, a file saved in the live preview). */
export function forgetVisualThemes(): void {
  loads.clear()
}
