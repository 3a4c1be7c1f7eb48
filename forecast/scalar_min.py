"""Brent's bounded minimisation of a function of one variable (golden section with parabolic
steps; Brent 1973, ch. 5; Forsythe, Malcolm & Moler 1977, ``fmin``), step for step as SciPy's
``minimize_scalar(method="bounded")`` takes it (``scipy.optimize._optimize.
_minimize_scalar_bounded``, BSD licence), so it returns the same point: written out in plain
floats because Theta's two small fits are called once a series, where SciPy's wrapper cost more
than the search."""

from __future__ import annotations

import math

GOLDEN = 0.5 * (3.0 - math.sqrt(5.0))
SQRT_EPS = math.sqrt(2.2e-16)


def _sign(x: float) -> float:
    """``np.sign(x) + (x == 0)``: -1 or 1."""
    return 1.0 if x >= 0 else -1.0


def minimize_bounded(f, lo: float, hi: float, xatol: float = 1e-5, maxiter: int = 500) -> float:
    """The point in ``[lo, hi]`` where ``f`` is least, to within ``xatol``."""
    a, b = float(lo), float(hi)
    fulc = a + GOLDEN * (b - a)
    nfc = xf = fulc
    rat = e = 0.0
    fx = f(xf)
    num = 1
    ffulc = fnfc = fx
    xm = 0.5 * (a + b)
    tol1 = SQRT_EPS * abs(xf) + xatol / 3.0
    tol2 = 2.0 * tol1
    while abs(xf - xm) > (tol2 - 0.5 * (b - a)):
        golden = True
        if abs(e) > tol1:  # try a parabola through the three best points
            golden = False
            r = (xf - nfc) * (fx - ffulc)
            q = (xf - fulc) * (fx - fnfc)
            p = (xf - fulc) * q - (xf - nfc) * r
            q = 2.0 * (q - r)
            if q > 0.0:
                p = -p
            q = abs(q)
            r = e
            e = rat
            if abs(p) < abs(0.5 * q * r) and p > q * (a - xf) and p < q * (b - xf):
                rat = (p + 0.0) / q
                x = xf + rat
                if (x - a) < tol2 or (b - x) < tol2:
                    rat = tol1 * _sign(xm - xf)
            else:
                golden = True
        if golden:
            e = (a - xf) if xf >= xm else (b - xf)
            rat = GOLDEN * e
        x = xf + _sign(rat) * max(abs(rat), tol1)
        fu = f(x)
        num += 1
        if fu <= fx:
            if x >= xf:
                a = xf
            else:
                b = xf
            fulc, ffulc = nfc, fnfc
            nfc, fnfc = xf, fx
            xf, fx = x, fu
        else:
            if x < xf:
                a = x
            else:
                b = x
            if fu <= fnfc or nfc == xf:
                fulc, ffulc = nfc, fnfc
                nfc, fnfc = x, fu
            elif fu <= ffulc or fulc in (xf, nfc):
                fulc, ffulc = x, fu
        xm = 0.5 * (a + b)
        tol1 = SQRT_EPS * abs(xf) + xatol / 3.0
        tol2 = 2.0 * tol1
        if num >= maxiter:
            break
    return xf
