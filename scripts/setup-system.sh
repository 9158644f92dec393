#!/usr/bin/env bash
# Install the Debian packages jihua needs beyond Python: LibreOffice (headless
# Writer) to convert legacy .doc/.wps/.rtf/.odt files to .docx; Chromium and
# the Noto CJK fonts for the browser tests of the pages (tests/pages/), which
# drive this system browser through Playwright and never download one.
#
# Idempotent and quick when everything is there: each tool is looked up first
# and apt runs only for what is missing. Works as root on a fresh Debian 12
# (no sudo there); as another user it uses sudo when available.
#
# Not installed on purpose:
# - fonts beyond Noto CJK: conversion keeps text and numbering without them,
#   and the scanned test pages are rasterised from a PDF that embeds its fonts;
# - antiword/catdoc: only a fallback when LibreOffice is absent (set
#   JIHUA_SETUP_FALLBACKS=1 to add them anyway).
# OCR (rapidocr + onnxruntime + pypdfium2) comes from PyPI, not from here.
set -euo pipefail

log() { printf 'setup-system: %s\n' "$*"; }

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    log "not root and no sudo: install these yourself: libreoffice-writer-nogui chromium fonts-noto-cjk"
    exit 1
fi

missing=()
if command -v soffice >/dev/null 2>&1; then
    log "LibreOffice found: $(command -v soffice)"
else
    missing+=(libreoffice-writer-nogui)
fi
if command -v chromium >/dev/null 2>&1; then
    log "Chromium found: $(command -v chromium)"
else
    missing+=(chromium)
fi
# Without a CJK font every Chinese character of a page screenshot is a box.
if dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed"; then
    log "fonts-noto-cjk found"
else
    missing+=(fonts-noto-cjk)
fi
if [ "${JIHUA_SETUP_FALLBACKS:-0}" = "1" ]; then
    command -v antiword >/dev/null 2>&1 || missing+=(antiword)
    command -v catdoc >/dev/null 2>&1 || missing+=(catdoc)
fi

if [ ${#missing[@]} -eq 0 ]; then
    log "nothing to install"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    log "no apt-get on this system: install these yourself: ${missing[*]}"
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
start=$(date +%s)
log "apt-get update"
"${SUDO[@]}" apt-get update -qq
log "apt-get install ${missing[*]}"
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
log "installed ${missing[*]} in $(( $(date +%s) - start ))s"
command -v soffice >/dev/null 2>&1 && log "LibreOffice: $(soffice --version 2>/dev/null | head -n1)"
