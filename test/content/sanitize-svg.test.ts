import fc from 'fast-check'
import type {Element, Root} from 'xast'
import {fromXml} from 'xast-util-from-xml'
import {describe, expect, it} from 'vitest'
import {sanitizeSvg} from '../../src/content/sanitize-svg.js'

const open = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'

function sanitized(inner: string, root = open) {
  const result = sanitizeSvg(`${root}${inner}</svg>`)
  if (!result.ok) throw new Error(`refused: ${result.reason}`)
  return result
}

/** Every element and attribute of a serialized SVG, parsed again: what a browser would see. */
function parts(svg: string): {elements: string[]; attributes: Array<[string, string]>} {
  const elements: string[] = []
  const attributes: Array<[string, string]> = []
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      elements.push(child.name)
      for (const [name, value] of Object.entries(child.attributes)) attributes.push([name, String(value)])
      walk(child)
    }
  }
  walk(fromXml(svg))
  return {elements, attributes}
}

describe('sanitizeSvg', () => {
  it('keeps a harmless drawing as it is, local references and embedded raster pictures included', () => {
    const inner =
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>' +
      '<style>.a { fill: url(#g) } @media print { .a { fill: #000 } }</style>' +
      '<rect class="a" width="10" height="10" fill="url(#g)" style="stroke: red"/><use href="#g"/><use xlink:href="#g"/>' +
      '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/><text x="1" y="5">A &amp; B &lt; C</text>'
    const result = sanitized(inner)
    expect(result.removed).toEqual([])
    const {elements, attributes} = parts(result.contents)
    expect(elements).toEqual(['svg', 'defs', 'linearGradient', 'stop', 'style', 'rect', 'use', 'use', 'image', 'text'])
    expect(attributes).toContainEqual(['fill', 'url(#g)'])
    expect(attributes).toContainEqual(['xlink:href', '#g'])
    expect(attributes).toContainEqual(['href', 'data:image/png;base64,iVBORw0KGgo='])
    expect(result.contents).toContain('A &#x26; B &#x3C; C')
    expect(result.contents).toMatch(/fill:url\(#g\)/)
  })

  it('removes script, foreignObject, animation and elements of other namespaces, and says so', () => {
    const result = sanitized(
      '<script>alert(1)</script><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>' +
        '<set attributeName="href" to="javascript:alert(1)"/><animate attributeName="x"/><handler>alert(1)</handler>' +
        '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(2)</h:script><g xmlns="http://www.w3.org/1999/xhtml"><script>alert(3)</script></g>' +
        '<s:script xmlns:s="http://www.w3.org/2000/svg">alert(4)</s:script><rect/>'
    )
    expect(parts(result.contents).elements).toEqual(['svg', 'rect'])
    expect(result.removed).toEqual(['`<script>`', '`<foreignObject>`', '`<set>`', '`<animate>`', '`<handler>`', '`<h:script>`', '`<g>`', '`<s:script>`'])
  })

  it('removes event handlers in any case, on the root too', () => {
    const result = sanitized('<rect onclick="alert(1)" ONMOUSEOVER="alert(2)" width="1"/>', open.replace('>', ' onload="alert(0)">'))
    expect(parts(result.contents).attributes.map(([name]) => name)).not.toContain('onload')
    expect(parts(result.contents).attributes.filter(([name]) => /^on/i.test(name))).toEqual([])
    expect(result.removed).toEqual(['the event handler `onload`', 'the event handler `onclick`', 'the event handler `ONMOUSEOVER`'])
  })

  it('removes every outside reference: href, xlink:href, url() in attributes, style attributes and style elements, @import, xml-stylesheet, xml:base', () => {
    const result = sanitizeSvg(
      '<?xml version="1.0"?><?xml-stylesheet href="https://example.com/s.css"?>' +
        `${open.replace('>', ' xml:base="https://example.com/">')}` +
        '<use href="https://example.com/a.svg#x"/><use xlink:href="b.svg#x"/><image href="foto.png"/><image href="data:image/svg+xml,&lt;svg/>"/>' +
        '<a href="https://example.com/"><text>link</text></a><feImage href="//example.com/x.png"/>' +
        '<rect filter="url(https://example.com/f.svg#f)" mask="u\\72l(https://example.com/m)" style="fill: url(\'https://example.com/p.png\'); stroke: blue"/>' +
        '<style>@import "https://example.com/x.css"; @font-face { src: url(https://example.com/f.woff) } ' +
        '.a { background: image-set("https://example.com/y.png" 1x); fill: red } .b { fill: u\\72l(https://example.com/z) }</style></svg>'
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.contents).not.toMatch(/example\.com|\.svg#|foto\.png|svg\+xml|\\72/)
    expect(result.contents).toContain('stroke:blue')
    expect(result.contents).toContain('fill:red')
    expect(result.removed).toHaveLength(15)
  })

  it('removes javascript: addresses however they are spelled', () => {
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java&#x09;script:alert(1)', 'java&#x0A;script:alert(1)', 'vbscript:msgbox(1)', '&#106;avascript:alert(1)']) {
      const result = sanitized(`<a href="${href}"><rect/></a><a xlink:href="${href}"><rect/></a>`)
      expect(result.contents, href).not.toMatch(/script:/i)
      expect(result.removed, href).toHaveLength(2)
    }
  })

  it('drops the bookkeeping of drawing programs without a finding', () => {
    const result = sanitized(
      '<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" pagecolor="#fff"/>' +
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>' +
        '<g xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:label="Laag 1"><rect/></g>'
    )
    expect(result.removed).toEqual([])
    expect(parts(result.contents).elements).toEqual(['svg', 'metadata', 'g', 'rect'])
  })

  it('refuses what is not a well-formed SVG, with the place of the XML error', () => {
    const refused = (text: string) => {
      const result = sanitizeSvg(text)
      return result.ok ? undefined : result.reason
    }
    expect(refused('<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>')).toMatch(/does not parse \(line 1, column \d+: Missing end tag/)
    expect(refused('<html><script>alert(1)</script></html>')).toMatch(/root element is `<html>`/)
    expect(refused('<svg><rect/></svg>')).toMatch(/not in the SVG namespace/)
    expect(refused('just text')).toMatch(/does not parse/)
    expect(refused('<?xml version="1.0"?>')).toMatch(/does not parse|no element/)
    // Entities are not expanded (no "billion laughs"): an SVG that needs them is refused.
    expect(refused('<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>')).toMatch(/does not parse/)
  })

  it('refuses nesting too deep to walk, and never overflows the stack', () => {
    for (const depth of [300, 100_000]) {
      const result = sanitizeSvg(`<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(depth)}${'</g>'.repeat(depth)}</svg>`)
      expect(result.ok, String(depth)).toBe(false)
    }
  })

  it('never lets a script, a handler, a javascript: address or an outside URL through, whatever the mix', () => {
    const hostile = fc.constantFrom(
      '<script>alert(1)</script>',
      '<rect onload="alert(1)"/>',
      '<a href="javascript:alert(1)"><rect/></a>',
      '<use href="https://example.com/x#y"/>',
      '<rect style="fill:url(https://example.com/p)"/>',
      '<style>.a{fill:url(https://example.com/q)}</style>',
      '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>',
      '<rect fill="url(#ok)"/>',
      '<g><circle r="1"/></g>'
    )
    fc.assert(
      fc.property(fc.array(hostile, {maxLength: 8}), fc.array(hostile, {maxLength: 3}), (outer, inner) => {
        const result = sanitizeSvg(`${open}${outer.join('')}<g>${inner.join('')}</g></svg>`)
        expect(result.ok).toBe(true)
        if (!result.ok) return
        const {elements, attributes} = parts(result.contents)
        expect(elements.filter((name) => ['script', 'foreignObject', 'p'].includes(name))).toEqual([])
        expect(attributes.filter(([name, value]) => /^on/i.test(name) || /javascript:|example\.com/i.test(value))).toEqual([])
        expect(result.contents).not.toMatch(/example\.com|javascript:/)
      })
    )
  })
})

describe('what sanitizeSvg reports', () => {
  it('writes control characters of the SVG out, so a finding cannot colour or forge terminal lines', () => {
    const result = sanitized('<use href="https://example.com/&#x9b;31mred&#x85;forged"/>')
    expect(result.removed).toEqual(['the outside reference href="https://example.com/\\u009b31mred\\u0085forged"'])
  })
})
