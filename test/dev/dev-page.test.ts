import {describe, expect, it} from 'vitest'
import {devContentSecurityPolicy, withDevClient} from '../../src/dev/dev-page.js'
import {contentSecurityPolicy, htmlDocument, searchContentSecurityPolicy} from '../../src/render/document.js'
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

  it('keeps a page\'s own policy for search, adding only what the dev client needs', () => {
    const searchPage = stringifyHtml(htmlDocument({lang: 'nl', title: 'Kaart', stylesheets: ['site.css'], scripts: ['assets/search.0123456789.js'], bodyClass: ['page'], body: []}))
    const served = withDevClient(searchPage)
    expect(served.match(/Content-Security-Policy/g)).toHaveLength(1)
    expect(served).toContain(`content="${searchContentSecurityPolicy.replaceAll("'", '&#x27;')}"`)
    expect(served.match(/script-src/g)).toHaveLength(1)
    expect(served).toContain('<script type="module" src="assets/search.0123456789.js"></script><script type="module" src="/__kenniskaart/dev-client.js"></script></head>')
  })
})
