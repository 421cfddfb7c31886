import {clampChroma, converter, formatHex, wcagContrast} from 'culori'

/** WCAG AA for normal text. */
export const aaContrast = 4.5

/** Text on a theme colour: a fixed colour, or the automatic choice between a dark and a light one. */
export type OnColor = string | {dark: string; light: string}

/** The automatic choice when theme.json fixes nothing: black or white. */
export const blackOrWhite = {dark: '#000000', light: '#ffffff'} as const

const toOklch = converter('oklch')

/** The text colour for `background`: the fixed one, or of the two candidates the one with the higher contrast. */
export function textColourOn(background: string, onColor: OnColor): string {
  if (typeof onColor === 'string') return onColor
  return wcagContrast(background, onColor.dark) >= wcagContrast(background, onColor.light) ? onColor.dark : onColor.light
}

/**
 * A shade of `colour` (its lightness changed, hue kept) on which the text
 * reaches WCAG AA: darker under a light text colour, lighter under a dark
 * one; with an automatic choice, whichever of the two is nearer. Undefined
 * when no shade does (a text colour of middling lightness).
 */
export function readableShade(colour: string, onColor: OnColor): string | undefined {
  const texts = typeof onColor === 'string' ? [onColor] : [onColor.dark, onColor.light]
  const base = toOklch(colour)
  if (!base) return undefined
  let best: {hex: string; change: number} | undefined
  for (const text of texts) {
    const textLightness = toOklch(text)?.l ?? 0
    // Away from the text's lightness: towards black under light text, towards white under dark text
    const target = textLightness > base.l ? 0 : 1
    const shade = (lightness: number) => formatHex(clampChroma({...base, l: lightness}, 'oklch'))
    if (wcagContrast(shade(target), text) < aaContrast) continue
    // The nearest lightness that passes, by bisection, then rounded to a hex that passes
    let passing = target
    let failing = base.l
    for (let step = 0; step < 24; step++) {
      const middle = (passing + failing) / 2
      if (wcagContrast(shade(middle), text) >= aaContrast) passing = middle
      else failing = middle
    }
    const hex = shade(passing)
    const change = Math.abs(passing - base.l)
    if (wcagContrast(hex, text) >= aaContrast && (!best || change < best.change)) best = {hex, change}
  }
  return best?.hex
}
