#!/usr/bin/env bash
# Builds and tests Examples/SoftsignModel from scratch and shows that depending on one activation
# product and LayerConformance compiles only LayerCore, TanhActivation and LayerConformance from
# LayerKit. Fails if any other LayerKit module is compiled.
set -euo pipefail
cd "$(dirname "$0")/../Examples/SoftsignModel"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/layerkit-example.XXXXXX")
locks="${TMPDIR:-/tmp}/$(tr / _ <<<"$scratch")"
trap 'rm -rf "$scratch" "$locks".lock "$locks"_*.lock' EXIT

swift build --build-tests --scratch-path "$scratch" >"$scratch/build.log" 2>&1 \
  || { cat "$scratch/build.log"; exit 1; }
# "Compiling LayerCore Tensor.swift" and "Emitting module LayerCore" name the module compiled.
modules=$(sed -nE 's/^\[[0-9]+\/[0-9]+\] (Compiling|Emitting module) ([A-Za-z_][A-Za-z0-9_]*).*/\2/p' \
  "$scratch/build.log" | grep -v '^plugin$' | sort -u)
echo "modules compiled:" $modules
allowed="LayerCore TanhActivation LayerConformance SoftsignModel SoftsignModelTests
SoftsignModelPackageDiscoveredTests SoftsignModelPackageTests LayerKitRegistryGenerator"
for module in $modules; do
  grep -qw "$module" <<<"$allowed" || { echo "unexpected module compiled: $module"; exit 1; }
done
for needed in LayerCore TanhActivation LayerConformance SoftsignModel; do
  grep -qx "$needed" <<<"$modules" || { echo "expected $needed to be compiled"; exit 1; }
done
swift test --skip-build --scratch-path "$scratch" >"$scratch/test.log" 2>&1 \
  || { cat "$scratch/test.log"; echo "the example's tests failed"; exit 1; }
grep -E '✔ Test run' "$scratch/test.log"
echo "example: only the needed modules compiled, tests pass"
