#!/usr/bin/env bash
# Installs the YASGUI query editor used by /sparql into src/geokg/web/static/vendor/yasgui/.
#
# YASGUI is third-party code (MIT), so it is installed, not committed ("depend, don't copy"):
# the script fetches one pinned version of @zazuko/yasgui with npm, checks the tarball against
# the pinned Subresource-Integrity hash (and the registry's), and copies only the built files the
# page loads. Without them /sparql still works as a plain query form.
#
# Idempotent and offline after the first run: an install matching the pin is left alone, and a
# verified tarball in the cache (.cache/editor/) is reused without asking the registry.
#
# Usage: tools/fetch_editor_assets.sh [--force]
# Environment: GEOKG_EDITOR_DEST (install folder), GEOKG_EDITOR_CACHE (tarball cache folder).
# Needs: node and npm (only when the tarball is not cached yet), tar.
set -euo pipefail

PACKAGE="@zazuko/yasgui"
VERSION="4.6.2"
# npm view @zazuko/yasgui@4.6.2 dist.integrity
INTEGRITY="sha512-Zw45KdPoAE1KRaAoxIHdQqeJxvaVG1oQdntw0hy0ktX35Zu8ZccuOLrXCLwR+GU+0xMzLw8Mjw6BkSZV2vUuQw=="
# The files of the tarball that the page loads (the bundle has no fonts or images of its own).
FILES=(build/yasgui.min.js build/yasgui.min.css package.json)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${GEOKG_EDITOR_DEST:-$ROOT/src/geokg/web/static/vendor/yasgui}"
CACHE="${GEOKG_EDITOR_CACHE:-$ROOT/.cache/editor}"
TARBALL="$CACHE/zazuko-yasgui-$VERSION.tgz"
STAMP_TEXT="$PACKAGE@$VERSION $INTEGRITY"

die() { echo "fetch_editor_assets: $*" >&2; exit 1; }
say() { echo "fetch_editor_assets: $*"; }

if [[ "${1:-}" != "--force" && -f "$DEST/.installed" ]] \
    && [[ "$(cat "$DEST/.installed")" == "$STAMP_TEXT" ]]; then
  missing=0
  for f in "${FILES[@]}"; do [[ -f "$DEST/$(basename "$f")" ]] || missing=1; done
  if [[ $missing == 0 ]]; then
    say "$PACKAGE $VERSION is already installed in $DEST"
    exit 0
  fi
fi

command -v node >/dev/null || die "node is not installed; /sparql will show the plain form"

# The Subresource-Integrity string (sha512-<base64>) of a file, as npm computes it.
sri() {
  node -e 'const c = require("crypto"), fs = require("fs");
    process.stdout.write("sha512-" + c.createHash("sha512")
      .update(fs.readFileSync(process.argv[1])).digest("base64"));' "$1"
}

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if [[ -f "$TARBALL" && "$(sri "$TARBALL")" == "$INTEGRITY" ]]; then
  say "using the cached $TARBALL"
else
  command -v npm >/dev/null || die "npm is not installed; /sparql will show the plain form"
  registry="$(npm view "$PACKAGE@$VERSION" dist.integrity)"
  [[ "$registry" == "$INTEGRITY" ]] \
    || die "the registry's integrity of $PACKAGE@$VERSION is $registry, pinned $INTEGRITY"
  npm pack "$PACKAGE@$VERSION" --pack-destination "$WORK" --json --silent > "$WORK/pack.json"
  packed="$(node -e 'const r = require(process.argv[1])[0];
    process.stdout.write(r.integrity + "\n" + r.filename);' "$WORK/pack.json")"
  packed_integrity="$(sed -n 1p <<< "$packed")"
  packed_file="$WORK/$(sed -n 2p <<< "$packed")"
  [[ "$packed_integrity" == "$INTEGRITY" ]] \
    || die "npm pack reports integrity $packed_integrity, pinned $INTEGRITY"
  actual="$(sri "$packed_file")"
  [[ "$actual" == "$INTEGRITY" ]] || die "the tarball hashes to $actual, pinned $INTEGRITY"
  mkdir -p "$CACHE"
  mv "$packed_file" "$TARBALL"
  say "fetched and verified $PACKAGE@$VERSION ($INTEGRITY)"
fi

# Extract only the listed files, then swap the whole folder in so a page never sees half of it.
members=()
for f in "${FILES[@]}"; do members+=("package/$f"); done
tar -xzf "$TARBALL" -C "$WORK" "${members[@]}"
STAGE="$DEST.new"
rm -rf "$STAGE"
mkdir -p "$STAGE"
for f in "${FILES[@]}"; do cp "$WORK/package/$f" "$STAGE/"; done
cat > "$STAGE/README.txt" <<EOF
$PACKAGE $VERSION (MIT licence, https://github.com/rdfjs/Yasgui), built files only.
Installed by tools/fetch_editor_assets.sh from the npm registry, tarball integrity
$INTEGRITY.
Third-party code: do not commit this folder; run the script (or make install) instead.
EOF
printf '%s\n' "$STAMP_TEXT" > "$STAGE/.installed"
rm -rf "$DEST"
mkdir -p "$(dirname "$DEST")"
mv "$STAGE" "$DEST"
say "installed $PACKAGE $VERSION in $DEST"
