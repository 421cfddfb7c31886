import {describe, expect, it} from 'vitest'
import {requestedPath} from '../../src/dev/request-path.js'

describe('requestedPath', () => {
  it('names the file of the site a path asks for, a folder by its index.html', () => {
    expect(requestedPath('/')).toEqual({kind: 'file', path: 'index.html'})
    expect(requestedPath('/kaart/')).toEqual({kind: 'file', path: 'kaart/index.html'})
    expect(requestedPath('/kaart/thema/index.html?x=1#top')).toEqual({kind: 'file', path: 'kaart/thema/index.html'})
    expect(requestedPath('/kaart/kaart.pdf')).toEqual({kind: 'file', path: 'kaart/kaart.pdf'})
  })

  it('decodes each segment once: names with spaces, % and # reach their file', () => {
    expect(requestedPath('/kaart/figuren/een%20figuur%2325%25.png')).toEqual({kind: 'file', path: 'kaart/figuren/een figuur#25%.png'})
    expect(requestedPath('/kaart/%C3%A9%C3%A9n.svg')).toEqual({kind: 'file', path: 'kaart/één.svg'})
  })

  it('refuses every way of climbing out of the site', () => {
    for (const target of ['/..', '/../x', '/a/../../x', '/%2e%2e/x', '/%2E%2E/x', '/.%2e/x', '/a/./b', '/%2e/x']) {
      expect(requestedPath(target), target).toMatchObject({kind: 'refused', status: 400, reason: 'The path climbs out of the site'})
    }
  })

  it('refuses escaped slashes and backslashes, control characters, broken escapes, empty segments and targets that are no path', () => {
    expect(requestedPath('/..%2fx')).toMatchObject({kind: 'refused', reason: 'The path holds an escaped slash'})
    expect(requestedPath('/a%5c..%5cx')).toMatchObject({kind: 'refused', reason: 'The path holds an escaped slash'})
    expect(requestedPath('/a%00.html')).toMatchObject({kind: 'refused', reason: 'The path holds a control character'})
    expect(requestedPath('/a%1b[31m')).toMatchObject({kind: 'refused', reason: 'The path holds a control character'})
    expect(requestedPath('/a%zz')).toMatchObject({kind: 'refused', reason: 'The path holds a broken %-escape'})
    expect(requestedPath('/a//b')).toMatchObject({kind: 'refused', reason: 'The path holds an empty segment'})
    expect(requestedPath('http://evil.example/')).toMatchObject({kind: 'refused', reason: 'The request target is not a path'})
    expect(requestedPath('*')).toMatchObject({kind: 'refused'})
  })
})
