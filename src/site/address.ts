/**
 * Where the site is published. Links between pages stay relative, so the
 * site works from any folder; only what a host serves at any depth or what
 * must be absolute (the 404 page, the sitemap, canonical URLs) uses these.
 */
export interface SiteAddress {
  /** The path the site is served under, with a slash at both ends: `/` or `/kennis/`. */
  base: string
  /** The site's absolute URL, ending in the base (`https://org.github.io/kennis/`); unset without `--site-url`. */
  siteUrl?: string | undefined
}

export const defaultAddress: SiteAddress = {base: '/'}
