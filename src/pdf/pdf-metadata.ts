import type {Publication} from '../card/publication.js'

/** The document information a printed PDF carries (see finishPdf). */
export interface PdfMetadata {
  title: string
  author: string | undefined
  subject: string | undefined
  keywords: string[]
  lang: string
  creator: string
}

/** The document information of a publication's PDF, from the card's frontmatter. */
export function publicationMetadata(publication: Publication): PdfMetadata {
  const {card} = publication
  return {
    title: publication.kind === 'card' ? `${card.meta.label}: ${card.meta.title}` : publication.title,
    author: card.meta.publisher,
    subject: card.meta.description ?? publication.themes.map((theme) => theme.title).join(', '),
    keywords: card.meta.keywords ?? [card.meta.label, card.meta.title, ...publication.themes.map((theme) => theme.title)],
    lang: card.meta.lang,
    creator: 'kenniskaart'
  }
}
