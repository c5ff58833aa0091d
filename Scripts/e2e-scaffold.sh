#!/usr/bin/env bash
# End-to-end check of the scaffolding workflow, in a temporary copy of the package:
#   1. the plugins refuse an invalid name, an existing name and a missing template, writing nothing;
#   2. `new-activation CIProbe`, a correct formula and derivative: `swift test` and
#      `layerkit check --component CIProbe` pass;
#   3. a wrong derivative: `swift test` fails, naming CIProbe and the failing point;
#   4. the same for `new-layer CIProbe` (after removing the activation again).
# Usage: Scripts/e2e-scaffold.sh [--keep]   (--keep leaves the copy for inspection)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
keep=no
[ "${1:-}" = "--keep" ] && keep=yes

work=$(mktemp -d "${TMPDIR:-/tmp}/layerkit-e2e.XXXXXX")
pkg="$work/LayerKit"
# SwiftPM also leaves lock files named after the scratch path in the temporary directory.
locks="${TMPDIR:-/tmp}/$(tr / _ <<<"$pkg/.build")"
cleanup() {
  if [ "$keep" = no ]; then rm -rf "$work" "$locks".lock "$locks"_*.lock; else echo "kept $pkg"; fi
}
trap cleanup EXIT

say() { printf '\n--> %s\n' "$*"; }
die() { printf 'e2e FAILED: %s\n' "$*" >&2; exit 1; }
started=$SECONDS

say "copying the package to $pkg"
mkdir -p "$pkg"
tar -C "$root" --exclude='./.build*' --exclude='./.git' --exclude='./.swiftpm' \
  --exclude='./Examples/*/.build' --exclude='./Examples/*/.swiftpm' -cf - . | tar -C "$pkg" -xf -
cd "$pkg"

scaffold() { swift package --allow-writing-to-package-directory "$@" </dev/null; }
fingerprint() { find Sources Templates Package.swift -type f -print0 | sort -z | xargs -0 cksum; }

# `refuse <expected message> <command...>`: the command fails, says why, and changes no file.
refuse() {
  local expected=$1
  shift
  local before after output status
  before=$(fingerprint)
  set +e
  output=$(scaffold "$@" 2>&1)
  status=$?
  set -e
  after=$(fingerprint)
  printf '%s\n' "$output" | grep -v '^\[\|^Building\|^Build of' || true
  [ "$status" -ne 0 ] || die "'$*' should have been refused"
  grep -qF -- "$expected" <<<"$output" || die "'$*': expected the message '$expected'"
  [ "$before" = "$after" ] || die "'$*' was refused but changed files"
}

say "refusals: invalid name, existing name (any case), missing template"
refuse "is not a valid type name" new-activation ciProbe
refuse "is not a valid type name" new-layer CI-Probe
refuse "already exists: Sources/Activations/ReLU" new-activation RELU
refuse "already exists: Sources/Layers/Dense" new-activation DENSE
# (Without the folder itself SwiftPM already rejects Package.swift, naming the `_TemplateLayer` path.)
mv Templates/Layer/Template.swift "$work/Template.swift"
refuse "the template Templates/Layer/ has no .swift file" new-layer CIProbe
mv "$work/Template.swift" Templates/Layer/Template.swift

# `run_tests <log> [all]`: runs the conformance and registry tests, or with `all` the whole
# `swift test` (a correct new component must not break any test); returns swift test's status.
tests='builtInDerivativesAreCorrect|registeredLayerPassesFullCheck|everyComponentFolderIsRegistered|everyRegisteredNameIsItsFolderName'
run_tests() {
  local status filter=(--filter "$tests")
  [ "${2:-}" = all ] && filter=()
  set +e
  swift test "${filter[@]}" >"$1" 2>&1
  status=$?
  set -e
  [ "$status" -eq 0 ] || grep -E '^✘|error:' "$1" | cut -c1-400 | head -20
  return $status
}

# `replace <file> <old> <new>`: replaces one exact line fragment, failing if it is not there.
replace() {
  python3 - "$@" <<'PY'
import sys
path, old, new = sys.argv[1:4]
text = open(path).read()
if text.count(old) != 1:
    sys.exit(f"expected exactly one '{old}' in {path}, found {text.count(old)}")
open(path, "w").write(text.replace(old, new))
PY
}

