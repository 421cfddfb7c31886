import {describe, expect, it} from 'vitest'
import {devContentSecurityPolicy, withDevClient} from '../../src/dev/dev-page.js'
import {contentSecurityPolicy, htmlDocument} from '../../src/render/document.js'
import {stringifyHtml} from '../../src/render/stringify.js'

describe('withDevClient', () => {
  const page = stringifyHtml(htmlDocument({lang: 'nl', title: 'Kaart', stylesheets: ['site.css'], bodyClass: ['page'], body: []}))

  it('gives a page of the site the dev client, and a policy that lets exactly it run', () => {
    const served = withDevClient(page)
    expect(served).toContain('<script type="module" src="/__kenniskaart/dev-client.js"></script></head>')
    expect(served.match(/Content-Security-Policy/g)).toHaveLength(1)
    expect(served).toContain(`content="${devContentSecurityPolicy.replaceAll("'", '&#x27;')}"`)
    expect(devContentSecurityPolicy).toBe(`${contentSecurityPolicy}; script-src 'self'; connect-src 'self'`)
  })

  it('leaves the rest of the page as it was', () => {
    const served = withDevClient(page)
    const undo = served.replace('<script type="module" src="/__kenniskaart/dev-client.js"></script>', '').replace(devContentSecurityPolicy.replaceAll("'", '&#x27;'), contentSecurityPolicy.replaceAll("'", '&#x27;'))
    expect(undo).toBe(page)
  })
})
