#!/usr/bin/env bash
# Build the collection and import the tarball with galaxy-importer, as Galaxy does on upload.
# Fails on any error or warning the importer prints, and when it does not finish.
#   galaxy_import.sh IMPORTER_VENV ANSIBLE_GALAXY OUT_DIR
set -euo pipefail
venv=${1:?usage: $0 IMPORTER_VENV ANSIBLE_GALAXY OUT_DIR}
galaxy=${2:?}
out=${3:?}
repo=$(cd "$(dirname "$0")/../.." && pwd)

rm -rf "$out" && mkdir -p "$out"
"$galaxy" collection build --output-path "$out" "$repo" >/dev/null
tarball=$(ls "$out"/*.tar.gz)
echo "galaxy-import: $(basename "$tarball") ($(du -h "$tarball" | cut -f1))"
# The importer runs ansible-lint from PATH (its own, pinned with it) and writes its result in the working directory.
cd "$out"
PATH="$venv/bin:$PATH" GALAXY_IMPORTER_CONFIG="$repo/tests/tools/galaxy-importer.cfg" \
  "$venv/bin/python" -m galaxy_importer.main "$tarball" >"$out/import.log" 2>&1 || {
  cat "$out/import.log" >&2; echo "galaxy-import: the importer failed" >&2; exit 1; }
grep -v '^Loading ' "$out/import.log"
# The importer lints without the collections galaxy.yml depends on, so a role's module from one of them is "unknown"
# on Galaxy too (ansible-lint#4032): that warning, for those collections only, is said and let pass.
dependencies=$(sed -n '/^dependencies:/,/^[^ ]/p' "$repo/galaxy.yml" | grep -oE '^  [a-z0-9_]+\.[a-z0-9_]+' | tr -d ' ' \
  | sed 's/\./\\./' | paste -sd '|')
unresolved="^WARNING: [^ ]+: syntax-check\[unknown-module\]: couldn't resolve module/action '(${dependencies:-none})\."
let_pass=
if grep -qE "$unresolved" "$out/import.log"; then
  let_pass=" other than those on dependency modules"
  echo "galaxy-import: Galaxy's lint does not install dependencies, so it warns on their modules (let pass):"
  grep -E "$unresolved" "$out/import.log" | sed 's/^/  /'
fi
problems=$(grep -E '^(WARNING|ERROR|CRITICAL)|Traceback' "$out/import.log" | grep -vE "$unresolved" || true)
if [ -n "$problems" ] || ! grep -q '^Importer processing completed successfully' "$out/import.log"; then
  echo "galaxy-import: the import printed errors or warnings, or did not complete (full log: $out/import.log)" >&2
  exit 1
fi
echo "galaxy-import: imported with no error and no warning$let_pass"
