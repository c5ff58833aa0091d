"""The seed notebooks' training loop in numpy, timed per epoch (for layerkit-train-benchmark).

Usage: python3 numpy_train.py [epochs] [data-dir] [float32] [float64]  (both dtypes by default)
Prints JSON: {"numpy": version, "data": "fashion-mnist" | "synthetic",
              "float64": {"best": s, "epochs": [s, ...]}, "float32": {...}}.

       python3 numpy_train.py --serve [data-dir]
Loads the data, prints {"numpy": version, "data": ..., "count": n} on one line, then answers
each line read from stdin that names a dtype ("float32" or "float64") by training one more
epoch of that dtype's network and printing its seconds on one line; ends at end of input. The
benchmark uses it to alternate numpy's epochs with LayerKit's, one by one.

The network of the seeds' initializer experiment: 784-50-25-10, relu / relu / sigmoid, He
weights, zero biases, binary cross-entropy on one-hot labels, hand-written backward pass with
`np.dot`, minibatch SGD with batch 64 and learning rate 0.005, the examples shuffled each epoch.
The layout is the seeds': features by examples, `Z = np.dot(W, A) + b`. Two differences from
the notebook, both of which make numpy faster: the output layer's gradient is written
`dZ = (A - Y) / m` (what `dA * A * (1 - A)` with the seeds' `dA` simplifies to), and the first
layer's `dA_prev` (which nothing uses) is not computed. Each step also records the batch's cost
and the number of correct predictions, as LayerKit's trainer does. Without the data set the
images are random values of the same shape (`"data": "synthetic"`).
"""

import gzip
import json
import os
import sys
import time

import numpy as np

SIZES = [784, 50, 25, 10]
BATCH = 64
RATE = 0.005


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(directory):
    images = os.path.join(directory, "train-images-idx3-ubyte.gz")
    labels = os.path.join(directory, "train-labels-idx1-ubyte.gz")
    if os.path.exists(images) and os.path.exists(labels):
        x = read_idx(images).reshape(-1, 784).astype(np.float64) / 255.0
        y = read_idx(labels).astype(np.int64)
        name = "fashion-mnist"
    else:
        rng = np.random.default_rng(0)
        x = rng.uniform(0, 1, (60000, 784))
        y = rng.integers(0, 10, 60000)
        name = "synthetic"
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    std[std == 0] = 1.0
    x = (x - mean) / std
    return x, y, name


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


class Network:
    """The seeds' network in `dtype`, trained one epoch at a time."""

    def __init__(self, x_rows, labels, dtype):
        self.rng = np.random.default_rng(1)
        # One example per row, so that a shuffled batch is a gather of contiguous rows; `.T`
        # gives the seeds' features-by-examples view of it without a copy.
        self.X = x_rows.astype(dtype)
        self.Y = (labels[:, None] == np.arange(10)).astype(dtype)  # one-hot, [n, 10]
        self.W = [(self.rng.standard_normal((SIZES[i + 1], SIZES[i]))
                   * np.sqrt(2 / SIZES[i])).astype(dtype) for i in range(3)]
        self.b = [np.zeros((SIZES[i + 1], 1), dtype=dtype) for i in range(3)]
        self.rate = dtype(RATE)

    def epoch(self):
        """Trains one epoch; returns its seconds."""
        X, Y, W, b, rate = self.X, self.Y, self.W, self.b, self.rate
        n = X.shape[0]
        start = time.perf_counter()
        order = self.rng.permutation(n)
        cost_sum = 0.0
        correct = 0
        for s in range(0, n, BATCH):
            index = order[s:s + BATCH]
            A0 = X[index].T
            Yb = Y[index].T
            m = A0.shape[1]
            Z1 = np.dot(W[0], A0) + b[0]
            A1 = np.maximum(Z1, 0)
            Z2 = np.dot(W[1], A1) + b[1]
            A2 = np.maximum(Z2, 0)
            Z3 = np.dot(W[2], A2) + b[2]
            A3 = sigmoid(Z3)
            # The seeds' cost, -Σ(y log a + (1 - y) log(1 - a)) / m, written on the logits so
            # that a saturated sigmoid gives no log(0) (as LayerKit's BinaryCrossEntropy does).
            cost = np.sum(np.maximum(Z3, 0) - Z3 * Yb + np.log1p(np.exp(-np.abs(Z3)))) / m
            cost_sum += float(cost) * m
            correct += int(np.sum(np.argmax(A3, axis=0) == np.argmax(Yb, axis=0)))
            dZ3 = (A3 - Yb) / m
            dW3 = np.dot(dZ3, A2.T)
            db3 = np.sum(dZ3, axis=1, keepdims=True)
            dA2 = np.dot(W[2].T, dZ3)
            dZ2 = dA2 * (Z2 > 0)
            dW2 = np.dot(dZ2, A1.T)
            db2 = np.sum(dZ2, axis=1, keepdims=True)
            dA1 = np.dot(W[1].T, dZ2)
            dZ1 = dA1 * (Z1 > 0)
            dW1 = np.dot(dZ1, A0.T)
            db1 = np.sum(dZ1, axis=1, keepdims=True)
            W[2] -= rate * dW3
            b[2] -= rate * db3
            W[1] -= rate * dW2
            b[1] -= rate * db2
            W[0] -= rate * dW1
            b[0] -= rate * db1
        return time.perf_counter() - start


DTYPES = {"float64": np.float64, "float32": np.float32}


def serve(directory):
    """The --serve mode: one epoch per dtype named on stdin, its seconds on stdout."""
    x, y, name = load(directory)
    print(json.dumps({"numpy": np.__version__, "data": name, "count": int(x.shape[0])}),
          flush=True)
    networks = {}
    for line in sys.stdin:
        key = line.strip()
        if key not in DTYPES:
            print("unknown dtype " + repr(key), flush=True)
            continue
        if key not in networks:
            networks[key] = Network(x, y, DTYPES[key])
        print(networks[key].epoch(), flush=True)


def main():
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2] if len(sys.argv) > 2 else "/usr/share/datasets/fashion-mnist")
        return
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    directory = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/datasets/fashion-mnist"
    x, y, name = load(directory)
    result = {"numpy": np.__version__, "data": name, "count": int(x.shape[0])}
    wanted = sys.argv[3:] or ["float64", "float32"]
    for key, dtype in DTYPES.items():
        if key not in wanted:
            continue
        network = Network(x, y, dtype)
        times = [network.epoch() for _ in range(epochs)]
        result[key] = {"best": min(times), "epochs": times}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
