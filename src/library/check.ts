import type {VFile} from 'vfile'
import type {Card} from '../card/model.js'
import {loadContent} from '../content/load-content.js'
import {collectFindings, type Finding} from '../report/findings.js'

export interface CheckOptions {
  /** The content folder, with one folder per card. */
  contentDir: string
  /** Check only this card (its folder name). */
  card?: string | undefined
  /** Check against this visual theme instead of each card's own. */
  visualTheme?: string | undefined
}

export interface CheckResult {
  /** The cards read, also those with findings. */
  cards: Card[]
  /** Every finding (errors and warnings), sorted by file and position. */
  findings: Finding[]
  /** Every content file read, with its findings as vfile messages. */
  files: VFile[]
  /** True when any finding is an error. */
  failed: boolean
}

/**
 * Read and check the content, as `kenniskaart check` does: every finding
 * at once, nothing rendered or written, no browser. A missing content
 * folder or card throws.
 */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const {cards, files} = await loadContent(options.contentDir, {...(options.card === undefined ? {} : {card: options.card}), visualTheme: options.visualTheme})
  const findings = collectFindings(files)
  return {cards, findings, files, failed: findings.some((finding) => finding.severity === 'error')}
}
