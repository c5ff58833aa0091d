#!/usr/bin/env python3
"""PyTorch's GRU and LSTM equations (torch.nn.GRU / torch.nn.LSTM, one layer, batch_first=True)
in plain numpy, for the fixed small case of Tests/LayerCheckTests/GatedRecurrentTests.swift.

Written from the equations in PyTorch's documentation, independently of the Swift layers:
row blocks (r, z, n) for the GRU and (i, f, g, o) for the LSTM, weight_ih [G*H, I],
weight_hh [G*H, H], bias_ih and bias_hh [G*H].

The values are short decimals from integer formulas, so that the test builds the same Doubles:
  entry k of parameter tensor p (weight_ih, weight_hh, bias_ih, bias_hh = 0, 1, 2, 3):
      ((7 k + 3 p) mod 11 - 5) / 10
  entry k of the input [batch 2, time 3, input 2]:       ((5 k) mod 9 - 4) / 5
  entry k of the initial state [batch, state width]:     ((3 k) mod 7 - 3) / 4
(the LSTM's state row is h0 then c0). Prints every output entry, batch-major [batch, time, H].

    python3 Scripts/gated_recurrent_reference.py
"""

import numpy as np

BATCH, TIME, INPUT, HIDDEN = 2, 3, 2, 2


def parameters(gates):
    shapes = [(gates * HIDDEN, INPUT), (gates * HIDDEN, HIDDEN), (gates * HIDDEN,), (gates * HIDDEN,)]
    result = []
    for p, shape in enumerate(shapes):
        count = int(np.prod(shape))
        values = [float((7 * k + 3 * p) % 11 - 5) / 10 for k in range(count)]
        result.append(np.array(values).reshape(shape))
    return result


def sequence():
    values = [float((5 * k) % 9 - 4) / 5 for k in range(BATCH * TIME * INPUT)]
    return np.array(values).reshape(BATCH, TIME, INPUT)


def state(width):
    values = [float((3 * k) % 7 - 3) / 4 for k in range(BATCH * width)]
    return np.array(values).reshape(BATCH, width)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def gru(x, h):
    w_ih, w_hh, b_ih, b_hh = parameters(3)
    H = HIDDEN
    out = []
    for t in range(TIME):
        a = x[:, t, :] @ w_ih.T + b_ih
        c = h @ w_hh.T + b_hh
        r = sigmoid(a[:, :H] + c[:, :H])
        z = sigmoid(a[:, H:2 * H] + c[:, H:2 * H])
        n = np.tanh(a[:, 2 * H:] + r * c[:, 2 * H:])
        h = (1 - z) * n + z * h
        out.append(h)
    return np.stack(out, axis=1)


def lstm(x, h, c):
    w_ih, w_hh, b_ih, b_hh = parameters(4)
    H = HIDDEN
    out = []
    for t in range(TIME):
        a = x[:, t, :] @ w_ih.T + b_ih + h @ w_hh.T + b_hh
        i = sigmoid(a[:, :H])
        f = sigmoid(a[:, H:2 * H])
        g = np.tanh(a[:, 2 * H:3 * H])
        o = sigmoid(a[:, 3 * H:])
        c = f * c + i * g
        h = o * np.tanh(c)
        out.append(h)
    return np.stack(out, axis=1)


def show(name, values):
    print(f"{name}: [" + ", ".join(repr(float(v)) for v in values.reshape(-1)) + "]")


x = sequence()
show("GRU, zero state", gru(x, np.zeros((BATCH, HIDDEN))))
show("GRU, initial state", gru(x, state(HIDDEN)))
show("LSTM, zero state", lstm(x, np.zeros((BATCH, HIDDEN)), np.zeros((BATCH, HIDDEN))))
s = state(2 * HIDDEN)
show("LSTM, initial state", lstm(x, s[:, :HIDDEN], s[:, HIDDEN:]))
