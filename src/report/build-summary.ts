import type {Finding} from './findings.js'

/**
 * What `build --format json` prints on stdout, as the one thing there: what
 * was built, the findings, and how long it took. Human text goes to stderr.
 */
export interface BuildSummary {
  /** True when the output was written (exit code 0). */
  ok: boolean
  exitCode: number
  /** The output folder, as given. */
  out: string
  /** With `--shard`: which share of the cards this build made (`"2/3"`). */
  shard: string | null
  /** The cards built, by slug. */
  cards: Array<{slug: string; title: string; themes: number}>
  /** Web pages written. */
  pages: number
  /** Every PDF written: printed now, or copied from the cache (`fromCache`). */
  pdfs: Array<{path: string; pages: number; bytes: number; fromCache: boolean}>
  /** PDFs of an earlier build kept without printing (`--no-pdf`). */
  keptPdfs: string[]
  errors: number
  warnings: number
  findings: Finding[]
  /** Milliseconds: the whole command, and each stage that ran. */
  timings: Record<string, number>
  /** When the build stopped on a problem of the call or the environment (exit 2, 3 or 4): its message and hint. */
  error?: {message: string; hint?: string}
}

export function buildSummaryText(summary: BuildSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`
}
