import {type RuleId, rules} from './rules.js'

/**
 * Where a rule is explained: its section in docs/rules.md, the file shipped
 * with the package (`docs` is in package.json `files`). A `file:` address
 * works offline, in CI and in editors, and always describes the installed
 * version; the project has no public home whose address could outlive it.
 */
export function ruleDocsUrl(ruleId: RuleId): string {
  return new URL(`../../docs/rules.md#${ruleId}`, import.meta.url).href
}

/** True for the ids in the rule table: the only ones with documentation. */
export function isRuleId(id: string | undefined): id is RuleId {
  return id !== undefined && Object.hasOwn(rules, id)
}
