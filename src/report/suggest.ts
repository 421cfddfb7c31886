import {distance} from 'fastest-levenshtein'

/**
 * The known name closest to what was typed, when it is close enough to be a
 * likely typo: at most one edit per three characters (at least one edit).
 * Names are compared without regard to letter case, and a name that differs
 * only in case is always the closest. Returns undefined when nothing is near:
 * an unrelated suggestion misleads more than none.
 */
export function suggest(typed: string, known: Iterable<string>): string | undefined {
  const lower = typed.toLowerCase()
  let best: string | undefined
  let bestScore = Number.POSITIVE_INFINITY
  for (const candidate of known) {
    if (candidate === typed) continue
    const candidateLower = candidate.toLowerCase()
    // A pure case difference scores below every real edit
    const score = candidateLower === lower ? -1 : distance(lower, candidateLower)
    if (score < bestScore && (score < 0 || isClose(lower, candidateLower, score))) {
      best = candidate
      bestScore = score
    }
  }
  return best
}

/** Close enough to be a typo: one edit per three characters of the longer name, at least one. */
function isClose(a: string, b: string, edits: number): boolean {
  return edits <= Math.max(1, Math.floor(Math.max(a.length, b.length) / 3))
}

/** `Did you mean \`x\`?`, or nothing when no known name is close. */
export function didYouMean(typed: string, known: Iterable<string>, show: (name: string) => string = (name) => `\`${name}\``): string | undefined {
  const suggestion = suggest(typed, known)
  return suggestion === undefined ? undefined : `Did you mean ${show(suggestion)}?`
}
