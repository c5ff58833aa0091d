"""The seeds' whole-network gradient check (seed 004), in numpy, on the network and data that
layerkit-benchmark writes. Perturbs one parameter at a time (a fresh copy of theta each time,
epsilon = 1e-7), runs two full forward passes each, and prints one JSON line:
{"seconds": ..., "difference": ..., "parameters": ...}.

Usage: python3 numpy_gradient_check.py <data.bin> <layer sizes, e.g. 12288,5,5,1>
The file holds float64 values: x (n0), y (1), then W (n_{l-1} x n_l, row-major) and b (n_l)
for every layer.
"""
import json
import sys
import time

import numpy as np
from numpy.linalg import norm


def load(path, dims):
    data = np.fromfile(path, dtype="<f8")
    k = 0
    x = data[k:k + dims[0]].reshape(dims[0], 1); k += dims[0]
    y = data[k:k + 1].reshape(1, 1); k += 1
    parameters = {}
    for l in range(1, len(dims)):
        w = data[k:k + dims[l - 1] * dims[l]].reshape(dims[l - 1], dims[l]); k += w.size
        parameters["W" + str(l)] = w.T.copy()  # numpy convention: (n_l, n_{l-1})
        parameters["b" + str(l)] = data[k:k + dims[l]].reshape(dims[l], 1); k += dims[l]
    return x, y, parameters


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(x, parameters, count):
    a = x
    caches = []
    for l in range(1, count + 1):
        z = parameters["W" + str(l)] @ a + parameters["b" + str(l)]
        caches.append((a, z))
        a = sigmoid(z) if l == count else np.tanh(z)
    return a, caches


def cost(al, y):
    m = y.shape[1]
    return float(-(1 / m) * np.sum(y * np.log(al) + (1 - y) * np.log(1 - al)))


def backward(al, y, caches, parameters, count):
    m = y.shape[1]
    grads = {}
    dz = al - y
    for l in range(count, 0, -1):
        a_prev, _ = caches[l - 1]
        grads["dW" + str(l)] = (1 / m) * dz @ a_prev.T
        grads["db" + str(l)] = (1 / m) * np.sum(dz, axis=1, keepdims=True)
        if l > 1:
            da = parameters["W" + str(l)].T @ dz
            dz = da * (1 - np.tanh(caches[l - 2][1]) ** 2)
    return grads


def dictionary_to_vector(parameters, count):
    return np.concatenate([parameters[k + str(l)].reshape(-1, 1)
                           for l in range(1, count + 1) for k in ("W", "b")])


def vector_to_dictionary(vector, dims):
    parameters = {}
    k = 0
    for l in range(1, len(dims)):
        w_dim = dims[l] * dims[l - 1]
        parameters["W" + str(l)] = vector[k:k + w_dim].reshape(dims[l], dims[l - 1])
        parameters["b" + str(l)] = vector[k + w_dim:k + w_dim + dims[l]].reshape(dims[l], 1)
        k += w_dim + dims[l]
    return parameters


def main():
    path, dims = sys.argv[1], [int(d) for d in sys.argv[2].split(",")]
    count = len(dims) - 1
    x, y, parameters = load(path, dims)
    start = time.perf_counter()
    al, caches = forward(x, parameters, count)
    grads = backward(al, y, caches, parameters, count)
    gradients = np.concatenate([grads[k + str(l)].reshape(-1, 1)
                                for l in range(1, count + 1) for k in ("dW", "db")])
    theta = dictionary_to_vector(parameters, count)
    epsilon = 1e-7
    approx = np.zeros_like(theta)
    for i in range(len(theta)):
        plus = np.copy(theta)
        plus[i] = plus[i] + epsilon
        j_plus = cost(forward(x, vector_to_dictionary(plus, dims), count)[0], y)
        minus = np.copy(theta)
        minus[i] = minus[i] - epsilon
        j_minus = cost(forward(x, vector_to_dictionary(minus, dims), count)[0], y)
        approx[i] = (j_plus - j_minus) / (2 * epsilon)
    difference = norm(gradients - approx) / (norm(approx) + norm(gradients))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "difference": float(difference),
                      "parameters": int(len(theta))}))


if __name__ == "__main__":
    main()
