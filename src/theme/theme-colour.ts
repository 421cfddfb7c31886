import {formatHex, parse} from 'culori'

/** The colour forms a theme.json may use; everything else (lab(), color(), var()) is refused. */
const acceptedForm = /^(?:#[\da-f]+|(?:rgba?|hsla?)\(.*\)|[a-z]+)$/is

/**
 * Read a theme colour: a CSS hex colour, `rgb()`, `hsl()` or a named colour,
 * opaque (its contrast with the text is checked). The result is hex
 * (`#rrggbb`), the one form the rest of kenniskaart writes into CSS;
 * undefined when the value is not such a colour.
 */
export function parseThemeColour(value: string): string | undefined {
  if (!acceptedForm.test(value)) return undefined
  const colour = parse(value)
  if (!colour || (colour.alpha !== undefined && colour.alpha < 1)) return undefined
  return formatHex(colour)
}
