#!/usr/bin/env python3
"""Reference tables of f and f' at 40 significant digits for the built-in activations.

Writes Benchmarks/References/<Name>.csv with columns x, f, fprime. The points are
x = k/16 for k = -160..160 (exactly representable in every binary floating-point type),
without the kinks, so every point is smooth. Parameters are taken at their defaults, converted
from the Double the Swift code uses (LeakyReLU's 0.01 is the Double nearest 0.01).

Rerun after changing an activation or adding one (needs mpmath: pip install mpmath):

    python3 Scripts/make-reference-tables.py

The accuracy benchmark (swift run -c release layerkit-accuracy) and the accuracy test read
these files.
"""

import os
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


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    folder = os.path.join(root, "Benchmarks", "References")
    os.makedirs(folder, exist_ok=True)
    for name, (f, fprime, kinks) in ACTIVATIONS.items():
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
