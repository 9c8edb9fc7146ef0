#!/usr/bin/env bash
# Reproduce src/crossroads/web/static/vendor/ from the npm registry.
#
# The explorer serves its front-end libraries itself (no CDN at run time), so the
# built files are committed; this script rebuilds them from the exact versions in
# package-lock.json. It installs into a temporary folder (no node_modules in the
# tree) with install scripts disabled (swagger-ui-dist pulls an analytics
# postinstall we never want to run), then copies only the files the pages load
# plus the licence files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp "$here/package.json" "$here/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --silent)
nm="$work/node_modules"

rm -rf "$out"
mkdir -p "$out/vis-timeline" "$out/swagger-ui"

strip_map() { sed -e '/^\/\/# sourceMappingURL=/d' -e 's#/\*\# sourceMappingURL=[^*]*\*/##' "$1" > "$2"; }

strip_map "$nm/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js" "$out/vis-timeline/vis-timeline-graph2d.min.js"
strip_map "$nm/vis-timeline/styles/vis-timeline-graph2d.min.css" "$out/vis-timeline/vis-timeline-graph2d.min.css"
cp "$nm/vis-timeline/LICENSE.Apache-2.0.txt" "$nm/vis-timeline/LICENSE.MIT.txt" "$out/vis-timeline/"
# The standalone bundle embeds its dependencies (moment, vis-data, vis-util, hammer, xss...):
# keep each one's licence beside it.
for dep in moment vis-data vis-util keycharm propagating-hammerjs @egjs/hammerjs uuid component-emitter xss cssfilter; do
  for f in "$nm/$dep"/LICENSE* "$nm/$dep"/LICENCE*; do
    [ -f "$f" ] || continue
    name="$(basename "$f")"; name="${name%.txt}"; name="${name%.md}"
    cp "$f" "$out/vis-timeline/${name/LICEN[CS]E/LICENSE.${dep//\//-}}.txt"
  done
done

strip_map "$nm/swagger-ui-dist/swagger-ui-bundle.js" "$out/swagger-ui/swagger-ui-bundle.js"
strip_map "$nm/swagger-ui-dist/swagger-ui.css" "$out/swagger-ui/swagger-ui.css"
cp "$nm/swagger-ui-dist/LICENSE" "$out/swagger-ui/LICENSE.txt"
cp "$nm/swagger-ui-dist/NOTICE" "$out/swagger-ui/NOTICE.txt"
cp "$nm/swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt" "$out/swagger-ui/"

{
  echo "Vendored by src/crossroads/web/frontend/vendor.sh from the npm registry:"
  (cd "$work" && npm ls --depth=0 --parseable=false 2>/dev/null | tail -n +2)
} > "$out/VERSIONS.txt"
echo "vendor files written to $out"
