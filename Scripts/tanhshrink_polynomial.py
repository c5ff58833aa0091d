#!/usr/bin/env python3
"""Fits the polynomials of the Tanhshrink lanes: x - tanh(x) = x^3 P(x^2) for |x| < 1.

P(s) approximates g(s) = (x - tanh x) / x^3, s = x^2 in [0, 1], g(0) = 1/3. The fit is a least-
squares fit in relative error on Chebyshev nodes, at 60 digits with mpmath, close to minimax;
the coefficients are then rounded to Double and the relative error measured on a dense grid.
Usage: Scripts/tanhshrink_polynomial.py DEGREE
"""
import sys

import mpmath as mp

mp.mp.dps = 60


def g(s):
    if s == 0:
        return mp.mpf(1) / 3
    x = mp.sqrt(s)
    return (x - mp.tanh(x)) / x**3


def fit(degree, nodes=200):
    points = [(1 - mp.cos(mp.pi * (i + mp.mpf(0.5)) / nodes)) / 2 for i in range(nodes)]
    rows = [[s**j / g(s) for j in range(degree + 1)] for s in points]
    a = mp.matrix(rows)
    b = mp.matrix([1] * nodes)
    coefficients = mp.lu_solve(a.T * a, a.T * b)
    return [float(c) for c in coefficients]


def worst(coefficients, samples=20000):
    result = 0
    for i in range(samples + 1):
        s = mp.mpf(i) / samples
        p = mp.mpf(0)
        for c in reversed(coefficients):
            p = p * s + mp.mpf(c)
        result = max(result, abs(p / g(s) - 1))
    return result


if __name__ == "__main__":
    degree = int(sys.argv[1])
    c = fit(degree)
    print(f"degree {degree}: max relative error {mp.nstr(worst(c), 3)}")
    for value in c:
        print(f"{value!r},")
