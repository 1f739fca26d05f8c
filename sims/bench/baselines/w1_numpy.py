#!/usr/bin/env python3
"""escapelab external baseline for workload W1, vectorised over trajectories with NumPy.

    dx = -4 x (x^2 - 1) dt + sqrt(2T) dW,  T = 0.25, dt = 1e-3, x0 = -1,
    Euler-Maruyama in float64, exit when x >= 0.5 (checked at grid points only),
    each trajectory runs until it exits or reaches maxSteps (censored).

All alive trajectories advance together, one time step per round of array ops.
Normals come from numpy.random.default_rng(seed).standard_normal (PCG64 + NumPy's
256-layer ziggurat), drawn a block of steps at a time to amortise call overhead.
Each block of K steps stores the K positions of every alive lane (5 in-place
array ops per step, no per-step branch); after the block, the first grid point
with x >= 0.5 of each lane is found with one vectorised argmax, which is exactly
the exit step of the per-step check. The alive set is then compacted, so dead
trajectories cost nothing in later blocks. The step counts are the logical ones
(exit step, or maxSteps if censored); the steps that an exited lane still takes
before its block ends are overhead of this method, not counted.

Usage:  python3 w1_numpy.py N maxSteps seed
Output: one JSON line
  {"impl":"numpy","trajectories":N,"steps":S,"seconds":s,"stepsPerSecond":r,
   "escaped":k,"meanExitTime":m,"exitTimeStdErr":e}
"seconds" covers only the stepping (imports and startup excluded).
"""
import json
import math
import sys
import time

import numpy as np

T, DT, X0, BARRIER = 0.25, 1e-3, -1.0, 0.5
# target number of normals per block (K steps x n alive); K is kept in [MIN_K, MAX_K]
BLOCK_ELEMS, MIN_K, MAX_K = 1 << 18, 16, 4096


def run(n: int, max_steps: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    a = -4.0 * DT  # x' = x + a x (x^2 - 1) + sig z  =  x (c1 + a x^2) + sig z
    c1 = 1.0 - a
    sig = math.sqrt(2.0 * T * DT)

    t0 = time.perf_counter()
    x = np.full(n, X0)
    ids = np.arange(n)  # original index of each alive lane
    exit_step = np.full(n, -1, dtype=np.int64)
    done = 0  # steps completed by every alive lane so far
    # K*m <= max(BLOCK_ELEMS, MIN_K*n) for every block, plus one row for the start
    path_buf = np.empty(max(BLOCK_ELEMS, MIN_K * n) + n)
    tmp = np.empty(n)

    while x.size > 0 and done < max_steps:
        m = x.size
        k_block = int(min(MAX_K, max(MIN_K, BLOCK_ELEMS // m), max_steps - done))
        # rows 1..K first hold the scaled noise, then are overwritten by the path
        path = path_buf[: (k_block + 1) * m].reshape(k_block + 1, m)
        path[0] = x
        rng.standard_normal(out=path[1:])
        path[1:] *= sig
        t = tmp[:m]
        for k in range(k_block):
            xk = path[k]
            np.multiply(xk, xk, out=t)
            t *= a
            t += c1
            t *= xk
            path[k + 1] += t
        # first grid point at or past the barrier, per lane
        crossed = path[1:] >= BARRIER
        hit = crossed.any(axis=0)
        if hit.any():
            first = crossed.argmax(axis=0)
            exit_step[ids[hit]] = done + first[hit] + 1
            alive = ~hit
            x = path[k_block][alive]
            ids = ids[alive]
        else:
            x = path[k_block].copy()
        done += k_block
    seconds = time.perf_counter() - t0

    exited = exit_step[exit_step >= 0]
    escaped = int(exited.size)
    steps = int(exited.sum()) + (n - escaped) * max_steps
    mean = se = None
    if escaped > 0:
        times = exited.astype(np.float64) * DT
        mean = float(times.mean())
        if escaped > 1:
            se = float(times.std(ddof=1) / math.sqrt(escaped))
    return {
        "impl": "numpy",
        "trajectories": n,
        "steps": steps,
        "seconds": seconds,
        "stepsPerSecond": steps / seconds if seconds > 0 else 0.0,
        "escaped": escaped,
        "meanExitTime": mean,
        "exitTimeStdErr": se,
    }


def main(argv: list) -> int:
    if len(argv) != 4:
        print(f"usage: {argv[0]} N maxSteps seed", file=sys.stderr)
        return 2
    n = int(float(argv[1]))
    max_steps = int(float(argv[2]))  # accepts 1e7
    seed = int(argv[3])
    if n <= 0 or max_steps <= 0:
        print("N and maxSteps must be positive", file=sys.stderr)
        return 2
    print(json.dumps(run(n, max_steps, seed), separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
