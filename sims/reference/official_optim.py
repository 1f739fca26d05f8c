"""
Trajectories of the authors' own optimizer classes (float64) on fixed gradient sequences, written to
test/optimizers/fixtures/official-optim.json for test/optimizers/official.test.ts (issue 4: "equals ... the
authors' repositories for DualAdam, Padam, AdaM³, AdaBound, Adai to float64 round-off").

The official files are NOT part of escapelab. Put copies of them in a folder and pass it:
    python3 sims/reference/official_optim.py /path/to/official
with DualAdam.py (LongJin-lab/DualAdam @ e40133b), Padam.py (uclaml/Padam @ 26212ab), AdaM3.py (wyzjack/AdaM3
SNGAN/AdaM3.py @ 6731391; its constructor prints and docstrings may be dropped, and the class is used with
rectify=False, the branch escapelab implements), adai.py (zeke-xie/adaptive-inertia-adai adai_optim/adai.py
@ 1b6ff99) adabound.py (Luolc/AdaBound adabound/adabound.py @ 324c8b9) and ndadam.py (zj10/ND-Adam pytorch/ndadam.py
@ 0b620ca). Recorded with torch 2.13.0+cpu.
"""
import json
import sys
import numpy as np
import torch

sys.path.insert(0, sys.argv[1])
from DualAdam import DualAdam  # noqa: E402
from Padam import Padam  # noqa: E402
from AdaM3 import AdaM3  # noqa: E402
from adai import Adai  # noqa: E402
from adabound import AdaBound  # noqa: E402
from ndadam import NDAdam  # noqa: E402

# NDAdam allocates its per-vector second moment with torch.zeros(shape): make that float64 too
torch.set_default_dtype(torch.float64)

rng = np.random.default_rng(20261122)

# (our name, our hyperparameters, constructor, its kwargs)
CASES = [
    ("dualadam", {}, DualAdam, {}),
    ("dualadam", {"lr": 0.01, "switchRate": 0.05, "weightDecay": 0.1}, DualAdam, {"lr": 0.01, "switch_rate": 0.05, "weight_decay": 0.1}),
    ("padam", {}, Padam, {}),
    ("padam", {"partial": 0.125, "amsgrad": False, "weightDecay": 5e-4}, Padam, {"partial": 0.125, "amsgrad": False, "weight_decay": 5e-4}),
    ("adamomentum", {}, AdaM3, {"rectify": False}),
    ("adamomentum", {"eps": 1e-8, "weightDecay": 5e-4, "decoupled": False}, AdaM3, {"eps": 1e-8, "weight_decay": 5e-4, "weight_decouple": False, "rectify": False}),
    ("adamomentum", {"lr": 0.01, "weightDecay": 0.1}, AdaM3, {"lr": 0.01, "weight_decay": 0.1, "rectify": False}),
    ("adai", {"lr": 0.1}, Adai, {"lr": 0.1}),
    ("adai", {"lr": 0.05, "weightDecay": 1e-3, "decoupled": True}, Adai, {"lr": 0.05, "weight_decay": 1e-3, "decoupled": True}),
    ("adabound", {}, AdaBound, {}),
    ("adabound", {"lr": 0.01, "finalLr": 0.05, "weightDecay": 1e-3, "amsgrad": True}, AdaBound, {"lr": 0.01, "final_lr": 0.05, "weight_decay": 1e-3, "amsbound": True}),
    # ND-Adam: parameters shaped [vectors, 3] with vec_axes=[1], i.e. consecutive vectors of size 3
    ("ndadam", {"vectorSize": 3}, NDAdam, {"vec_axes": [1]}),
    ("ndadam", {"vectorSize": 3, "lr": 0.04, "beta2": 0.99, "weightDecay": 1e-3}, NDAdam, {"lr": 0.04, "betas": (0.9, 0.99), "weight_decay": 1e-3, "vec_axes": [1]}),
]

def sequence(dim, steps):
    g = rng.normal(size=(steps, dim)) * 10.0 ** rng.uniform(-4, 1, size=(steps, dim))
    return g

out = {"torch": torch.__version__, "cases": []}
for name, hyper, cls, kwargs in CASES:
    for dim, steps in ([(3, 40), (6, 120), (12, 25)] if name == "ndadam" else [(1, 40), (3, 120), (6, 25)]):
        theta0 = rng.uniform(-3, 3, size=dim)
        grads = sequence(dim, steps)
        shape = (dim // 3, 3) if name == "ndadam" else (dim,)
        p = torch.nn.Parameter(torch.tensor(theta0, dtype=torch.float64).reshape(shape))
        opt = cls([p], **kwargs)
        traj = []
        for g in grads:
            p.grad = torch.tensor(g, dtype=torch.float64).reshape(shape)
            opt.step()
            traj.append(p.detach().numpy().reshape(-1).tolist())
        out["cases"].append({"name": name, "hyper": hyper, "official": cls.__name__, "kwargs": {k: (list(v) if isinstance(v, tuple) else v) for k, v in kwargs.items()},
                             "theta0": theta0.tolist(), "grads": grads.tolist(), "trajectory": traj})

with open("test/optimizers/fixtures/official-optim.json", "w") as f:
    json.dump(out, f)
print(f"{len(out['cases'])} cases written with torch {torch.__version__}")
