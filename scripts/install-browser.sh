#!/bin/sh
# Make sure a browser for printing PDFs is present; install Debian's Chromium if none is.
# With --with-pdf-tools, also poppler-utils (pdftotext, pdffonts), which the tests use to read PDFs back.
set -eu

need_browser=yes
for candidate in "${KENNISKAART_BROWSER:-}" "${PUPPETEER_EXECUTABLE_PATH:-}" chromium chromium-browser google-chrome-stable google-chrome; do
  [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 && need_browser=no && break
done

packages=""
[ "$need_browser" = yes ] && packages="chromium"
if [ "${1:-}" = "--with-pdf-tools" ] && ! command -v pdftotext >/dev/null 2>&1; then
  packages="$packages poppler-utils"
fi
[ -z "$packages" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: please install Chrome or Chromium (and poppler for the tests) with your package manager," >&2
  echo "or point KENNISKAART_BROWSER at one. 'kenniskaart build --no-pdf' builds the website without a browser." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "install-browser: installing$packages from Debian's packages" >&2
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $packages fonts-dejavu-core >/dev/null
