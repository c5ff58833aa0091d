#!/usr/bin/env python3
"""Reference tables of f and f' at 40 significant digits for the built-in activations.

Writes, for every activation below and in every Scripts/reference_formulas_*.py (a module with
a FORMULAS dict of "Name": (f, fprime, kinks)):

- Benchmarks/References/<Name>.csv with columns x, f, fprime at x = k/16 for k = -160..160
  (exactly representable in every binary floating-point type), without the kinks, so every
  point is smooth. The kit's numeric derivatives are measured against these.
- Benchmarks/References/ULP/<Name>.Double.csv and <Name>.Float.csv, the same columns at the
  k/16 points plus the tails +-20, 30, 40, 100, 700, 1e10 and the tiny arguments +-1e-300,
  1e-30, 1e-8, each first rounded to the scalar type: x is written as the exact binary value
  (Python's repr of a float holding it, which reads back exactly), and f and f' are the truth
  at that value, not at the decimal. Points that round to 0 or a subnormal in the type, and
  kinks, are left out. The activations' own f and f' are measured in ULPs against these.

Parameters are taken at their defaults, converted from the Double the Swift code uses
(LeakyReLU's 0.01 is the Double nearest 0.01).

Rerun after changing an activation or adding one (needs mpmath: pip install mpmath):

    python3 Scripts/make-reference-tables.py

The accuracy benchmark (swift run -c release layerkit-accuracy) and the accuracy test read
these files.
"""

import glob
import importlib.util
import os
import struct

from mpmath import mp, mpf, exp, tanh, cosh

mp.dps = 60  # work with margin, print 40 digits
DIGITS = 40

LEAKY_SLOPE = mpf(0.01)  # the binary64 value of 0.01, exactly as Swift's Double(0.01)


def sigmoid(x):
    return 1 / (1 + exp(-x))


ACTIVATIONS = {
    "Sigmoid": (sigmoid, lambda x: sigmoid(x) * (1 - sigmoid(x)), []),
    "Tanh": (tanh, lambda x: 1 / cosh(x) ** 2, []),
    "ReLU": (lambda x: x if x > 0 else mpf(0), lambda x: mpf(1) if x > 0 else mpf(0), [0]),
    "LeakyReLU": (
        lambda x: x if x > 0 else LEAKY_SLOPE * x,
        lambda x: mpf(1) if x > 0 else LEAKY_SLOPE,
        [0],
    ),
}


TAILS = [20, 30, 40, 100, 700, 1e10]
TINY = [1e-300, 1e-30, 1e-8]


def load_formula_modules(folder):
    """Merges FORMULAS from every reference_formulas_*.py next to this script."""
    merged = dict(ACTIVATIONS)
    for path in sorted(glob.glob(os.path.join(folder, "reference_formulas_*.py"))):
        name = os.path.splitext(os.path.basename(path))[0]
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for key, entry in module.FORMULAS.items():
            if key in merged:
                raise SystemExit(f"{path}: {key} is defined twice")
            merged[key] = entry
    return merged


def to_float32(value):
    """The float32 nearest value, as the Python float (binary64) holding it exactly."""
    return struct.unpack("<f", struct.pack("<f", value))[0]


def is_normal(value, scalar):
    smallest = 2.0 ** -126 if scalar == "Float" else 2.0 ** -1022
    return value != 0 and abs(value) >= smallest


def ulp_points(scalar):
    """Every point of the ULP tables, rounded to `scalar`, sorted, without duplicates."""
    raw = [k / 16 for k in range(-160, 161)]
    raw += [s * t for t in TAILS + TINY for s in (1, -1)]
    points = set()
    for x in raw:
        xs = to_float32(x) if scalar == "Float" else float(x)
        if xs == 0 and x != 0:
            continue  # 1e-300 in Float
        if xs != 0 and not is_normal(xs, scalar):
            continue
        points.add(xs)
    return sorted(points)


def write_ulp_tables(folder, name, f, fprime, kinks):
    os.makedirs(folder, exist_ok=True)
    for scalar in ("Double", "Float"):
        path = os.path.join(folder, f"{name}.{scalar}.csv")
        with open(path, "w") as out:
            out.write(f"# {name} in {scalar}: f and f' at {DIGITS} significant digits at the exact "
                      f"{scalar} value of x (mpmath, Scripts/make-reference-tables.py)\n")
            out.write("x,f,fprime\n")
            for xs in ulp_points(scalar):
                if xs in kinks:
                    continue
                x = mpf(xs)  # exact: a binary64 holds every float32
                out.write(f"{xs!r},{mp.nstr(f(x), DIGITS)},{mp.nstr(fprime(x), DIGITS)}\n")
        print(f"wrote {path}")


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    folder = os.path.join(root, "Benchmarks", "References")
    os.makedirs(folder, exist_ok=True)
    activations = load_formula_modules(os.path.dirname(os.path.abspath(__file__)))
    for name, (f, fprime, kinks) in activations.items():
        write_ulp_tables(os.path.join(folder, "ULP"), name, f, fprime, kinks)
        path = os.path.join(folder, f"{name}.csv")
        with open(path, "w") as out:
            out.write(f"# {name}: f and f' at {DIGITS} significant digits (mpmath, "
                      f"Scripts/make-reference-tables.py)\n")
            out.write("x,f,fprime\n")
            for k in range(-160, 161):
                x = mpf(k) / 16
                if x in kinks:
                    continue
                out.write(f"{mp.nstr(x, 10)},{mp.nstr(f(x), DIGITS)},{mp.nstr(fprime(x), DIGITS)}\n")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
