import type {Element} from 'hast'
import {h} from 'hastscript'
import {absoluteUrl, type SiteAddress} from '../site/address.js'

/** What a page says about itself to search engines and to apps a link is shared in. */
export interface SharedPage {
  /** The page's output path, such as `kaart/thema/index.html`. */
  path: string
  title: string
  description?: string | undefined
  /** `article` for a theme page, `website` for the others. */
  type: 'website' | 'article'
  /** The page's language (BCP 47), for `og:locale`. */
  lang: string
  siteName: string
  /** The colour browsers tint their bars with: the card's or the theme's colour (a validated hex colour). */
  themeColor?: string | undefined
}

/**
 * The head tags of a shared page: the theme colour always; with a site URL
 * also the canonical URL, Open Graph and Twitter tags. Without a site URL
 * there is no absolute address to give, and Open Graph needs one (`og:url`).
 * No share image: apps that show link previews want a PNG or JPEG at an
 * absolute URL, which a build without a browser cannot make.
 */
export function shareTags(page: SharedPage, address: SiteAddress | undefined): Element[] {
  const tags: Element[] = []
  if (page.themeColor) tags.push(h('meta', {name: 'theme-color', content: page.themeColor}))
  const siteUrl = address?.siteUrl
  if (siteUrl === undefined) return tags
  const url = absoluteUrl(siteUrl, page.path)
  const property = (name: string, content: string) => h('meta', {property: name, content})
  tags.push(
    h('link', {rel: 'canonical', href: url}),
    property('og:type', page.type),
    property('og:title', page.title),
    ...(page.description ? [property('og:description', page.description)] : []),
    property('og:url', url),
    property('og:locale', openGraphLocale(page.lang)),
    property('og:site_name', page.siteName),
    h('meta', {name: 'twitter:card', content: 'summary'})
  )
  return tags
}

/**
 * A BCP 47 tag as Open Graph writes a locale, `language_TERRITORY`: `nl-BE`
 * → `nl_BE`; a tag without a region takes its likely one (`nl` → `nl_NL`,
 * `en` → `en_US`); a tag the runtime cannot read is given as its language.
 */
export function openGraphLocale(lang: string): string {
  try {
    const locale = new Intl.Locale(lang)
    const region = locale.region ?? locale.maximize().region
    return region ? `${locale.language}_${region}` : locale.language
  } catch {
    return lang.split('-')[0]!.toLowerCase()
  }
}
