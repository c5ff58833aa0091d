"""The numpy baseline of layerkit-activations-benchmark: every activation it knows, written the
common way (e.g. `1 / (1 + np.exp(-x))`, `np.tanh(x)`, `np.maximum(x, 0)`), timed over n
uniform points in [-10, 10] in float32 and float64, best of `runs`, for f, f', and f with f'
together (sharing what the textbook form shares, e.g. s * (1 - s) from the sigmoid s).

Usage: python3 numpy_activations.py <n> <runs> <Name> [<Name> ...]
Prints one JSON object: {"numpy": version, "results": {Name: {"float32": {"f": seconds,
"df": seconds, "both": seconds}, "float64": {...}}}}. Names it has no formula for are left out.
Default parameters follow PyTorch, as in LayerKit.
"""
import json
import sys
import time

import numpy as np

try:
    from scipy.special import erf
except ImportError:  # GELU (exact) needs erf, which numpy lacks
    erf = None


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def both_of(f, df):
    return lambda x: (f(x), df(x))


def step(mask, x):
    return mask.astype(x.dtype)


SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
GELU_C = 0.7978845608028654  # sqrt(2 / pi)


def sigmoid_both(x):
    s = sigmoid(x)
    return s, s * (1 - s)


def tanh_both(x):
    t = np.tanh(x)
    return t, 1 - t * t


def silu_both(x):
    s = sigmoid(x)
    return x * s, s * (1 + x * (1 - s))


def mish_both(x):
    t = np.tanh(np.logaddexp(0, x))
    s = sigmoid(x)
    return x * t, t + x * s * (1 - t * t)


def gelu_tanh_both(x):
    t = np.tanh(GELU_C * (x + 0.044715 * x ** 3))
    d = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * x * x)
    return 0.5 * x * (1 + t), d


def gelu_both(x):
    cdf = 0.5 * (1 + erf(x / np.sqrt(2)))
    return x * cdf, cdf + x * np.exp(-0.5 * x * x) / np.sqrt(2 * np.pi)


def tanhshrink_both(x):
    t = np.tanh(x)
    return x - t, t * t


FORMULAS = {
    "Sigmoid": (sigmoid, lambda x: sigmoid_both(x)[1], sigmoid_both),
    "Tanh": (np.tanh, lambda x: 1 - np.tanh(x) ** 2, tanh_both),
    "ReLU": (lambda x: np.maximum(x, 0), lambda x: step(x > 0, x), None),
    "LeakyReLU": (lambda x: np.where(x > 0, x, 0.01 * x),
                  lambda x: np.where(x > 0, x.dtype.type(1), x.dtype.type(0.01)), None),
    "Identity": (lambda x: x.copy(), np.ones_like, None),
    "ReLU6": (lambda x: np.clip(x, 0, 6), lambda x: step((x > 0) & (x < 6), x), None),
    "HardTanh": (lambda x: np.clip(x, -1, 1), lambda x: step((x > -1) & (x < 1), x), None),
    "HardSigmoid": (lambda x: np.clip(x + 3, 0, 6) / 6,
                    lambda x: step((x > -3) & (x < 3), x) / 6, None),
    "HardSwish": (lambda x: x * np.clip(x + 3, 0, 6) / 6,
                  lambda x: np.where(x < -3, 0, np.where(x > 3, 1, (2 * x + 3) / 6)), None),
    "Softsign": (lambda x: x / (1 + np.abs(x)), lambda x: 1 / (1 + np.abs(x)) ** 2, None),
    "Softshrink": (lambda x: np.where(x > 0.5, x - 0.5, np.where(x < -0.5, x + 0.5, 0)),
                   lambda x: step(np.abs(x) > 0.5, x), None),
    "Hardshrink": (lambda x: np.where(np.abs(x) > 0.5, x, 0),
                   lambda x: step(np.abs(x) > 0.5, x), None),
    "ELU": (lambda x: np.where(x > 0, x, np.expm1(x)), lambda x: np.where(x > 0, 1, np.exp(x)),
            None),
    "CELU": (lambda x: np.where(x > 0, x, np.expm1(x)), lambda x: np.where(x > 0, 1, np.exp(x)),
             None),
    "SELU": (lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(x)),
             lambda x: SELU_SCALE * np.where(x > 0, 1, SELU_ALPHA * np.exp(x)), None),
    "Softplus": (lambda x: np.log1p(np.exp(-np.abs(x))) + np.maximum(x, 0), sigmoid, None),
    "LogSigmoid": (lambda x: -np.logaddexp(0, -x), lambda x: 1 / (1 + np.exp(x)), None),
    "SiLU": (lambda x: x * sigmoid(x), lambda x: silu_both(x)[1], silu_both),
    "Mish": (lambda x: x * np.tanh(np.logaddexp(0, x)), lambda x: mish_both(x)[1], mish_both),
    "GELUTanh": (lambda x: gelu_tanh_both(x)[0], lambda x: gelu_tanh_both(x)[1],
                 gelu_tanh_both),
    "Tanhshrink": (lambda x: x - np.tanh(x), lambda x: np.tanh(x) ** 2, tanhshrink_both),
}
if erf is not None:
    FORMULAS["GELU"] = (lambda x: gelu_both(x)[0], lambda x: gelu_both(x)[1], gelu_both)


def best(function, x, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function(x)
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    n, runs, names = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    rng = np.random.default_rng(2026)
    inputs = {"float64": rng.uniform(-10, 10, n)}
    inputs["float32"] = inputs["float64"].astype(np.float32)
    results = {}
    for name in names:
        if name not in FORMULAS:
            continue
        f, df, both = FORMULAS[name]
        both = both or both_of(f, df)
        results[name] = {
            dtype: {"f": best(f, x, runs), "df": best(df, x, runs), "both": best(both, x, runs)}
            for dtype, x in inputs.items()
        }
    print(json.dumps({"numpy": np.__version__, "results": results}))


if __name__ == "__main__":
    main()
