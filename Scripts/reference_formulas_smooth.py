"""mpmath formulas (f and f') of the smooth activations, for the reference tables.

Imported by Scripts/make-reference-tables.py, which merges every `reference_formulas_*.py` in
this folder; each entry of FORMULAS is "Name": (f, fprime, kinks), f and fprime taking and
returning mpf. None of these has a kink. Parameters are PyTorch's defaults (Softplus β = 1);
GELUTanh uses √(2/π) exactly and the decimal 0.044715, as PyTorch's documentation writes them,
so the rounding of the Swift constants is part of the measured error.

Every formula is written so that mpmath does not cancel either (σ(−x) rather than 1 − σ(x),
1 + tanh(u) as 2σ(2u)): at the tails and tiny arguments a cancellation in the reference would
cost more digits than the working precision's margin.
"""

from mpmath import mp, mpf, exp, log1p, tanh, erfc, sqrt, pi



def gelu_tanh_cubic():
    """PyTorch's 0.044715, exactly, at the working precision of the call (not of the import)."""
    return mpf(44715) / 10**6


def sigmoid(x):
    return 1 / (1 + exp(-x))


def softplus(x):
    return log1p(exp(x))


def softplus_prime(x):
    return sigmoid(x)


def log_sigmoid(x):
    return -log1p(exp(-x))


def log_sigmoid_prime(x):
    return sigmoid(-x)


def silu(x):
    return x * sigmoid(x)


def silu_prime(x):
    return sigmoid(x) * (1 + x * sigmoid(-x))


def mish(x):
    return x * tanh(softplus(x))


def mish_prime(x):
    t = tanh(softplus(x))
    return t + x * (1 - t * t) * sigmoid(x)


def normal_cdf(x):
    return erfc(-x / sqrt(2)) / 2


def normal_density(x):
    return exp(-x * x / 2) / sqrt(2 * pi)


def gelu(x):
    return x * normal_cdf(x)


def gelu_prime(x):
    return normal_cdf(x) + x * normal_density(x)


def gelu_tanh_v(x):
    return 2 * sqrt(2 / pi) * (x + gelu_tanh_cubic() * x ** 3)


def gelu_tanh(x):
    return x * sigmoid(gelu_tanh_v(x))


def gelu_tanh_prime(x):
    v = gelu_tanh_v(x)
    v_prime = 2 * sqrt(2 / pi) * (1 + 3 * gelu_tanh_cubic() * x ** 2)
    return sigmoid(v) + x * sigmoid(v) * sigmoid(-v) * v_prime


def tanhshrink(x):
    # x - tanh(x) ~ x^3/3 cancels about 2 |log10 x| digits near 0: add them to the precision.
    extra = 10 + (int(-2 * mp.log10(abs(x))) if 0 < abs(x) < 1 else 0)
    with mp.extradps(extra):
        return +(x - tanh(x))


def tanhshrink_prime(x):
    return tanh(x) ** 2


FORMULAS = {
    "Softplus": (softplus, softplus_prime, []),
    "LogSigmoid": (log_sigmoid, log_sigmoid_prime, []),
    "SiLU": (silu, silu_prime, []),
    "Mish": (mish, mish_prime, []),
    "GELU": (gelu, gelu_prime, []),
    "GELUTanh": (gelu_tanh, gelu_tanh_prime, []),
    "Tanhshrink": (tanhshrink, tanhshrink_prime, []),
}
