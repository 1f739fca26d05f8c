"""
Trajectories of PyTorch's own optimizers (torch.optim, float64) on fixed gradient sequences, written to
test/optimizers/fixtures/torch-optim.json for test/optimizers/torch.test.ts (issue 4: "equals the official
PyTorch implementation's to float64 round-off"). Not a project dependency: run it where torch is installed,
    python3 sims/reference/torch_optim.py
(recorded with torch 2.13.0+cpu). The gradient sequences mix scales from 1e-4 to 10 and include zeros.
"""
import json
import numpy as np
import torch

rng = np.random.default_rng(20261121)

CASES = [
    ("sgd", "SGD", {"lr": 0.05}, {"lr": 0.05}),
    ("sgd", "SGD", {"lr": 0.05, "momentum": 0.8, "dampening": 0.3, "weight_decay": 0.01},
     {"lr": 0.05, "momentum": 0.8, "dampening": 0.3, "weightDecay": 0.01}),
    ("momentum", "SGD", {"lr": 0.02, "momentum": 0.9, "nesterov": True, "weight_decay": 1e-3},
     {"lr": 0.02, "nesterov": True, "weightDecay": 1e-3}),
    ("adam", "Adam", {"lr": 1e-3}, {}),
    ("adam", "Adam", {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.1},
     {"lr": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "weightDecay": 0.1}),
    ("adamw", "AdamW", {"lr": 0.01}, {"lr": 0.01}),
    ("amsgrad", "Adam", {"lr": 0.01, "amsgrad": True}, {"lr": 0.01}),
]

def sequence(dim, steps):
    g = rng.normal(size=(steps, dim)) * 10.0 ** rng.uniform(-4, 1, size=(steps, dim))
    g[rng.uniform(size=(steps, dim)) < 0.05] = 0.0
    return g

out = {"torch": torch.__version__, "cases": []}
for name, cls, kwargs, hyper in CASES:
    for dim, steps in [(1, 40), (3, 60), (6, 25)]:
        theta0 = rng.uniform(-3, 3, size=dim)
        grads = sequence(dim, steps)
        p = torch.nn.Parameter(torch.tensor(theta0, dtype=torch.float64))
        opt = getattr(torch.optim, cls)([p], **kwargs)
        traj = []
        for g in grads:
            p.grad = torch.tensor(g, dtype=torch.float64)
            opt.step()
            traj.append(p.detach().numpy().tolist())
        out["cases"].append({"name": name, "torch": cls, "kwargs": {k: (list(v) if isinstance(v, tuple) else v) for k, v in kwargs.items()},
                             "hyper": hyper, "theta0": theta0.tolist(), "grads": grads.tolist(), "trajectory": traj})

with open("test/optimizers/fixtures/torch-optim.json", "w") as f:
    json.dump(out, f)
print(f"{len(out['cases'])} cases written with torch {torch.__version__}")
