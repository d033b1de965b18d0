"""Reference values for MLCore's Matrix/LAPACK tests, made with NumPy (numpy 2.x, OpenBLAS).

Run from this folder: python3 generate.py  -> linalg_reference.json
The Swift tests read the JSON; they never run this script.
"""
import json
import numpy as np

rng = np.random.default_rng(20261123)


def mat(a):
    a = np.asarray(a, dtype=np.float64)
    return {"rows": int(a.shape[0]), "columns": int(a.shape[1]), "data": [float(x) for x in a.ravel()]}


def vec(v):
    return [float(x) for x in np.asarray(v, dtype=np.float64).ravel()]


cases = []
square = [
    np.array([[4.0, 1.0], [1.0, 3.0]]),
    np.array([[2.0, -1.0, 0.0], [-1.0, 2.0, -1.0], [0.0, -1.0, 2.0]]),
    rng.standard_normal((5, 5)),
    rng.standard_normal((12, 12)),
]
for i, a in enumerate(square):
    b = rng.standard_normal((a.shape[0], 3))
    spd = a @ a.T + a.shape[0] * np.eye(a.shape[0])
    c = np.linalg.cholesky(spd)
    w, _ = np.linalg.eigh(spd)
    cases.append({
        "name": f"square{i}",
        "a": mat(a), "b": mat(b),
        "solve": mat(np.linalg.solve(a, b)),
        "inverse": mat(np.linalg.inv(a)),
        "spd": mat(spd),
        "cholesky_lower": mat(c),
        "cholesky_solve": mat(np.linalg.solve(spd, b)),
        "eigenvalues": vec(w),
        "singular_values": vec(np.linalg.svd(a, compute_uv=False)),
        "gemm_ab": mat(a @ b),
        "gemm_atb": mat(a.T @ b),
        "gemv_a_b0": vec(a @ b[:, 0]),
        "sum_axis0": vec(a.sum(axis=0)),
        "sum_axis1": vec(a.sum(axis=1)),
        "var_axis0_ddof1": vec(a.var(axis=0, ddof=1)),
        "var_axis1": vec(a.var(axis=1)),
        "frobenius": float(np.linalg.norm(a)),
    })

rect = []
for m, n in [(6, 3), (20, 5), (3, 6)]:
    a = rng.standard_normal((m, n))
    b = rng.standard_normal((m, 2))
    x, *_ = np.linalg.lstsq(a, b, rcond=None)
    rect.append({
        "name": f"rect{m}x{n}",
        "a": mat(a), "b": mat(b),
        "lstsq": mat(x),
        "singular_values": vec(np.linalg.svd(a, compute_uv=False)),
    })

vectors = {"x": vec(rng.standard_normal(17)), "y": vec(rng.standard_normal(17))}
vectors["dot"] = float(np.dot(vectors["x"], vectors["y"]))
vectors["nrm2"] = float(np.linalg.norm(vectors["x"]))
vectors["axpy_2_5"] = vec(2.5 * np.array(vectors["x"]) + np.array(vectors["y"]))

json.dump({"numpy": np.__version__, "square": cases, "rectangular": rect, "vectors": vectors},
          open("linalg_reference.json", "w"), indent=0)
