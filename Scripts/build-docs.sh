#!/usr/bin/env bash
# Builds the DocC documentation of LayerCore and LayerConformance with the toolchain's own
# `docc` (no swift-docc-plugin, no package dependency) and fails on any DocC warning.
#
#   Scripts/build-docs.sh        (from any directory; DOCC=/path/to/docc overrides the docc used)
#
# 1. Symbol graphs. `swift build --target LayerConformance` compiles LayerConformance and
#    LayerCore and nothing else of the package (plus the small registry-generator plugin tool),
#    emitting one symbol graph per module: public symbols only, with extension blocks for the
#    extensions of the standard library's types (`extension Float: CheckableScalar`). Only
#    `LayerCore[@*].symbols.json` and `LayerConformance[@*].symbols.json` are handed to DocC,
#    one directory per module.
#
#    Scratch path: .build/docs-build, not .build. SwiftPM locks a scratch path for the whole
#    build, so a separate one lets this script run while a `swift build` or `swift test` of the
#    package runs in .build, without waiting for it or blocking it. And the symbol-graph flags
#    change the compiler command line of LayerCore and LayerConformance: in .build they would
#    make the next plain `swift build` recompile both modules and everything that depends on
#    them. The price is compiling the two modules once more (about 12 s on 2 cores; a second run
#    with unchanged sources compiles nothing).
#
#    The compiler writes symbol graphs only when it compiles a module, so an up-to-date build
#    writes none: the graphs are kept in .build/docs-build/symbol-graphs between runs. If one is
#    missing or older than a Swift file of its module, the scratch path is deleted and the two
#    modules are compiled again.
#
# 2. `docc convert Sources/<Module>/<Module>.docc` for LayerCore, then for LayerConformance,
#    with `--warnings-as-errors`; the output is also searched for "warning:". LayerConformance's
#    articles link to LayerCore's symbols as ``/LayerCore/Layer`` (absolute path, module first),
#    which DocC resolves against LayerCore's archive: LayerCore is built with
#    `--enable-experimental-external-link-support` and LayerConformance gets it as
#    `--dependency`. If LayerCore has warnings, its archive is built a second time with warnings
#    allowed, only so that LayerConformance's own warnings are still reported in the same run.
#
# Output: .build/docs/LayerCore and .build/docs/LayerConformance (archives for static hosting;
# e.g. `python3 -m http.server -d .build/docs/LayerCore` and open /documentation/layercore).
# Exit status: 0 if both modules built without a warning, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$SECONDS

modules=(LayerCore LayerConformance)
scratch="$root/.build/docs-build"
graphs="$scratch/symbol-graphs"       # everything the compiler emits, kept between runs
by_module="$scratch/symbol-graphs-by-module"
output="$root/.build/docs"
docc=${DOCC:-$(dirname "$(command -v swift)")/docc}
[ -x "$docc" ] || docc=$(command -v docc) || { echo "no docc next to swift or on PATH" >&2; exit 1; }

build_symbol_graphs() {
  mkdir -p "$graphs"
  swift build --target LayerConformance --scratch-path "$scratch" \
    -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$graphs" \
    -Xswiftc -symbol-graph-minimum-access-level -Xswiftc public \
    -Xswiftc -emit-extension-block-symbols >"$scratch/build.log" 2>&1 \
    || { cat "$scratch/build.log"; echo "swift build of the symbol graphs failed" >&2; exit 1; }
}

# Whether the symbol graph of every module exists and is newer than all of its sources.
graphs_current() {
  local module
  for module in "${modules[@]}"; do
    [ -f "$graphs/$module.symbols.json" ] || return 1
    [ -z "$(find "Sources/$module" -name '*.swift' -newer "$graphs/$module.symbols.json" \
      -print -quit)" ] || return 1
  done
}

echo "==> symbol graphs (swift build --target LayerConformance --scratch-path .build/docs-build)"
build_symbol_graphs
if ! graphs_current; then
  echo "symbol graphs missing or older than the sources: compiling LayerCore and LayerConformance again"
  rm -rf "$scratch"
  build_symbol_graphs
  graphs_current || { echo "the compiler wrote no current symbol graphs to $graphs" >&2; exit 1; }
fi
rm -rf "$by_module"
for module in "${modules[@]}"; do
  mkdir -p "$by_module/$module"
  cp "$graphs/$module.symbols.json" "$by_module/$module/"
  for extension in "$graphs/$module"@*.symbols.json; do
    [ -e "$extension" ] && cp "$extension" "$by_module/$module/"
  done
done

# `convert <module> [docc options...]`: builds .build/docs/<module>; fails on any warning.
convert() {
  local module=$1
  shift
  local log="$scratch/docc-$module.log"
  rm -rf "${output:?}/$module"
  mkdir -p "$output"
  local status=0
  "$docc" convert "Sources/$module/$module.docc" \
    --additional-symbol-graph-dir "$by_module/$module" \
    --output-path "$output/$module" \
    --fallback-display-name "$module" \
    --fallback-bundle-identifier "layerkit.$module" \
    --warnings-as-errors "$@" >"$log" 2>&1 || status=$?
  cat "$log"
  if [ "$status" -ne 0 ] || grep -q "warning:" "$log"; then
    echo "FAILED: DocC reported $(grep -cE '^(warning|error):' "$log") warning(s)/error(s) for $module" >&2
    return 1
  fi
  echo "ok: $module, no DocC warning"
}

failed=()
echo "==> docc convert LayerCore"
if ! convert LayerCore --enable-experimental-external-link-support; then
  failed+=(LayerCore)
  echo "(building LayerCore's archive again with warnings allowed, for LayerConformance's links)"
  rm -rf "${output:?}/LayerCore"
  "$docc" convert Sources/LayerCore/LayerCore.docc --additional-symbol-graph-dir "$by_module/LayerCore" \
    --output-path "$output/LayerCore" --fallback-display-name LayerCore \
    --fallback-bundle-identifier layerkit.LayerCore --enable-experimental-external-link-support \
    --diagnostic-level error >/dev/null 2>&1 || true
fi
echo "==> docc convert LayerConformance"
if [ -d "$output/LayerCore" ]; then
  convert LayerConformance --dependency "$output/LayerCore" \
    --enable-experimental-external-link-support || failed+=(LayerConformance)
else
  echo "FAILED: no LayerCore archive to resolve LayerConformance's links against" >&2
  failed+=(LayerConformance)
fi

echo
echo "documentation built in $((SECONDS - started)) s; archives:"
for module in "${modules[@]}"; do
  note=""
  [[ " ${failed[*]} " == *" $module "* ]] && note=" (has warnings; built only to check the links to it)"
  if [ -d "$output/$module" ]; then echo "  $module: $output/$module$note"; else echo "  $module: none"; fi
done
if [ "${#failed[@]}" -ne 0 ]; then
  echo "DocC warnings in: ${failed[*]} (see above); failing" >&2
  exit 1
fi
