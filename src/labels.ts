/**
 * The words kenniskaart itself puts on a page. The content is Dutch, and so
 * are these; they live in one place so a card in another language can get
 * its own set later.
 */
export const labels = {
  contents: 'Inhoud',
  literature: 'Gebruikte literatuur',
  contact: 'Contact',
  tips: 'Tips',
  theme: 'Thema',
  page: 'pagina',
  of: 'van',
  previous: 'Vorige',
  next: 'Volgende',
  overview: 'Overzicht',
  themesNavigation: 'Thema\'s',
  skipToContent: 'Naar de inhoud',
  allCards: 'Alle kenniskaarten',
  cardsTitle: 'Kenniskaarten',
  publishedBy: 'Een uitgave van',
  madeWith: 'Gemaakt met kenniskaart',
  figurePending: 'Figuur',
  fromCard: 'Uit de kenniskaart',
  downloads: 'Downloads',
  wholeCardPdf: 'De hele kenniskaart',
  pdf: 'PDF',
  contactKeys: {
    phone: 'Telefoon',
    email: 'E-mail',
    website: 'Website',
    visit: 'Bezoekadres',
    post: 'Postadres'
  } as Record<string, string>
} as const
