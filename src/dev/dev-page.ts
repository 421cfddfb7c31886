import {contentSecurityPolicy} from '../render/document.js'

/** Where the dev server serves its own files; no card can be named so (`__` is not a slug). */
export const devPrefix = '/__kenniskaart/'

/** What the dev client needs on top of a page's own policy: its script and its event stream, from this server alone. */
const devSources: ReadonlyArray<[directive: string, source: string]> = [
  ['script-src', "'self'"],
  ['connect-src', "'self'"]
]

/**
 * A page's policy with what the dev client needs added: `'self'` in
 * `script-src` and `connect-src`, to a directive the page has (a page with
 * search has both) or as a new one. Nothing the page allows is taken away.
 */
export function devPolicy(pagePolicy: string): string {
  const directives = pagePolicy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '')
    .map((directive) => directive.split(/\s+/))
  for (const [name, source] of devSources) {
    const directive = directives.find(([own]) => own?.toLowerCase() === name)
    if (!directive) directives.push([name, source])
    else if (!directive.includes(source)) directive.push(source)
  }
  return directives.map((directive) => directive.join(' ')).join('; ')
}

/** The dev pages' policy: the site's own, plus the dev client's script and its event stream, from this server alone. */
export const devContentSecurityPolicy = devPolicy(contentSecurityPolicy)

const policyElement = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/

/**
 * A page of the site as the dev server serves it: with the dev client (the
 * reloads and the findings overlay) and a policy that lets it run, the
 * page's own (with search, say) merged with the client's needs. Only
 * served pages get it: the output of `build` holds no dev client.
 */
export function withDevClient(html: string): string {
  const script = `<script type="module" src="${devPrefix}dev-client.js"></script>`
  const withPolicy = html.replace(policyElement, (_whole, content: string) => {
    const policy = devPolicy(content.replaceAll('&#x27;', "'").replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&'))
    return `<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll('&', '&amp;').replaceAll("'", '&#x27;')}">`
  })
  return withPolicy.includes('</head>') ? withPolicy.replace('</head>', () => `${script}</head>`) : `${script}${withPolicy}`
}
