"""
Independent reference values for the escape exponent ΔΦ and the exact MFPT on scenarios whose Hessian noise
C = |L''| + floor has a kink inside the well (issue 16, item 7). Nothing here comes from src/: the landscapes,
the noise, the optimizer models and both conventions are written out from the formulas of docs/theory.md §1
and from the documented construction of the well-barrier profile (L'' = Ha, Ha − k·S(t), −Hb).

    python3 sims/reference/kink_reference.py            (numpy 2.4.6, mpmath 1.3.0; about 5 minutes on 2 cores)

prints the constants recorded in test/theory/kinks.test.ts.

ΔΦ = ∫_a^b P L'/𝒟 dx with 𝒟 = (η/2)P²C/B, i.e. the integrand 2B·L'/(η·P·C), by mpmath's tanh-sinh quadrature at
40 significant digits on subintervals split at the landscape's piece boundaries, at the zero x_k of L'' and at
x_k ± δ·4^j (δ = floor/|L'''(x_k)|, the spike's width), j = −4, −3, … up to the next split point. 'check' is
its relative difference from mpmath's Gauss–Legendre quadrature on the same splits.

MFPT (Gardiner §5.2.7) with Ψ' = P L'/𝒟 (the Itô quasi-potential) and the reflecting wall r:
    Itô:     T = ∫_{x0}^{e} dy e^{Ψ(y)} ∫_r^y e^{−Ψ(z)}/𝒟(z) dz
    Hänggi:  T = ∫_{x0}^{e} dy e^{Ψ(y)}/𝒟(y) ∫_r^y e^{−Ψ(z)} dz
(the Hänggi drift −PL' + 𝒟' has Φ = Ψ − log 𝒟, so 𝒟' is never needed), in float64 by nested composite
Gauss–Legendre: panels between the split points above (each cut into `sub` equal panels, then halved until Ψ
changes by at most 4 across a panel), n nodes per panel;
Ψ and the inner integral at a node are integrated from the panel's start with their own n-point rules
(Ψ at those inner nodes by a third level); only differences of Ψ are exponentiated. 'check' is the relative change from (n, sub) = (24, 4) to (32, 8).
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 40


# ----------------------------------------------------------------------------------------------------------
# Landscapes: L', L'', L''' for one mpf (scalar) or a float64 array (vector), and the points where they are
# not smooth


def well_barrier(Ha, Hb, dL):
    """L'' = Ha (x ≤ w1), Ha − k·S(t) (t = (x − w1)/w ∈ [0, 1], S = 3t² − 2t³), −Hb (x ≥ x2); L(0) = L'(0) = 0;
    k = Ha + Hb, w1 = w(1 + Hb/Ha)/2, x2 = w1 + w, barrier top b = x2 + Ha·w/Hb, w chosen so that L(b) = dL."""
    Ha, Hb, dL = mp.mpf(Ha), mp.mpf(Hb), mp.mpf(dL)
    k, r = Ha + Hb, Hb / Ha
    x2unit = (1 + r) / 2 + 1
    dL1 = Ha * x2unit**2 / 2 - k * mp.mpf(3) / 20 + Ha**2 / (2 * Hb)  # L(b) at w = 1
    w = mp.sqrt(dL / dL1)
    w1 = w * (1 + r) / 2
    x2 = w1 + w
    b = x2 + Ha * w / Hb

    def d1(x):
        if x <= w1:
            return Ha * x
        if x < x2:
            t = (x - w1) / w
            return Ha * x - k * w * (t**3 - t**4 / 2)
        return -Hb * (x - b)

    def d2(x):
        if x <= w1:
            return Ha
        if x < x2:
            t = (x - w1) / w
            return Ha - k * t * t * (3 - 2 * t)
        return -Hb

    def d3(x):
        if w1 < x < x2:
            t = (x - w1) / w
            return -6 * k * t * (1 - t) / w
        return mp.mpf(0)

    f = {n: float(v) for n, v in dict(Ha=Ha, Hb=Hb, k=k, w=w, w1=w1, x2=x2, b=b).items()}

    def v1(x):
        t = (x - f['w1']) / f['w']
        return np.where(x <= f['w1'], f['Ha'] * x,
                        np.where(x < f['x2'], f['Ha'] * x - f['k'] * f['w'] * (t**3 - t**4 / 2), -f['Hb'] * (x - f['b'])))

    def v2(x):
        t = (x - f['w1']) / f['w']
        return np.where(x <= f['w1'], f['Ha'], np.where(x < f['x2'], f['Ha'] - f['k'] * t * t * (3 - 2 * t), -f['Hb']))

    tk = mp.findroot(lambda t: Ha - k * t * t * (3 - 2 * t), (mp.mpf(0), mp.mpf(1)), solver='anderson')
    return dict(d1=d1, d2=d2, d3=d3, v1=v1, v2=v2, a=mp.mpf(0), b=b, kink=w1 + w * tk, smooth_breaks=[w1, x2],
                wall=-3 * mp.sqrt(2 * dL / Ha), exit=b + 1, start=mp.mpf(0))


def quartic():
    """L = x⁴/4 − x²/2: minimum −1, barrier top 0, L'' = 3x² − 1 = 0 at −1/√3 (an inflection point in the well)."""
    return dict(d1=lambda x: x**3 - x, d2=lambda x: 3 * x * x - 1, d3=lambda x: 6 * x,
                v1=lambda x: x**3 - x, v2=lambda x: 3 * x * x - 1,
                a=mp.mpf(-1), b=mp.mpf(0), kink=-1 / mp.sqrt(3), smooth_breaks=[],
                wall=mp.mpf(-3), exit=mp.mpf('0.5'), start=mp.mpf(-1))


# ----------------------------------------------------------------------------------------------------------
# Models (docs/theory.md §1): v = L'² + m·C/B + m0, P(v), 𝒟 = (η/2)P²C/B. `xp` is mpmath or numpy.


def model(name, eps=1e-8, p=None, beta1=0.9, beta2=0.999):
    m, m0 = 1.0, 0.0
    if name == 'sgd':
        P = lambda v, xp: v * 0 + 1  # noqa: E731
    elif name == 'adam':
        P = lambda v, xp: 1 / (xp.sqrt(v) + eps)  # noqa: E731
    elif name == 'invadam':
        P = lambda v, xp: xp.sqrt(v) + eps  # noqa: E731
    elif name == 'padam':
        P = lambda v, xp: (xp.sqrt(v) + eps) ** (-2 * p)  # noqa: E731
    elif name == 'power':
        P = lambda v, xp: v ** (-p)  # noqa: E731
    elif name == 'adamomentum':
        m, m0 = (1 - beta1) / (1 + beta1), eps / (1 - beta2)
        P = lambda v, xp: 1 / xp.sqrt(v)  # noqa: E731
    else:
        raise ValueError(name)
    return dict(P=P, m=m, m0=m0)


def coefficients(land, mod, eta, B, floor, vector):
    """x ↦ (ψ = P L'/𝒟, 𝒟): on one mpf, or (vector) on a float64 array"""
    xp, d1, d2 = (np, land['v1'], land['v2']) if vector else (mp, land['d1'], land['d2'])
    cast = (lambda c: c) if vector else mp.mpf
    eta, B, floor, m, m0 = (cast(c) for c in (eta, B, floor, mod['m'], mod['m0']))

    def at(x):
        g = d1(x)
        C = abs(d2(x)) + floor
        v = g * g + m * C / B + m0
        P = mod['P'](v, xp)
        D = eta / 2 * P * P * C / B
        return P * g / D, D
    return at


def splits(land, floor, lo, hi):
    """piece boundaries, the kink and the graded points x_k ± δ·4^j inside (lo, hi)"""
    xk = land['kink']
    delta = mp.mpf(floor) / abs(land['d3'](xk))
    pts = {lo, hi}
    pts.update(x for x in land['smooth_breaks'] + [xk] if lo < x < hi)
    for side in (-1, 1):
        j = -4
        while True:
            x = xk + side * delta * mp.mpf(4) ** j
            if not lo < x < hi:
                break
            pts.add(x)
            j += 1
    return sorted(pts)


def exponent(land, mod, eta, B, floor):
    psi = coefficients(land, mod, eta, B, floor, vector=False)
    pts = splits(land, floor, land['a'], land['b'])
    f = lambda x: psi(x)[0]  # noqa: E731
    ts = mp.quad(f, pts, method='tanh-sinh')
    gl = mp.quad(f, pts, method='gauss-legendre')
    return ts, abs(gl / ts - 1)


# ----------------------------------------------------------------------------------------------------------
# Exact MFPT by nested composite Gauss–Legendre in float64


def mfpt(land, mod, eta, B, floor, convention, n, sub):
    """T with the inner integral kept as Ĝ(x) = ∫_r^x e^{Ψ(x)−Ψ(z)}/𝒟(z) dz (Itô; Hänggi without 1/𝒟), so that only
    differences of Ψ are exponentiated: T = Σ_panels ∫_lo^hi dy e^{Ψ(y)−Ψ(lo)}·[Ĝ(lo) + ∫_lo^y e^{Ψ(lo)−Ψ(z)}/𝒟(z) dz]
    (Hänggi: times 1/𝒟(y))"""
    co = coefficients(land, mod, eta, B, floor, vector=True)
    t, w = np.polynomial.legendre.leggauss(n)
    u, wu = (t + 1) / 2, w / 2  # nodes and weights on [0, 1]
    x0 = float(land['start'])
    cuts = sorted({float(x) for x in splits(land, floor, land['wall'], land['exit'])} | {x0})
    # each interval between cuts into `sub` equal panels, then panels halved until Ψ changes by ≤ 4 across each
    # (past the barrier top Ψ falls by thousands: e^{Ψ(y)−Ψ(z)} must stay smooth on a panel)
    edges, todo = [cuts[-1]], []
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        todo += [(a, b) for a, b in zip(np.linspace(lo, hi, sub + 1)[:-1], np.linspace(lo, hi, sub + 1)[1:])]
    while todo:
        lo, hi = todo.pop()
        if abs((hi - lo) * (co(lo + (hi - lo) * u)[0] @ wu)) > 4:
            m = 0.5 * (lo + hi)
            todo += [(lo, m), (m, hi)]
        else:
            edges.append(lo)
    edges = np.array(sorted(edges))
    ito = convention == 'ito'
    Ghat = 0.0
    T = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        h = hi - lo
        X = lo + h * u                                     # the panel's nodes
        Z = lo + (X - lo)[:, None] * u[None, :]            # inner nodes on [lo, X_i]
        Y = lo + (Z - lo)[:, :, None] * u[None, None, :]   # innermost nodes on [lo, Z_ij]
        # Ψ(·) − Ψ(lo) at X_i and Z_ij, and 𝒟 there
        psiX = (X - lo) * (co(Z)[0] @ wu)
        psiZ = (Z - lo) * (co(Y)[0] @ wu)
        DX, DZ = co(X)[1], co(Z)[1]
        # e^{Ψ(X_i)−Ψ(lo)}·Ĝ(lo) + ∫_lo^{X_i} e^{Ψ(X_i)−Ψ(z)}/𝒟(z) dz = Ĝ(X_i)
        GX = np.exp(psiX) * Ghat + (X - lo) * ((np.exp(psiX[:, None] - psiZ) / (DZ if ito else 1)) @ wu)
        if lo >= x0:
            T += h * ((GX if ito else GX / DX) @ wu)
        # Ĝ(hi) by the same rule with X_i → hi: nodes Z = lo + h·u, Ψ(Z_j) − Ψ(lo) as psiX above
        psiH = h * (co(X)[0] @ wu)
        Ghat = np.exp(psiH) * Ghat + h * ((np.exp(psiH - psiX) / (DX if ito else 1)) @ wu)
    return T


def run():
    models = [('sgd', {}), ('adam', {}), ('invadam', {}), ('padam', {'p': 0.25}), ('power', {'p': 0.125}),
              ('adamomentum', {'eps': 1e-16})]
    scenarios = [
        ('wb1', well_barrier(1, 100, 0.05), dict(eta=0.01, B=1, floor=1e-3)),
        ('wb2', well_barrier(2, 400, 0.0125), dict(eta=0.01, B=1, floor=2.5e-4)),
        ('wb3', well_barrier(1.5, 20, 0.05), dict(eta=0.02, B=4, floor=1e-2)),
        ('quartic', quartic(), dict(eta=0.05, B=1, floor=1e-4)),
    ]
    for sname, land, par in scenarios:
        print(f'{sname}: kink x_k = {mp.nstr(land["kink"], 20)}, barrier top b = {mp.nstr(land["b"], 20)}')
        for mname, extra in models:
            mod = model(mname, **extra)
            dphi, check = exponent(land, mod, **par)
            print(f'  {mname:12s} dPhi = {mp.nstr(dphi, 17)}  (check {mp.nstr(check, 2)})')
            if mname in ('sgd', 'adam', 'invadam'):
                for conv in ('ito', 'hanggi'):
                    t1 = mfpt(land, mod, **par, convention=conv, n=24, sub=4)
                    t2 = mfpt(land, mod, **par, convention=conv, n=32, sub=8)
                    print(f'  {"":12s} T_{conv:6s} = {t2:.15e}  (check {abs(t1 / t2 - 1):.1e})')


if __name__ == '__main__':
    run()
