import {contentSecurityPolicy} from '../render/document.js'

/** Where the dev server serves its own files; no card can be named so (`__` is not a slug). */
export const devPrefix = '/__kenniskaart/'

/** The dev pages' policy: the site's own, plus the dev client's script and its event stream, from this server alone. */
export const devContentSecurityPolicy = `${contentSecurityPolicy}; script-src 'self'; connect-src 'self'`

const policyElement = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/

/**
 * A page of the site as the dev server serves it: with the dev client (the
 * reloads and the findings overlay) and a policy that lets it run. Only
 * served pages get it: the output of `build` never holds a script.
 */
export function withDevClient(html: string): string {
  const policy = `<meta http-equiv="Content-Security-Policy" content="${devContentSecurityPolicy.replaceAll("'", '&#x27;')}">`
  const script = `<script type="module" src="${devPrefix}dev-client.js"></script>`
  const withPolicy = policyElement.test(html) ? html.replace(policyElement, () => policy) : html
  return withPolicy.includes('</head>') ? withPolicy.replace('</head>', () => `${script}</head>`) : `${script}${withPolicy}`
}
