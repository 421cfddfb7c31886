#!/bin/sh
# Make sure a browser for printing PDFs is present; install Debian's Chromium if none is.
# With --with-pdf-tools, also poppler-utils (pdftotext, pdffonts), which the tests use to read PDFs back.
# Where there is no apt-get (macOS, Windows, other Linux), it says what to install and exits 0,
# so `sh scripts/install-browser.sh && npm ci && …` goes on: `kenniskaart build --no-pdf` needs no browser.
set -eu

need_browser=yes
for candidate in "${KENNISKAART_BROWSER:-}" "${PUPPETEER_EXECUTABLE_PATH:-}" chromium chromium-browser google-chrome-stable google-chrome microsoft-edge-stable microsoft-edge; do
  [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 && need_browser=no && break
done
# macOS keeps browsers as apps, which kenniskaart finds there
for app in "/Applications/Google Chrome.app" "/Applications/Chromium.app" "/Applications/Microsoft Edge.app" "${HOME:-/nonexistent}/Applications/Google Chrome.app"; do
  [ -d "$app" ] && need_browser=no && break
done

need_pdf_tools=no
if [ "${1:-}" = "--with-pdf-tools" ] && ! command -v pdftotext >/dev/null 2>&1; then
  need_pdf_tools=yes
fi

packages=""
[ "$need_browser" = yes ] && packages="chromium"
[ "$need_pdf_tools" = yes ] && packages="$packages poppler-utils"
[ -z "$packages" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  if [ "$need_browser" = yes ]; then
    echo "install-browser: no Chrome, Chromium or Edge found, and no apt-get to install one. To print PDFs, either" >&2
    echo "  - install Google Chrome (macOS: https://www.google.com/chrome/ or 'brew install --cask google-chrome'; Windows: 'winget install Google.Chrome'), found where it installs itself;" >&2
    echo "  - or download one where kenniskaart looks: npx @puppeteer/browsers install chrome-headless-shell@stable --path \"${PUPPETEER_CACHE_DIR:-${HOME:-~}/.cache/puppeteer}\"" >&2
    echo "  - or point KENNISKAART_BROWSER at a browser you have." >&2
    echo "  Without a browser, 'npx kenniskaart build --no-pdf' builds the website alone." >&2
  fi
  if [ "$need_pdf_tools" = yes ]; then
    echo "install-browser: the tests read PDFs back with poppler's pdftotext and pdffonts: install poppler (macOS: 'brew install poppler'; Windows: 'choco install poppler' or 'scoop install poppler')." >&2
  fi
  exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "install-browser: installing$packages from Debian's packages" >&2
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $packages fonts-dejavu-core >/dev/null
