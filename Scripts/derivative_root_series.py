#!/usr/bin/env python3
"""Taylor series of f' around its root for the smooth activations whose f' has one (SiLU,
Mish, GELU, GELUTanh), printed as the Swift constants their files use.

Near the root x0 of f' the two terms of every closed form of f' cancel, and a few ULPs of
either become hundreds of ULPs of the result. f'(x0 + t) = sum c_k t^k (k >= 1) instead keeps
full relative accuracy: t = (x - x0_head) - x0_tail is exact to an ULP of t, and the leading
term dominates. The radius is where the closed form is accurate again; the degree makes the
truncation error below 1e-19 relative there (the series converges out to the nearest complex
singularity of f', which is printed too).

    python3 Scripts/derivative_root_series.py
"""

import os
import sys

from mpmath import mp, mpf, findroot, taylor, nstr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_formulas_smooth as smooth  # noqa: E402

mp.dps = 80

# name: (f', a guess of its root, radius of the series)
ROOTS = {
    "SiLU": (smooth.silu_prime, -1.28, 0.75),
    "Mish": (smooth.mish_prime, -1.19, 1.1),
    "GELU": (smooth.gelu_prime, -0.75, 0.5),
    "GELUTanh": (smooth.gelu_tanh_prime, -0.75, 0.9),
}


def main():
    for name, (fprime, guess, radius) in ROOTS.items():
        x0 = findroot(fprime, mpf(guess))
        head = float(x0)
        tail = float(x0 - mpf(head))
        coefficients = taylor(fprime, x0, 70)
        # Degree: the first k from which every term stays below 1e-19 of the leading one.
        leading = abs(coefficients[1]) * radius
        degree = 1
        for k in range(1, len(coefficients)):
            if abs(coefficients[k]) * radius ** k > mpf("1e-19") * leading:
                degree = k
        worst = max(
            abs(sum(c * t ** k for k, c in enumerate(coefficients[: degree + 1])) / fprime(x0 + t) - 1)
            for t in (mpf(radius) * s / 8 for s in range(-8, 9) if s != 0)
        )
        print(f"// {name}: f' root x0 = {nstr(x0, 25)}, |x - x0| < {radius}, degree {degree}, "
              f"largest relative error of the series at 16 points out to the radius {nstr(worst, 3)}")
        print(f"rootHead = {head!r}, rootTail = {tail!r}")
        print("[" + ", ".join(repr(float(c)) for c in coefficients[1:degree + 1]) + "]")


if __name__ == "__main__":
    main()
