"""numpy's `a @ b` on the shapes of layerkit-gemm-benchmark, timed like it.

Usage: python3 numpy_gemm.py 'm,n,k,ta,tb[,zeros];...'
(`zeros`: the share of b's entries set to exactly zero, as in a weight gradient behind a ReLU.)
Prints JSON: {"float32": [GFLOP/s per shape], "float64": [...], "numpy": version}.
A transposed operand is a transposed view (`x.T`), as the seeds' code writes it.
"""

import json
import sys
import time

import numpy as np


def rate(m, n, k, ta, tb, zeros, dtype):
    rng = np.random.default_rng(1)
    a = rng.uniform(-1, 1, (k, m) if ta else (m, k)).astype(dtype)
    b = rng.uniform(-1, 1, (n, k) if tb else (k, n)).astype(dtype)
    b[rng.uniform(0, 1, b.shape) < zeros] = 0
    a = a.T if ta else a
    b = b.T if tb else b
    c = a @ b
    best = float("inf")
    for _ in range(5):
        count = 0
        start = time.perf_counter()
        while True:
            c = a @ b
            count += 1
            elapsed = time.perf_counter() - start
            if elapsed >= 0.05:
                break
        best = min(best, elapsed / count)
    del c
    return 2.0 * m * n * k / best / 1e9


shapes = []
for spec in sys.argv[1].split(";"):
    fields = spec.split(",")
    m, n, k, ta, tb = (int(x) for x in fields[:5])
    shapes.append((m, n, k, ta, tb, float(fields[5]) if len(fields) > 5 else 0.0))
print(json.dumps({
    "numpy": np.__version__,
    "float32": [rate(*s, np.float32) for s in shapes],
    "float64": [rate(*s, np.float64) for s in shapes],
}))
