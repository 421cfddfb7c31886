/** The escapes people know, for the control characters they know. */
const namedEscapes = new Map([['\n', '\\n'], ['\r', '\\r'], ['\t', '\\t']])

/**
 * Characters that must not reach a terminal as they are: C0 and C1 control
 * characters (ESC starts colour and cursor sequences, CSI `\u009b` too, a
 * newline forges a line), DEL, the line and paragraph separators, and the
 * bidirectional overrides that reorder what is shown.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const unsafeForTerminal = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * Text from content (a key, a value, a file name) made safe to print: every
 * control character is shown as an escape (`\n`, `\u001b`), so it can
 * neither colour the terminal nor start a line that looks like a finding.
 * Everything kenniskaart prints about content goes through here.
 */
export function escapeTerminal(text: string): string {
  return escapeControlCharacters(text, false)
}

/**
 * {@link escapeTerminal}, optionally keeping CR and LF as they are (for
 * formats that escape line breaks their own way, such as GitHub's `%0A`).
 */
export function escapeControlCharacters(text: string, keepLineBreaks: boolean): string {
  return text.replace(unsafeForTerminal, (character) => {
    if (keepLineBreaks && (character === '\n' || character === '\r')) return character
    return namedEscapes.get(character) ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}

/** True when {@link escapeTerminal} would change the text. */
export function hasControlCharacters(text: string): boolean {
  return containsUnsafe.test(text)
}

// Without the global flag, so `test` keeps no state between calls
const containsUnsafe = new RegExp(unsafeForTerminal.source)
