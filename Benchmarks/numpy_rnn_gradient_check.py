"""The seed slides' RNN gradient check (seed 003, "Jednostavan primjer s RNN-om"), in numpy, on
the character-level RNN and the fixed sequence that layerkit-benchmark writes: a vanilla RNN
h_t = tanh(U x_t + W h_{t-1} + b), o_t = V h_t + c, loss summed softmax cross-entropy over the
sequence, gradients by BPTT, then for parameter entries a fresh copy of the parameters with the
entry at theta + h and theta - h (h = 1e-5), two full forward passes, and the slides'
`are_equal`: |a - n| / max(max(|a|, |n|), 1e-10). The data are fixed: every forward pass reads
the same sequence (the slides' `data.get_next()` would draw a new one per call).

The time of one entry is the same for every entry (two full forward passes), so by default the
script checks every `stride`-th entry of each tensor and extrapolates the time to all entries;
`stride` 1 checks them all. Prints one JSON line: {"seconds": measured, "entries": checked,
"parameters": all, "extrapolated": seconds for all, "largest_relative_error": ...,
"difference": ||a - n|| / (||a|| + ||n||) over the checked entries, "analytic_vs_layerkit":
max |a_numpy - a_layerkit|}.

Usage: python3 numpy_rnn_gradient_check.py <data.bin> <vocab,hidden,time> [stride]
The file holds float64 values: the T + 1 symbols, U (hidden x vocab), W (hidden x hidden),
b (hidden), V (vocab x hidden), c (vocab), all row-major, then LayerKit's analytic gradients of
U, W, b, V, c in the same layout.
"""
import json
import sys
import time

import numpy as np

NAMES = ["U", "W", "b", "V", "c"]


def load(path, vocab, hidden, steps):
    data = np.fromfile(path, dtype="<f8")
    shapes = [(hidden, vocab), (hidden, hidden), (hidden, 1), (vocab, hidden), (vocab, 1)]
    symbols = data[:steps + 1].astype(int)
    k = steps + 1
    params, layerkit = {}, {}
    for target in (params, layerkit):
        for name, shape in zip(NAMES, shapes):
            size = shape[0] * shape[1]
            target[name] = data[k:k + size].reshape(shape).copy()
            k += size
    return symbols, params, layerkit


def one_hot(symbol, vocab):
    x = np.zeros((vocab, 1))
    x[symbol] = 1
    return x


def forward_loss(h0, xs, ys, p):
    h = h0
    loss = 0.0
    for x, y in zip(xs, ys):
        h = np.tanh(p["U"] @ x + p["W"] @ h + p["b"])
        o = p["V"] @ h + p["c"]
        m = o.max()
        loss += (m + np.log(np.exp(o - m).sum())) - o[y, 0]
    return loss


def forward_backward(h0, xs, ys, p):
    hs, ps = [h0], []
    for x in xs:
        h = np.tanh(p["U"] @ x + p["W"] @ hs[-1] + p["b"])
        o = p["V"] @ h + p["c"]
        e = np.exp(o - o.max())
        hs.append(h)
        ps.append(e / e.sum())
    grads = {name: np.zeros_like(value) for name, value in p.items()}
    carry = np.zeros_like(h0)
    for t in reversed(range(len(xs))):
        g = ps[t].copy()
        g[ys[t]] -= 1
        grads["V"] += g @ hs[t + 1].T
        grads["c"] += g
        delta = (p["V"].T @ g + carry) * (1 - hs[t + 1] ** 2)
        grads["U"] += delta @ xs[t].T
        grads["W"] += delta @ hs[t].T
        grads["b"] += delta
        carry = p["W"].T @ delta
    return grads


def are_equal(a_grad, n_grad, tol):
    abs_err = abs(a_grad - n_grad)
    abs_max = max(1e-10, max(abs(a_grad), abs(n_grad)))
    return abs_err / abs_max, abs_err / abs_max < tol


def main():
    vocab, hidden, steps = (int(v) for v in sys.argv[2].split(","))
    stride = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    symbols, params, layerkit = load(sys.argv[1], vocab, hidden, steps)
    xs = [one_hot(s, vocab) for s in symbols[:-1]]
    ys = list(symbols[1:])
    h0 = np.zeros((hidden, 1))
    h = 1e-5
    start = time.perf_counter()
    a_grads = forward_backward(h0, xs, ys, params)
    largest, checked, a_all, n_all = 0.0, 0, [], []
    for name in NAMES:
        for idx in list(np.ndindex(params[name].shape))[::stride]:
            plus = {k: v for k, v in params.items()}
            minus = {k: v for k, v in params.items()}
            plus[name] = params[name].copy()
            plus[name][idx] += h
            minus[name] = params[name].copy()
            minus[name][idx] -= h
            n_grad = (forward_loss(h0, xs, ys, plus) - forward_loss(h0, xs, ys, minus)) / (2 * h)
            error, _ = are_equal(a_grads[name][idx], n_grad, 1e-3)
            largest = max(largest, error)
            a_all.append(a_grads[name][idx])
            n_all.append(n_grad)
            checked += 1
    seconds = time.perf_counter() - start
    a_all, n_all = np.array(a_all), np.array(n_all)
    total = sum(v.size for v in params.values())
    print(json.dumps({
        "seconds": seconds,
        "entries": checked,
        "parameters": total,
        "extrapolated": seconds * total / checked,
        "largest_relative_error": largest,
        "difference": float(np.linalg.norm(a_all - n_all)
                            / (np.linalg.norm(a_all) + np.linalg.norm(n_all))),
        "analytic_vs_layerkit": float(max(np.abs(a_grads[k] - layerkit[k]).max() for k in NAMES)),
    }))


if __name__ == "__main__":
    main()
