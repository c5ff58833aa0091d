"""mpmath formulas (f and f') of the piecewise and simple activations, for the reference tables.

Imported by Scripts/make-reference-tables.py, which merges every `reference_formulas_*.py` in
this folder. Each entry of FORMULAS is

    "Name": (f, fprime, kinks)

with f and fprime taking and returning mpf, and kinks the points (kinks and jumps) left out of
the tables because f or f' is not a plain function value there (the kit checks those points
against the declared conventions instead). Parameters are the PyTorch defaults the Swift types
use; every one of them is exact in binary (0.5, 1, -1), except SELU's constants, which are
taken here at their full decimal value from PyTorch's documentation, so that the Swift
constants' own rounding is part of the measured error.
"""

from mpmath import mp, mpf, exp, expm1

# PyTorch's SELU constants, exactly as its documentation prints them.
SELU_ALPHA = mpf("1.6732632423543772848170429916717")
SELU_SCALE = mpf("1.0507009873554804934193349852946")

ONE = mpf(1)
ZERO = mpf(0)


def identity(x):
    return x


def relu6(x):
    return min(max(x, ZERO), mpf(6))


def relu6_prime(x):
    return ONE if 0 < x < 6 else ZERO


def hardtanh(x, low=mpf(-1), high=mpf(1)):
    return min(max(x, low), high)


def hardtanh_prime(x, low=mpf(-1), high=mpf(1)):
    return ONE if low < x < high else ZERO


def hardsigmoid(x):
    if x <= -3:
        return ZERO
    if x >= 3:
        return ONE
    return x / 6 + mpf(1) / 2


def hardsigmoid_prime(x):
    return mpf(1) / 6 if -3 < x < 3 else ZERO


def hardswish(x):
    if x <= -3:
        return ZERO
    if x >= 3:
        return x
    return x * (x + 3) / 6


def hardswish_prime(x):
    if x < -3:
        return ZERO
    if x > 3:
        return ONE
    return x / 3 + mpf(1) / 2


def softsign(x):
    return x / (1 + abs(x))


def softsign_prime(x):
    return 1 / (1 + abs(x)) ** 2


def softshrink(x, lam=mpf("0.5")):
    if x > lam:
        return x - lam
    if x < -lam:
        return x + lam
    return ZERO


def softshrink_prime(x, lam=mpf("0.5")):
    return ONE if abs(x) > lam else ZERO


def hardshrink(x, lam=mpf("0.5")):
    return x if abs(x) > lam else ZERO


def hardshrink_prime(x, lam=mpf("0.5")):
    return ONE if abs(x) > lam else ZERO


def elu(x, alpha=ONE):
    return x if x > 0 else alpha * expm1(x)


def elu_prime(x, alpha=ONE):
    return ONE if x > 0 else alpha * exp(x)


def celu(x, alpha=ONE):
    return x if x > 0 else alpha * expm1(x / alpha)


def celu_prime(x, alpha=ONE):
    return ONE if x > 0 else exp(x / alpha)


def selu(x):
    return SELU_SCALE * x if x > 0 else SELU_SCALE * SELU_ALPHA * expm1(x)


def selu_prime(x):
    return SELU_SCALE if x > 0 else SELU_SCALE * SELU_ALPHA * exp(x)


FORMULAS = {
    "Identity": (identity, lambda x: ONE, []),
    "ReLU6": (relu6, relu6_prime, [0, 6]),
    "HardTanh": (hardtanh, hardtanh_prime, [-1, 1]),
    "HardSigmoid": (hardsigmoid, hardsigmoid_prime, [-3, 3]),
    "HardSwish": (hardswish, hardswish_prime, [-3, 3]),
    "Softsign": (softsign, softsign_prime, []),
    "Softshrink": (softshrink, softshrink_prime, [-0.5, 0.5]),
    "Hardshrink": (hardshrink, hardshrink_prime, [-0.5, 0.5]),  # jumps
    "ELU": (elu, elu_prime, []),  # alpha = 1: no kink
    "CELU": (celu, celu_prime, []),  # no kink for any alpha
    "SELU": (selu, selu_prime, [0]),
}