say "new-activation CIProbe"
scaffold new-activation CIProbe | tee "$work/new-activation.log" | grep -v '^\[\|^Building\|^Build of'
grep -q '^  "CIProbe",$' Package.swift || die "CIProbe was not added to the activations list"
probe=Sources/Activations/CIProbe/CIProbe.swift
[ -f "$probe" ] || die "$probe was not created"

say "correct formula tanh(βx)/β and derivative 1 - tanh²(βx): the whole swift test passes"
replace "$probe" \
  "    let positivePart = x >= 0 ? x : 0  // >=: a dual number at 0 then carries 1 − 1/2
    return positivePart + T.log1p(T.exp(-T.abs(beta * x))) / beta" \
  "    return T.tanh(beta * x) / beta"
replace "$probe" "    return T.logistic(beta * x)" \
  "    let t = T.tanh(beta * x)
    return 1 - t * t"
t0=$SECONDS
run_tests "$work/right.log" all || { tail -40 "$work/right.log"; die "swift test failed for a correct CIProbe"; }
grep -q 'CIProbe(beta: 1.0) in Double' "$work/right.log" || die "swift test did not check CIProbe"
echo "swift test passed, CIProbe in Float and Double checked ($((SECONDS - t0)) s)"
swift run layerkit check --component CIProbe 2>/dev/null | tail -4 \
  || die "layerkit check --component CIProbe failed for a correct activation"

say "wrong derivative 1 - tanh(βx): swift test fails naming CIProbe and the point"
replace "$probe" "    return 1 - t * t" "    return 1 - t"
t0=$SECONDS
if run_tests "$work/wrong.log"; then die "swift test passed with a wrong CIProbe derivative"; fi
grep -m1 'CIProbe.*derivative wrong at x = ' "$work/wrong.log" \
  || { tail -40 "$work/wrong.log"; die "the failure does not name CIProbe and the point"; }
echo "swift test failed as it should ($((SECONDS - t0)) s)"

say "removing the activation, then new-layer CIProbe"
rm -rf Sources/Activations/CIProbe
replace Package.swift '  "CIProbe",
' ''
scaffold new-layer CIProbe | grep -v '^\[\|^Building\|^Build of'
grep -q '^  "CIProbe",$' Package.swift || die "CIProbe was not added to the layers list"
layer=Sources/Layers/CIProbe/CIProbe.swift
[ -f "$layer" ] || die "$layer was not created"

say "correct layer y = weight · tanh(x) + bias: the whole swift test passes"
replace "$layer" \
  "      output.scalars[index] = input.scalars[index] * weight.scalars[j] + bias.scalars[j]" \
  "      output.scalars[index] = weight.scalars[j] * Scalar.tanh(input.scalars[index]) + bias.scalars[j]"
replace "$layer" \
  "      inputGradient.scalars[index] = g * weight.scalars[j]
      weightGradient.scalars[j] += g * input.scalars[index]" \
  "      let t = Scalar.tanh(input.scalars[index])
      inputGradient.scalars[index] = g * weight.scalars[j] * (1 - t * t)
      weightGradient.scalars[j] += g * t"
t0=$SECONDS
run_tests "$work/layer-right.log" all \
  || { tail -40 "$work/layer-right.log"; die "swift test failed for a correct CIProbe layer"; }
grep -q 'layer → CIProbe' "$work/layer-right.log" || die "swift test did not check the CIProbe layer"
echo "swift test passed, CIProbe layer checked ($((SECONDS - t0)) s)"
swift run layerkit check --component CIProbe 2>/dev/null | tail -4 \
  || die "layerkit check --component CIProbe failed for a correct layer"

say "wrong backward pass (tanh' forgotten): swift test fails naming CIProbe and the entry"
replace "$layer" "g * weight.scalars[j] * (1 - t * t)" "g * weight.scalars[j]"
t0=$SECONDS
if run_tests "$work/layer-wrong.log"; then die "swift test passed with a wrong CIProbe backward"; fi
grep -m1 'CIProbe \[.*FAILED' "$work/layer-wrong.log" \
  || { tail -40 "$work/layer-wrong.log"; die "the failure does not name the CIProbe layer"; }
grep -m1 'worst: input\[' "$work/layer-wrong.log" || die "the failure does not name the entry"
echo "swift test failed as it should ($((SECONDS - t0)) s)"

say "end-to-end scaffolding check passed in $((SECONDS - started)) s"
