import type {ElementContent, Root} from 'hast'
import {h} from 'hastscript'

/** What a page needs besides its body. */
export interface DocumentOptions {
  lang: string
  title: string
  description?: string | undefined
  stylesheets: string[]
  bodyClass: string[]
  body: ElementContent[]
  /** More of the head, after the description: the canonical link, share tags, the theme colour (see share-tags.ts). */
  head?: ElementContent[] | undefined
  /**
   * Carry the Content-Security-Policy. Print documents leave it out: the
   * printer runs them without JavaScript and guards every request itself,
   * so it can report what content asked for.
   */
  securityPolicy?: boolean
  /** Module scripts of the page (the search client); a page with scripts gets the policy that lets them search. */
  scripts?: string[] | undefined
}

/**
 * The policy every page carries: nothing runs, and a page loads only
 * styles, fonts and images from its own site.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'"
].join('; ')

/**
 * The policy of a page with the search box: the same, and the search
 * client, Pagefind's script and its WebAssembly from the site itself
 * (`'wasm-unsafe-eval'` compiles WebAssembly, it runs no text as script),
 * and its index files fetched from there. The search runs in the page (no
 * web worker, whose requests the page's policy would not govern).
 */
export const searchContentSecurityPolicy = `${contentSecurityPolicy}; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'`

/** A whole HTML5 document as a hast tree. */
export function htmlDocument(options: DocumentOptions): Root {
  return {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: options.lang}, [
        h('head', [
          h('meta', {charSet: 'utf-8'}),
          h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
          options.securityPolicy === false ? undefined : h('meta', {httpEquiv: 'Content-Security-Policy', content: options.scripts?.length ? searchContentSecurityPolicy : contentSecurityPolicy}),
          h('title', options.title),
          options.description ? h('meta', {name: 'description', content: options.description}) : undefined,
          ...(options.head ?? []),
          h('meta', {name: 'generator', content: 'kenniskaart'}),
          // No favicon request: browsers would otherwise ask the server (or the PDF printer) for one
          h('link', {rel: 'icon', href: 'data:,'}),
          ...options.stylesheets.map((href) => h('link', {rel: 'stylesheet', href})),
          ...(options.scripts ?? []).map((src) => h('script', {type: 'module', src}))
        ]),
        h('body', {className: options.bodyClass}, options.body)
      ])
    ]
  }
}
