"""ONNX models as Python users export them, with onnxruntime's outputs on held-out rows.

Each case is written as a pair next to this script:

    <case>.onnx   the model, exactly as the converter returned it (default options); the te5_*
                  models are TreeEnsembleRegressor models rewritten by this script into the
                  ai.onnx.ml 5 TreeEnsemble op (tree_ensemble_regressor_to_v5)
    <case>.json   description + 25 held-out input rows + onnxruntime's outputs on them

and README.md (regenerated from the results: tool versions, format, case table, failures,
corpus size).  Run from this folder:

    python3 generate.py

Deterministic: fixed seeds, single-threaded training and onnxruntime.  Nothing here needs the
network.  See README.md for the JSON format.
"""
import os
import sys

# skl2onnx builds opset_import (and some names) by iterating over sets of strings, so the bytes of
# the .onnx files depend on Python's string hashing: pin it by re-executing with a fixed seed.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

# Keep CPU use modest and results deterministic (must happen before numpy/xgboost/lightgbm load).
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import contextlib
import glob
import hashlib
import json
import math
import platform
import random
import uuid
import warnings
from importlib.metadata import version as _pkg_version

import numpy as np
import onnx
import onnxruntime as ort
from onnx import AttributeProto, helper, numpy_helper
from onnx.reference import ReferenceEvaluator

from sklearn.compose import ColumnTransformer
from sklearn.datasets import make_classification, make_regression
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.ensemble import (ExtraTreesClassifier, ExtraTreesRegressor, GradientBoostingClassifier,
                              GradientBoostingRegressor, HistGradientBoostingClassifier,
                              HistGradientBoostingRegressor, IsolationForest, RandomForestClassifier,
                              RandomForestRegressor)
from sklearn.impute import SimpleImputer
from sklearn.linear_model import (ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge,
                                  SGDClassifier)
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import (Binarizer, KBinsDiscretizer, MaxAbsScaler, MinMaxScaler,
                                   Normalizer, OneHotEncoder, OrdinalEncoder, PolynomialFeatures,
                                   RobustScaler, StandardScaler)
from sklearn.svm import SVC, SVR, LinearSVC, LinearSVR
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

import skl2onnx
from skl2onnx import convert_sklearn, to_onnx
from skl2onnx.common.data_types import FloatTensorType, StringTensorType

import onnxmltools
from onnxmltools import convert_lightgbm, convert_xgboost
from onnxmltools.convert.common.data_types import FloatTensorType as MLFloatTensorType

import lightgbm
import xgboost

try:
    import pandas as pd
except ImportError:  # the per-column DataFrame cases are skipped without pandas
    pd = None

warnings.filterwarnings("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
N_TRAIN = 300
N_TEST = 25
SKL2ONNX = f"skl2onnx {skl2onnx.__version__}"
ONNXMLTOOLS = f"onnxmltools {onnxmltools.__version__}"

ORT_OPTS = ort.SessionOptions()
ORT_OPTS.intra_op_num_threads = 1
ORT_OPTS.inter_op_num_threads = 1

RESULTS = []   # dicts for the README table
DYNAMIC_NOTES = []  # README notes computed while generating
SHAPE_MISMATCHES = []  # (case, output, declared shape, actual shape)
FAILURES = []  # (case, estimator, stage, error)

# ----------------------------------------------------------------------------------------------
# data (float32 features; train = first 300 rows, held-out = next 25 rows)


def clf_data(n_classes=2, n_features=6, seed=0):
    X, y = make_classification(n_samples=N_TRAIN + N_TEST, n_features=n_features, n_informative=4,
                               n_redundant=1, n_classes=n_classes, n_clusters_per_class=1,
                               class_sep=1.0, flip_y=0.05, random_state=seed)
    X = X.astype(np.float32)
    return X[:N_TRAIN], y[:N_TRAIN], X[N_TRAIN:], y[N_TRAIN:]


def reg_data(n_features=6, seed=0):
    X, y = make_regression(n_samples=N_TRAIN + N_TEST, n_features=n_features, n_informative=5,
                           noise=5.0, random_state=seed)
    X = X.astype(np.float32)
    y = (y / y.std()).astype(np.float64)  # unit scale so MLP/SVR behave with default settings
    return X[:N_TRAIN], y[:N_TRAIN], X[N_TRAIN:], y[N_TRAIN:]


def with_nan(X, rate, seed):
    rng = np.random.default_rng(seed)
    X = X.copy()
    X[rng.random(X.shape) < rate] = np.nan
    return X


def int_valued_data(n_features=6, n_levels=4, seed=0):
    """Integer-valued float32 columns (categories 0..n_levels-1) with a binary target."""
    rng = np.random.default_rng(seed)
    X = rng.integers(0, n_levels, size=(N_TRAIN + N_TEST, n_features)).astype(np.float32)
    w = rng.normal(size=(n_features, n_levels))
    score = sum(w[j, X[:, j].astype(int)] for j in range(n_features))
    y = (score + rng.normal(scale=0.5, size=len(score)) > np.median(score)).astype(np.int64)
    # make sure every level of every column occurs in the training part
    X[:n_levels, :] = np.arange(n_levels, dtype=np.float32)[:, None]
    return X[:N_TRAIN], y[:N_TRAIN], X[N_TRAIN:], y[N_TRAIN:]


COLORS = ["red", "green", "blue"]
SIZES = ["S", "M", "L", "XL"]


def mixed_data(seed=0):
    """3 numeric float32 columns + 2 string columns; the held-out part has unseen categories."""
    rng = np.random.default_rng(seed)
    n = N_TRAIN + N_TEST
    num = rng.normal(size=(n, 3)).astype(np.float32)
    c0 = rng.choice(COLORS, size=n).astype(object)  # object: fixed-width '<U5' would truncate
    c1 = rng.choice(SIZES, size=n).astype(object)
    eff0 = {"red": 1.0, "green": -0.5, "blue": 0.0}
    eff1 = {"S": -1.0, "M": 0.0, "L": 0.5, "XL": 1.0}
    score = num @ np.array([1.0, -1.0, 0.5]) + np.array([eff0[c] for c in c0]) + \
        np.array([eff1[c] for c in c1]) + rng.normal(scale=0.5, size=n)
    y = (score > 0).astype(np.int64)
    # unseen categories in some held-out rows
    c0[N_TRAIN + 2] = "purple"
    c0[N_TRAIN + 7] = "purple"
    c1[N_TRAIN + 7] = "XXL"
    c1[N_TRAIN + 11] = "XS"
    cat = np.stack([c0, c1], axis=1).astype(object)
    return num, cat, y


# ----------------------------------------------------------------------------------------------
# ONNX inspection, onnxruntime run, JSON writing

ORT_TYPES = {"tensor(float)": "float", "tensor(double)": "double", "tensor(int64)": "int64",
             "tensor(string)": "string", "tensor(int32)": "int32", "tensor(bool)": "bool"}


def domain_name(d):
    return "ai.onnx" if d in ("", "ai.onnx") else d


def collect_ops(graph, acc):
    for n in graph.node:
        acc.add(f"{domain_name(n.domain)}:{n.op_type}")
        for a in n.attribute:
            if a.type == AttributeProto.GRAPH:
                collect_ops(a.g, acc)
            elif a.type == AttributeProto.GRAPHS:
                for g in a.graphs:
                    collect_ops(g, acc)
    return acc


def model_ops(model):
    acc = collect_ops(model.graph, set())
    for f in model.functions:
        for n in f.node:
            acc.add(f"{domain_name(n.domain)}:{n.op_type}")
    return sorted(acc)


def model_opsets(model):
    return {domain_name(o.domain): int(o.version) for o in model.opset_import}


def clean_float(v):
    """JSON value for a float: None for NaN; the exact value otherwise (inf is not expected)."""
    v = float(v)
    if math.isnan(v):
        return None
    if math.isinf(v):
        raise ValueError("infinite value; the JSON format has no encoding for it")
    return v


def tensor_json(name, ttype, arr):
    arr = np.asarray(arr)
    flat = arr.reshape(-1)
    if ttype in ("float", "double"):
        # float32.tolist() gives the exact float32 value as a Python float
        values = [clean_float(v) for v in flat.tolist()]
    elif ttype == "string":
        values = [str(v) for v in flat.tolist()]
    elif ttype == "bool":
        values = [bool(v) for v in flat.tolist()]
    else:
        values = [int(v) for v in flat.tolist()]
    return {"name": name, "type": ttype, "shape": [int(s) for s in arr.shape], "values": values}


def numpy_type(arr):
    arr = np.asarray(arr)
    if arr.dtype == np.float32:
        return "float"
    if arr.dtype == np.float64:
        return "double"
    if arr.dtype == np.int64:
        return "int64"
    if arr.dtype == np.int32:
        return "int32"
    if arr.dtype == np.bool_:
        return "bool"
    if arr.dtype.kind in "OUS":
        return "string"
    raise TypeError(f"unexpected output dtype {arr.dtype}")


def zipmap_json(name, rows):
    keys = list(rows[0].keys())
    for r in rows:
        if list(r.keys()) != keys:
            raise ValueError("ZipMap rows with different keys")
    keys_json = [k if isinstance(k, str) else int(k) for k in keys]
    values = [clean_float(np.float32(r[k])) for r in rows for k in keys]
    return {"name": name, "type": "map", "keys": keys_json, "shape": [len(rows), len(keys)],
            "values": values}


def write_case_json(path, obj):
    """One top-level key per line; inputs/outputs one entry per line."""
    lines = []
    for k, v in obj.items():
        if k in ("inputs", "outputs"):
            inner = ",\n".join("  " + json.dumps(e, allow_nan=False) for e in v)
            lines.append(f" {json.dumps(k)}: [\n{inner}\n ]")
        else:
            lines.append(f" {json.dumps(k)}: {json.dumps(v, allow_nan=False)}")
    with open(path, "w") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")


def sklearn_check(model, feeds_sk, outputs, kind):
    """Compare onnxruntime's outputs with the fitted estimator (README column; informative only)."""
    if model is None or feeds_sk is None:
        return ""
    try:
        notes = []
        if kind == "classifier":
            lab = np.asarray(outputs[0]["values"])
            sk_lab = np.asarray(model.predict(feeds_sk)).reshape(-1)
            agree = int(sum(str(a) == str(b) for a, b in zip(lab, sk_lab)))
            notes.append(f"labels {agree}/{len(sk_lab)}")
            o = np.asarray(outputs[1]["values"], dtype=np.float64).reshape(outputs[1]["shape"])
            proba = None
            try:
                proba = np.asarray(model.predict_proba(feeds_sk), dtype=np.float64)
            except AttributeError:  # e.g. SGDClassifier(loss='hinge'), SVC(probability=False)
                pass
            if proba is not None and proba.shape == o.shape:
                notes.append(f"max abs diff vs predict_proba {np.max(np.abs(o - proba)):.1e}")
            elif hasattr(model, "decision_function"):
                d = np.asarray(model.decision_function(feeds_sk), dtype=np.float64)
                if d.ndim == 1:
                    d = d[:, None]
                if d.shape == o.shape:
                    notes.append(f"scores = decision_function "
                                 f"(max abs diff {np.max(np.abs(o - d)):.1e})")
                elif d.shape[1] == 1 and o.shape[1] == 2:
                    layouts = {"[-d, d]": np.hstack([-d, d]), "[d, -d]": np.hstack([d, -d])}
                    errs = {k: np.max(np.abs(o - v)) for k, v in layouts.items()}
                    best = min(errs, key=errs.get)
                    notes.append(f"scores = {best}, d = decision_function "
                                 f"(max abs diff {errs[best]:.1e})")
                else:
                    notes.append(f"scores {list(o.shape)} vs decision_function {list(d.shape)}")
        elif kind == "regressor":
            o = np.asarray(outputs[0]["values"], dtype=np.float64).reshape(-1)
            p = np.asarray(model.predict(feeds_sk), dtype=np.float64).reshape(-1)
            notes.append(f"max abs diff vs predict {np.max(np.abs(o - p)):.1e}")
        elif kind == "outlier":
            lab = np.asarray(outputs[0]["values"]).reshape(-1)
            sk_lab = model.predict(feeds_sk)
            notes.append(f"labels {int((lab == sk_lab).sum())}/{len(sk_lab)}")
            o = np.asarray(outputs[1]["values"], dtype=np.float64).reshape(-1)
            p = model.decision_function(feeds_sk)
            notes.append(f"max abs diff vs decision_function {np.max(np.abs(o - p)):.1e}")
        return ", ".join(notes)
    except Exception as e:  # noqa: BLE001
        return f"check failed: {type(e).__name__}: {e}"[:120]


def _seeded_uuid4(case):
    """A uuid4 replacement seeded by the case name (converters name the graph with uuid4().hex)."""
    rng = random.Random(hashlib.sha256(case.encode()).digest())

    def uuid4():
        return uuid.UUID(int=rng.getrandbits(128), version=4)
    return uuid4


def convert_deterministically(case, convert):
    """Run convert() with every module-level `uuid4` (uuid.uuid4 and `from uuid import uuid4`
    copies in the converters) replaced by a seeded one, then restore them."""
    original = uuid.uuid4
    fake = _seeded_uuid4(case)
    patched = [m for m in list(sys.modules.values())
               if m is not None and getattr(m, "uuid4", None) is original]
    for m in patched:
        m.uuid4 = fake
    try:
        return convert()
    finally:
        for m in patched:
            m.uuid4 = original


def emit(case, estimator, converter, convert, feeds, model=None, feeds_sk=None, kind="classifier",
         note="", require_op=None, extra_check=None):
    """Convert (convert() -> ModelProto), check, run onnxruntime on feeds, write the file pair.
    extra_check: optional callable, called after a successful run, whose string is appended to
    the README's "vs. Python" column."""
    print(f"[{case}] ", end="", flush=True)
    stage = "convert"
    try:
        onx = convert_deterministically(case, convert)
        if require_op is not None and require_op not in model_ops(onx):
            stage = "op check"
            raise RuntimeError(
                f"the converted model has no {require_op}; it imports "
                f"{fmt_opsets(model_opsets(onx))} and uses {', '.join(model_ops(onx))}")
        stage = "onnx.checker"
        onnx.checker.check_model(onx)
        stage = "onnxruntime session"
        sess = ort.InferenceSession(onx.SerializeToString(), ORT_OPTS,
                                    providers=["CPUExecutionProvider"])
        stage = "onnxruntime run"
        sess_inputs = sess.get_inputs()
        if set(i.name for i in sess_inputs) != set(feeds):
            raise ValueError(f"graph inputs {[i.name for i in sess_inputs]} != feeds {list(feeds)}")
        raw = sess.run(None, feeds)
        stage = "encode outputs"
        inputs_json = [tensor_json(i.name, ORT_TYPES[i.type], feeds[i.name]) for i in sess_inputs]
        outputs_json = []
        for meta, val in zip(sess.get_outputs(), raw):
            if isinstance(val, list) and val and isinstance(val[0], dict):
                outputs_json.append(zipmap_json(meta.name, val))
            else:
                outputs_json.append(tensor_json(meta.name, numpy_type(val), val))
    except Exception as e:  # noqa: BLE001
        msg = " ".join(f"{type(e).__name__}: {e}".split())
        cause = e.__cause__ or e.__context__
        limit = 120 if cause is not None else 300
        if len(msg) > limit:
            msg = msg[:limit] + " …"
        if cause is not None:
            msg += " (caused by " + " ".join(f"{type(cause).__name__}: {cause}".split())[:300] + ")"
        print(f"FAILED at {stage}: {msg}")
        FAILURES.append((case, estimator, stage, msg))
        return None
    ops = model_ops(onx)
    opsets = model_opsets(onx)
    for vi, out in zip(onx.graph.output, outputs_json):
        if vi.type.HasField("tensor_type") and vi.type.tensor_type.HasField("shape"):
            declared = [d.dim_value if d.HasField("dim_value") else None
                        for d in vi.type.tensor_type.shape.dim]
            if len(declared) != len(out["shape"]) or any(
                    d is not None and d != a for d, a in zip(declared, out["shape"])):
                SHAPE_MISMATCHES.append(
                    (case, vi.name, ["N" if d is None else d for d in declared], out["shape"]))
    obj = {"case": case, "estimator": estimator, "converter": converter, "opsets": opsets,
           "ops": ops, "inputs": inputs_json, "outputs": outputs_json}
    with open(os.path.join(HERE, case + ".onnx"), "wb") as f:
        f.write(onx.SerializeToString())
    write_case_json(os.path.join(HERE, case + ".json"), obj)
    check = sklearn_check(model, feeds_sk, outputs_json, kind)
    if extra_check is not None:
        check = "; ".join(c for c in (check, extra_check()) if c)
    RESULTS.append({"case": case, "estimator": estimator, "converter": converter, "opsets": opsets,
                    "ops": ops, "ir": int(onx.ir_version), "inputs": inputs_json,
                    "outputs": outputs_json, "check": check, "note": note,
                    "size": os.path.getsize(os.path.join(HERE, case + ".onnx"))})
    print(", ".join(ops))
    return onx


# ----------------------------------------------------------------------------------------------
# helpers for the common "fit, to_onnx(model, X[:1]), run on held-out" case


def sk_case(case, estimator, model, Xtr, ytr, Xte, kind="classifier", fit_kwargs=None, note="",
            to_onnx_kwargs=None, require_op=None, bools_as_ints=False):
    try:
        if ytr is None:
            model.fit(Xtr, **(fit_kwargs or {}))
        else:
            model.fit(Xtr, ytr, **(fit_kwargs or {}))
    except Exception as e:  # noqa: BLE001
        FAILURES.append((case, estimator, "fit", f"{type(e).__name__}: {e}"))
        print(f"[{case}] FAILED at fit: {e}")
        return None
    kw = to_onnx_kwargs or {}

    def convert():
        if not bools_as_ints:
            return to_onnx(model, Xtr[:1], **kw)
        with bool_list_attributes_as_ints():
            return to_onnx(model, Xtr[:1], **kw)
    return emit(case, estimator, SKL2ONNX, convert, {"X": Xte},
                model=model, feeds_sk=Xte, kind=kind, note=note, require_op=require_op)


def mlt_case(case, estimator, model, Xtr, ytr, Xte, convert_fn, kind="classifier",
             fit_kwargs=None, note=""):
    try:
        model.fit(Xtr, ytr, **(fit_kwargs or {}))
    except Exception as e:  # noqa: BLE001
        FAILURES.append((case, estimator, "fit", f"{type(e).__name__}: {e}"))
        print(f"[{case}] FAILED at fit: {e}")
        return None
    init = [("input", MLFloatTensorType([None, Xtr.shape[1]]))]
    return emit(case, estimator, ONNXMLTOOLS, lambda: convert_fn(model, initial_types=init),
                {"input": Xte}, model=model, feeds_sk=Xte, kind=kind, note=note)


# ----------------------------------------------------------------------------------------------
# workaround for HistGradientBoosting* (skl2onnx 1.20 + protobuf that rejects bools in int lists)


@contextlib.contextmanager
def bool_list_attributes_as_ints():
    """While active, `onnx.helper.make_attribute` turns Python/numpy bools inside a list value into
    ints (False -> 0, True -> 1); nothing else changes.

    skl2onnx's HistGradientBoosting converter fills `nodes_missing_value_tracks_true` with sklearn's
    `missing_go_to_left` (numpy uint8) for branches and the Python bool `False` for leaves; the
    installed protobuf refuses a bool in the `ints` field of an AttributeProto, so the conversion
    fails.  Older protobuf releases stored the bool as 0/1, which is what this produces.  Every
    module-level copy of `make_attribute` (`from onnx.helper import make_attribute`) is patched,
    as `convert_deterministically` does for uuid4, and restored afterwards."""
    original = onnx.helper.make_attribute

    def make_attribute(key, value, *args, **kwargs):
        if isinstance(value, (list, tuple)) and any(isinstance(v, (bool, np.bool_)) for v in value):
            value = [int(v) if isinstance(v, (bool, np.bool_)) else v for v in value]
        return original(key, value, *args, **kwargs)

    patched = [m for m in list(sys.modules.values())
               if m is not None and getattr(m, "make_attribute", None) is original]
    for m in patched:
        m.make_attribute = make_attribute
    try:
        yield
    finally:
        for m in patched:
            m.make_attribute = original


# ----------------------------------------------------------------------------------------------
# ai.onnx.ml 5 `TreeEnsemble`: no converter emits it, so this script rewrites TreeEnsembleRegressor

TE5_MODES = {"BRANCH_LEQ": 0, "BRANCH_LT": 1, "BRANCH_GTE": 2, "BRANCH_GT": 3, "BRANCH_EQ": 4,
             "BRANCH_NEQ": 5, "BRANCH_MEMBER": 6}
TE5_AGGREGATE = {"AVERAGE": 0, "SUM": 1, "MIN": 2, "MAX": 3}
TE5_POST_TRANSFORM = {"NONE": 0, "SOFTMAX": 1, "LOGISTIC": 2, "SOFTMAX_ZERO": 3, "PROBIT": 4}
_TER_ATTRIBUTES = {
    "aggregate_function", "base_values", "base_values_as_tensor", "n_targets", "nodes_falsenodeids",
    "nodes_featureids", "nodes_hitrates", "nodes_hitrates_as_tensor",
    "nodes_missing_value_tracks_true", "nodes_modes", "nodes_nodeids", "nodes_treeids",
    "nodes_truenodeids", "nodes_values", "nodes_values_as_tensor", "post_transform", "target_ids",
    "target_nodeids", "target_treeids", "target_weights", "target_weights_as_tensor"}


def tree_ensemble_regressor_to_v5(model, collapse_eq_chains=False, stats=None):
    """Return a copy of `model` (float input) whose single ai.onnx.ml `TreeEnsembleRegressor` node
    (ai.onnx.ml 1 or 3) is replaced by the equivalent ai.onnx.ml 5 `TreeEnsemble` node.

    Encoding (see onnx.defs.get_schema('TreeEnsemble', 5, 'ai.onnx.ml').doc):
    - Interior nodes become `nodes_*` entries, numbered in pre-order (node, true subtree, false
      subtree), tree after tree in the order the trees first appear; `tree_roots` holds each
      tree's first entry.  Leaves become `leaf_*` entries in the order they are reached; a child
      is a leaf index when `nodes_trueleafs` / `nodes_falseleafs` is 1.  A subtree reached twice
      (onnxmltools shares the true target of a BRANCH_EQ chain) is written twice.
    - `nodes_modes` is a uint8 tensor (0 LEQ, 1 LT, 2 GTE, 3 GT, 4 EQ, 5 NEQ, 6 MEMBER);
      `nodes_splits` and `leaf_weights` are float tensors (the input type) holding the same float32
      values; `nodes_missing_value_tracks_true` is copied (omitted when all 0).
    - A leaf must vote for exactly one target (a TreeEnsemble leaf has one target id and one
      weight); several votes for the same target are summed, a leaf without votes gets weight 0
      on target 0 (SUM / AVERAGE only).  A tree that is a single leaf becomes one BRANCH_LEQ entry
      (feature 0, split 0) whose true and false branches are the same leaf, as the spec says.
    - `aggregate_function` and `post_transform` become ints, `n_targets` is copied.
    - `base_values` has no counterpart: when non-zero they are added by an `Add` node after the
      TreeEnsemble (its output renamed `<output>_trees`; only without post_transform and with SUM
      or AVERAGE, where the old op also adds them last).
    - collapse_eq_chains: a chain of BRANCH_EQ nodes on one feature that share the true target and
      continue through their false branches (`x == a ? T : (x == b ? T : F)`, how onnxmltools
      writes a LightGBM categorical split) becomes one BRANCH_MEMBER node with the set {a, b, ...}
      (sorted) in `membership_values`, sets in node order separated (and ended) by NaN; its split
      is 0.0 (ignored for MEMBER) and its missing flag is 1 if any node of the chain had it (a NaN
      falls through the chain until a node sends it to T).  Single BRANCH_EQ nodes stay EQ.
      If `stats` (a dict) is given, it counts the collapsed chains ("chains") and those whose
      nodes do not all have the same missing flag ("mixed_missing").
    - The ai.onnx.ml opset import becomes 5 and the IR version at least 10 (ai.onnx.ml 5 came with
      IR 10); everything else in the model is unchanged.
    """
    m = onnx.ModelProto()
    m.CopyFrom(model)
    g = m.graph
    pos = [i for i, n in enumerate(g.node)
           if n.op_type == "TreeEnsembleRegressor" and n.domain == "ai.onnx.ml"]
    other_ml = [n.op_type for n in g.node
                if n.domain == "ai.onnx.ml" and n.op_type != "TreeEnsembleRegressor"]
    if len(pos) != 1 or other_ml:
        raise ValueError(f"expected one TreeEnsembleRegressor and no other ai.onnx.ml node, got "
                         f"{len(pos)} and {other_ml}")
    old = g.node[pos[0]]
    a = {x.name: helper.get_attribute_value(x) for x in old.attribute}
    if set(a) - _TER_ATTRIBUTES:
        raise ValueError(f"unsupported attributes {sorted(set(a) - _TER_ATTRIBUTES)}")

    def text(v):
        return v.decode() if isinstance(v, bytes) else v

    def floats(name):
        if name + "_as_tensor" in a:
            return [float(v) for v in numpy_helper.to_array(a[name + "_as_tensor"]).reshape(-1)]
        return [float(v) for v in a.get(name, [])]

    modes = [text(v) for v in a["nodes_modes"]]
    values = floats("nodes_values")
    missing = list(a.get("nodes_missing_value_tracks_true", [])) or [0] * len(modes)
    nodes, tree_order = {}, []  # (tree id, node id) -> node; tree ids in order of appearance
    for i, mode in enumerate(modes):
        key = (int(a["nodes_treeids"][i]), int(a["nodes_nodeids"][i]))
        if key in nodes:
            raise ValueError(f"node {key} is defined twice")
        if key[0] not in tree_order:
            tree_order.append(key[0])
        nodes[key] = {"mode": mode, "feature": int(a["nodes_featureids"][i]), "value": values[i],
                      "true": int(a["nodes_truenodeids"][i]),
                      "false": int(a["nodes_falsenodeids"][i]), "missing": int(missing[i])}
    votes = {}  # (tree id, node id) -> {target: weight}
    for t, nid, tid, w in zip(a["target_treeids"], a["target_nodeids"], a["target_ids"],
                              floats("target_weights")):
        d = votes.setdefault((int(t), int(nid)), {})
        d[int(tid)] = d.get(int(tid), 0.0) + w
    aggregate = text(a.get("aggregate_function", "SUM"))
    post = text(a.get("post_transform", "NONE"))
    base = floats("base_values")

    cols = {k: [] for k in ("featureids", "splits", "modes", "truenodeids", "trueleafs",
                            "falsenodeids", "falseleafs", "missing", "members")}
    leaf_targets, leaf_weights = [], []

    def add_leaf(key):
        v = votes.get(key, {})
        if len(v) > 1:
            raise ValueError(f"leaf {key} votes for {len(v)} targets; a TreeEnsemble leaf has one")
        if not v:
            if aggregate not in ("SUM", "AVERAGE"):
                raise ValueError(f"leaf {key} has no vote, which {aggregate} cannot express")
            v = {0: 0.0}
        (target, weight), = v.items()
        leaf_targets.append(target)
        leaf_weights.append(weight)
        return len(leaf_weights) - 1

    def add_node(mode, feature, split, members, miss):
        for k, v in (("modes", TE5_MODES[mode]), ("featureids", feature), ("splits", split),
                     ("members", members), ("missing", miss), ("truenodeids", None),
                     ("trueleafs", None), ("falsenodeids", None), ("falseleafs", None)):
            cols[k].append(v)
        return len(cols["modes"]) - 1

    def visit(tree, nid):
        """Write node (tree, nid) and its subtree; return (index, is_leaf)."""
        nd = nodes[(tree, nid)]
        if nd["mode"] == "LEAF":
            return add_leaf((tree, nid)), 1
        mode, split, members, miss, false_id = (nd["mode"], nd["value"], None, nd["missing"],
                                                nd["false"])
        if collapse_eq_chains and mode == "BRANCH_EQ":
            chain = [nd]
            while True:
                nxt = nodes[(tree, chain[-1]["false"])]
                if (nxt["mode"] != "BRANCH_EQ" or nxt["feature"] != nd["feature"]
                        or nxt["true"] != nd["true"]):
                    break
                chain.append(nxt)
            if len(chain) > 1:
                if stats is not None:
                    stats["chains"] = stats.get("chains", 0) + 1
                    if len(set(c["missing"] for c in chain)) > 1:
                        stats["mixed_missing"] = stats.get("mixed_missing", 0) + 1
                mode, split, false_id = "BRANCH_MEMBER", 0.0, chain[-1]["false"]
                members = sorted(set(c["value"] for c in chain))
                miss = int(any(c["missing"] for c in chain))
        i = add_node(mode, nd["feature"], split, members, miss)
        cols["truenodeids"][i], cols["trueleafs"][i] = visit(tree, nd["true"])
        cols["falsenodeids"][i], cols["falseleafs"][i] = visit(tree, false_id)
        return i, 0

    roots = []
    for t in tree_order:
        children = {c for (tt, _), nd in nodes.items() if tt == t and nd["mode"] != "LEAF"
                    for c in (nd["true"], nd["false"])}
        root = [nid for (tt, nid) in nodes if tt == t and nid not in children]
        if len(root) != 1:
            raise ValueError(f"tree {t} has {len(root)} roots")
        if nodes[(t, root[0])]["mode"] == "LEAF":  # the whole tree is one leaf
            leaf = add_leaf((t, root[0]))
            i = add_node("BRANCH_LEQ", 0, 0.0, None, 0)
            cols["truenodeids"][i] = cols["falsenodeids"][i] = leaf
            cols["trueleafs"][i] = cols["falseleafs"][i] = 1
        else:
            i, _ = visit(t, root[0])
        roots.append(i)

    def f32(name, v):
        return numpy_helper.from_array(np.asarray(v, dtype=np.float32), name)

    attrs = {
        "n_targets": int(a.get("n_targets", 1)),
        "aggregate_function": TE5_AGGREGATE[aggregate],
        "post_transform": TE5_POST_TRANSFORM[post],
        "tree_roots": roots,
        "nodes_featureids": cols["featureids"],
        "nodes_splits": f32("nodes_splits", cols["splits"]),
        "nodes_modes": numpy_helper.from_array(np.asarray(cols["modes"], dtype=np.uint8),
                                               "nodes_modes"),
        "nodes_truenodeids": cols["truenodeids"], "nodes_trueleafs": cols["trueleafs"],
        "nodes_falsenodeids": cols["falsenodeids"], "nodes_falseleafs": cols["falseleafs"],
        "leaf_targetids": leaf_targets,
        "leaf_weights": f32("leaf_weights", leaf_weights)}
    if any(cols["missing"]):
        attrs["nodes_missing_value_tracks_true"] = cols["missing"]
    sets = [s for s in cols["members"] if s is not None]
    if sets:
        attrs["membership_values"] = f32("membership_values",
                                          [v for s in sets for v in s + [float("nan")]])
    y = old.output[0]
    new_nodes = []
    if any(b != 0.0 for b in base):
        if post != "NONE" or aggregate not in ("SUM", "AVERAGE"):
            raise ValueError(f"base_values with post_transform {post} / {aggregate}")
        g.initializer.append(f32(y + "_base_values", base))
        new_nodes.append(helper.make_node("TreeEnsemble", list(old.input), [y + "_trees"],
                                          name="TreeEnsemble", domain="ai.onnx.ml", **attrs))
        new_nodes.append(helper.make_node("Add", [y + "_trees", y + "_base_values"], [y],
                                          name="AddBaseValues"))
        if not any(o.domain in ("", "ai.onnx") for o in m.opset_import):
            raise ValueError("the model imports no ai.onnx opset for the Add node")
    else:
        new_nodes.append(helper.make_node("TreeEnsemble", list(old.input), [y],
                                          name="TreeEnsemble", domain="ai.onnx.ml", **attrs))
    del g.node[pos[0]]
    for k, n in enumerate(new_nodes):
        g.node.insert(pos[0] + k, n)
    for o in m.opset_import:
        if o.domain == "ai.onnx.ml":
            o.version = 5
    m.ir_version = max(m.ir_version, 10)
    return m


def ort_run(model, feeds):
    sess = ort.InferenceSession(model.SerializeToString(), ORT_OPTS,
                                providers=["CPUExecutionProvider"])
    return sess.run(None, feeds)


TE5_CHECKS = {}  # case -> verification results, for the README


def verify_tree_ensemble_rewrite(case, original, rewritten, input_name, X, tol=1e-6,
                                 stats=None):
    """Run the original and the rewritten model in onnxruntime on all rows of X (training +
    held-out); fail unless every output agrees within tol.  Also run onnx's Python reference
    implementation on the rewritten model (for information only)."""
    feeds = {input_name: X}
    a, b = ort_run(original, feeds), ort_run(rewritten, feeds)
    if len(a) != len(b) or any(x.shape != z.shape for x, z in zip(a, b)):
        raise AssertionError(f"output shapes differ: {[x.shape for x in a]} vs "
                             f"{[z.shape for z in b]}")
    diff = max(float(np.max(np.abs(x.astype(np.float64) - z))) for x, z in zip(a, b))
    if not diff <= tol:  # also catches NaN
        raise AssertionError(f"rewritten model differs from the original by {diff} > {tol}")
    try:
        r = ReferenceEvaluator(rewritten).run(None, feeds)
        ref = max(float(np.max(np.abs(x.astype(np.float64) - z))) for x, z in zip(r, b))
    except Exception as e:  # noqa: BLE001
        ref = f"{type(e).__name__}: {e}"[:100]
    TE5_CHECKS[case] = {"rows": len(X), "diff": diff, "ref": ref, "stats": stats or {}}


def te5_case(case, estimator, source_case, source, source_converter, X_all, model=None,
             collapse_eq_chains=False):
    """Emit `case`: the TreeEnsembleRegressor model `source` rewritten by
    tree_ensemble_regressor_to_v5 and verified against it; X_all = training + held-out rows (the
    last N_TEST are stored)."""
    converter = f"generate.py rewrite of {source_case} ({source_converter})"
    if source is None:
        print(f"[{case}] FAILED: no source model")
        FAILURES.append((case, estimator, "source", f"{source_case} did not convert"))
        return None
    input_name = source.graph.input[0].name

    def convert():
        stats = {}
        new = tree_ensemble_regressor_to_v5(source, collapse_eq_chains=collapse_eq_chains,
                                            stats=stats)
        onnx.checker.check_model(new, full_check=True)
        verify_tree_ensemble_rewrite(case, source, new, input_name, X_all, stats=stats)
        return new

    def extra_check():
        c = TE5_CHECKS[case]
        ref = (f"{c['ref']:.1e}" if isinstance(c["ref"], float) else c["ref"])
        return (f"vs. {source_case} in onnxruntime: max abs diff {c['diff']:.1e} on {c['rows']} "
                f"rows; onnx.reference: max abs diff {ref}")
    X_te = X_all[-N_TEST:]
    return emit(case, estimator, converter, convert, {input_name: X_te}, model=model,
                feeds_sk=X_te if model is not None else None, kind="regressor",
                require_op="ai.onnx.ml:TreeEnsemble", extra_check=extra_check)


def hand_built_tree_ensemble_regressor():
    """A small ai.onnx.ml 3 TreeEnsembleRegressor on 6 float features (4 continuous, columns 4
    and 5 integer codes 0..3), n_targets=2, aggregate_function=AVERAGE, every branch mode:

      tree 0 -> target 0: x0 <= 0.25 (NaN true) ? (x4 == 2 ? 1.5 : -0.5) : (x1 < -0.5 ? 2 : 0.25)
      tree 1 -> target 1: x2 >= 0 ? 3 : (x5 != 1 (NaN true) ? -1 : 4.5)
      tree 2 -> target 0: x3 > 0.5 ? (x4 == 1 (NaN true) ? A : (x4 == 3 (NaN true) ? A : -1.25))
                          : -2, A = leaf 0.75 shared by both BRANCH_EQ nodes (a chain, which
                          becomes MEMBER {1, 3} with NaN true)
      tree 3 -> target 1: a single leaf 0.5

    AVERAGE divides each target's sum by the number of trees (4), not by the trees of that
    target (2).  Both nodes of the EQ chain send NaN to the true side: onnxruntime evaluates a
    chain with the first node's flag only (see ort_eq_chain_missing_probe), so a flag on the
    second node alone would make the source model disagree with the spec."""
    # (tree, node, mode, feature, value, true, false, missing->true)
    N = [(0, 0, "BRANCH_LEQ", 0, 0.25, 1, 2, 1), (0, 1, "BRANCH_EQ", 4, 2.0, 3, 4, 0),
         (0, 2, "BRANCH_LT", 1, -0.5, 5, 6, 0), (0, 3, "LEAF", 0, 0.0, 0, 0, 0),
         (0, 4, "LEAF", 0, 0.0, 0, 0, 0), (0, 5, "LEAF", 0, 0.0, 0, 0, 0),
         (0, 6, "LEAF", 0, 0.0, 0, 0, 0),
         (1, 0, "BRANCH_GTE", 2, 0.0, 1, 2, 0), (1, 1, "LEAF", 0, 0.0, 0, 0, 0),
         (1, 2, "BRANCH_NEQ", 5, 1.0, 3, 4, 1), (1, 3, "LEAF", 0, 0.0, 0, 0, 0),
         (1, 4, "LEAF", 0, 0.0, 0, 0, 0),
         (2, 0, "BRANCH_GT", 3, 0.5, 1, 2, 0), (2, 1, "BRANCH_EQ", 4, 1.0, 4, 3, 1),
         (2, 2, "LEAF", 0, 0.0, 0, 0, 0), (2, 3, "BRANCH_EQ", 4, 3.0, 4, 5, 1),
         (2, 4, "LEAF", 0, 0.0, 0, 0, 0), (2, 5, "LEAF", 0, 0.0, 0, 0, 0),
         (3, 0, "LEAF", 0, 0.0, 0, 0, 0)]
    # (tree, node, target, weight)
    T = [(0, 3, 0, 1.5), (0, 4, 0, -0.5), (0, 5, 0, 2.0), (0, 6, 0, 0.25),
         (1, 1, 1, 3.0), (1, 3, 1, -1.0), (1, 4, 1, 4.5),
         (2, 2, 0, -2.0), (2, 4, 0, 0.75), (2, 5, 0, -1.25),
         (3, 0, 1, 0.5)]
    node = helper.make_node(
        "TreeEnsembleRegressor", ["X"], ["variable"], name="TreeEnsembleRegressor",
        domain="ai.onnx.ml", n_targets=2, aggregate_function="AVERAGE", post_transform="NONE",
        nodes_treeids=[n[0] for n in N], nodes_nodeids=[n[1] for n in N],
        nodes_modes=[n[2] for n in N], nodes_featureids=[n[3] for n in N],
        nodes_values=[n[4] for n in N], nodes_truenodeids=[n[5] for n in N],
        nodes_falsenodeids=[n[6] for n in N], nodes_missing_value_tracks_true=[n[7] for n in N],
        target_treeids=[t[0] for t in T], target_nodeids=[t[1] for t in T],
        target_ids=[t[2] for t in T], target_weights=[t[3] for t in T])
    graph = helper.make_graph(
        [node], "hand_built_tree_ensemble",
        [helper.make_tensor_value_info("X", onnx.TensorProto.FLOAT, [None, 6])],
        [helper.make_tensor_value_info("variable", onnx.TensorProto.FLOAT, [None, 2])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("ai.onnx.ml", 3)],
                              ir_version=10, producer_name="generate.py")
    onnx.checker.check_model(model, full_check=True)
    return model


# ----------------------------------------------------------------------------------------------
# the corpus


def main():
    # remove the previous outputs so failed cases leave no stale files
    for p in glob.glob(os.path.join(HERE, "*.onnx")) + glob.glob(os.path.join(HERE, "*.json")):
        os.remove(p)

    Xb, yb, Xb_te, _ = clf_data(2, 6, seed=1)
    Xm, ym, Xm_te, _ = clf_data(3, 6, seed=2)
    Xr, yr, Xr_te, _ = reg_data(6, seed=3)
    X8, y8, X8_te, _ = clf_data(2, 8, seed=4)

    # ---------------- linear models
    sk_case("sk_logreg_binary", "LogisticRegression (binary)", LogisticRegression(), Xb, yb, Xb_te)
    sk_case("sk_logreg_multinomial", "LogisticRegression (3 classes, multinomial)",
            LogisticRegression(), Xm, ym, Xm_te)
    sk_case("sk_linreg", "LinearRegression", LinearRegression(), Xr, yr, Xr_te, kind="regressor")
    sk_case("sk_ridge", "Ridge", Ridge(alpha=1.0), Xr, yr, Xr_te, kind="regressor")
    sk_case("sk_lasso", "Lasso(alpha=0.05)", Lasso(alpha=0.05), Xr, yr, Xr_te, kind="regressor")
    sk_case("sk_elasticnet", "ElasticNet(alpha=0.05)", ElasticNet(alpha=0.05), Xr, yr, Xr_te,
            kind="regressor")
    sk_case("sk_sgd_hinge_binary", "SGDClassifier (default loss='hinge', binary)",
            SGDClassifier(random_state=0), Xb, yb, Xb_te)
    sk_case("sk_linearsvc_binary", "LinearSVC (binary)", LinearSVC(random_state=0), Xb, yb, Xb_te)
    sk_case("sk_linearsvc_multiclass", "LinearSVC (3 classes, one-vs-rest)",
            LinearSVC(random_state=0), Xm, ym, Xm_te)
    sk_case("sk_linearsvr", "LinearSVR", LinearSVR(random_state=0), Xr, yr, Xr_te,
            kind="regressor")

    # ---------------- SVM
    sk_case("sk_svc_rbf_multiclass", "SVC(kernel='rbf') (3 classes)", SVC(kernel="rbf"),
            Xm, ym, Xm_te)
    sk_case("sk_svc_poly_multiclass", "SVC(kernel='poly', degree=3) (3 classes)",
            SVC(kernel="poly"), Xm, ym, Xm_te)
    sk_case("sk_svc_rbf_proba_multiclass", "SVC(kernel='rbf', probability=True) (3 classes)",
            SVC(kernel="rbf", probability=True, random_state=0), Xm, ym, Xm_te)
    sk_case("sk_svc_rbf_proba_binary", "SVC(kernel='rbf', probability=True) (binary)",
            SVC(kernel="rbf", probability=True, random_state=0), Xb, yb, Xb_te)
    sk_case("sk_svc_rbf_binary", "SVC(kernel='rbf') (binary)", SVC(kernel="rbf"), Xb, yb, Xb_te)
    sk_case("sk_svc_linear_binary", "SVC(kernel='linear') (binary)", SVC(kernel="linear"),
            Xb, yb, Xb_te)
    sk_case("sk_svc_sigmoid_binary", "SVC(kernel='sigmoid') (binary)", SVC(kernel="sigmoid"),
            Xb, yb, Xb_te)
    sk_case("sk_svr_rbf", "SVR(kernel='rbf')", SVR(kernel="rbf"), Xr, yr, Xr_te, kind="regressor")
    sk_case("sk_svr_poly", "SVR(kernel='poly', degree=3)", SVR(kernel="poly"), Xr, yr, Xr_te,
            kind="regressor")

    # ---------------- trees
    sk_case("sk_dtree_clf_multiclass", "DecisionTreeClassifier(max_depth=4) (3 classes)",
            DecisionTreeClassifier(max_depth=4, random_state=0), Xm, ym, Xm_te)
    sk_case("sk_dtree_reg", "DecisionTreeRegressor(max_depth=4)",
            DecisionTreeRegressor(max_depth=4, random_state=0), Xr, yr, Xr_te, kind="regressor")
    sk_case("sk_rf_clf_binary", "RandomForestClassifier(n_estimators=10, max_depth=4) (binary)",
            RandomForestClassifier(n_estimators=10, max_depth=4, random_state=0), Xb, yb, Xb_te)
    sk_case("sk_rf_clf_multiclass",
            "RandomForestClassifier(n_estimators=10, max_depth=4) (3 classes)",
            RandomForestClassifier(n_estimators=10, max_depth=4, random_state=0), Xm, ym, Xm_te)
    rf_reg = RandomForestRegressor(n_estimators=10, max_depth=4, random_state=0)
    rf_reg_onx = sk_case("sk_rf_reg", "RandomForestRegressor(n_estimators=10, max_depth=4)",
                         rf_reg, Xr, yr, Xr_te, kind="regressor")
    sk_case("sk_et_clf_multiclass", "ExtraTreesClassifier(n_estimators=10, max_depth=4) (3 classes)",
            ExtraTreesClassifier(n_estimators=10, max_depth=4, random_state=0), Xm, ym, Xm_te)
    sk_case("sk_et_reg", "ExtraTreesRegressor(n_estimators=10, max_depth=4)",
            ExtraTreesRegressor(n_estimators=10, max_depth=4, random_state=0), Xr, yr, Xr_te,
            kind="regressor")
    sk_case("sk_gb_clf_binary", "GradientBoostingClassifier(n_estimators=10, max_depth=3) (binary)",
            GradientBoostingClassifier(n_estimators=10, max_depth=3, random_state=0), Xb, yb, Xb_te)
    sk_case("sk_gb_clf_multiclass",
            "GradientBoostingClassifier(n_estimators=10, max_depth=3) (3 classes)",
            GradientBoostingClassifier(n_estimators=10, max_depth=3, random_state=0), Xm, ym, Xm_te)
    gb_reg = GradientBoostingRegressor(n_estimators=10, max_depth=3, random_state=0)
    gb_reg_onx = sk_case("sk_gb_reg", "GradientBoostingRegressor(n_estimators=10, max_depth=3)",
                         gb_reg, Xr, yr, Xr_te, kind="regressor")
    # HistGradientBoosting*: the plain conversion fails (bools in an int list, see
    # bool_list_attributes_as_ints); record that error, then convert with the workaround.
    hgb = dict(max_iter=10, max_depth=4, random_state=0)
    try:
        convert_deterministically("cmp", lambda: to_onnx(
            HistGradientBoostingRegressor(**hgb).fit(Xr, yr), Xr[:1]))
        hgb_plain = None
    except Exception as e:  # noqa: BLE001
        cause = e.__cause__ or e
        hgb_plain = " ".join(f"{type(cause).__name__}: {cause}".split())[:200]
    hgb_fix = "; bools in nodes_missing_value_tracks_true written as ints (see Notes)"
    sk_case("sk_hgb_clf_binary", "HistGradientBoostingClassifier(max_iter=10, max_depth=4) (binary)"
            + hgb_fix, HistGradientBoostingClassifier(**hgb), Xb, yb, Xb_te, bools_as_ints=True)
    sk_case("sk_hgb_clf_multiclass",
            "HistGradientBoostingClassifier(max_iter=10, max_depth=4) (3 classes)" + hgb_fix,
            HistGradientBoostingClassifier(**hgb), Xm, ym, Xm_te, bools_as_ints=True)
    sk_case("sk_hgb_reg", "HistGradientBoostingRegressor(max_iter=10, max_depth=4)" + hgb_fix,
            HistGradientBoostingRegressor(**hgb), Xr, yr, Xr_te, kind="regressor",
            bools_as_ints=True)
    Xr_nan, Xr_te_nan = with_nan(Xr, 0.15, 10), with_nan(Xr_te, 0.15, 11)
    Xr_te_nan[0, :] = np.nan  # one all-missing row
    sk_case("sk_hgb_reg_nan", "HistGradientBoostingRegressor(max_iter=10, max_depth=4), "
            "~15% NaN features (train and held-out)" + hgb_fix,
            HistGradientBoostingRegressor(**hgb), Xr_nan, yr, Xr_te_nan, kind="regressor",
            bools_as_ints=True)
    Xb_nan, Xb_te_nan = with_nan(Xb, 0.15, 12), with_nan(Xb_te, 0.15, 13)
    Xb_te_nan[0, :] = np.nan
    sk_case("sk_hgb_clf_binary_nan", "HistGradientBoostingClassifier(max_iter=10, max_depth=4) "
            "(binary), ~15% NaN features" + hgb_fix, HistGradientBoostingClassifier(**hgb),
            Xb_nan, yb, Xb_te_nan, bools_as_ints=True)
    Xm_nan, Xm_te_nan = with_nan(Xm, 0.15, 14), with_nan(Xm_te, 0.15, 15)
    Xm_te_nan[0, :] = np.nan
    sk_case("sk_hgb_clf_multiclass_nan", "HistGradientBoostingClassifier(max_iter=10, "
            "max_depth=4) (3 classes), ~15% NaN features" + hgb_fix,
            HistGradientBoostingClassifier(**hgb), Xm_nan, ym, Xm_te_nan, bools_as_ints=True)
    DYNAMIC_NOTES.append(
        "- **HistGradientBoosting\\* needs a workaround to convert.** skl2onnx builds "
        "`nodes_missing_value_tracks_true` from sklearn's `missing_go_to_left` and uses the Python "
        "bool `False` for leaves (`skl2onnx/common/tree_ensemble.py`). "
        + (f"The installed protobuf rejects a bool in an `ints` field: the plain "
           f"`to_onnx(model, X[:1])` fails for every HGB classifier and regressor, with or without "
           f"NaN, whatever `target_opset` is given (`{hgb_plain}`). "
           if hgb_plain else "The plain conversion currently succeeds (it failed with protobuf "
           "7.36.2). ")
        + "The `sk_hgb_*` cases are converted with default options while "
        "`generate.py`'s `bool_list_attributes_as_ints()` wraps `onnx.helper.make_attribute` so "
        "that bools inside a list attribute become 0/1 ints, which is what older protobuf "
        "releases stored; nothing else in the model is touched. Leaves get 0; a branch gets 1 "
        "when sklearn sends missing values left (the true side of `BRANCH_LEQ`).")
    sk_case("sk_isolation_forest", "IsolationForest(n_estimators=10, max_samples=16)",
            IsolationForest(n_estimators=10, max_samples=16, random_state=0), Xb, None, Xb_te,
            kind="outlier")
    # With default options the IsolationForest converter refuses (it would need ai.onnx.ml 4) and
    # tells the user to pass target_opset={'ai.onnx.ml': 3}; that alone fails with "op_version
    # must be specified", so the main opset has to be given too.
    sk_case("sk_isolation_forest_ml3", "IsolationForest(n_estimators=10, max_samples=16), "
            "target_opset={'': 22, 'ai.onnx.ml': 3} (the default conversion fails)",
            IsolationForest(n_estimators=10, max_samples=16, random_state=0), Xb, None, Xb_te,
            kind="outlier", to_onnx_kwargs={"target_opset": {"": 22, "ai.onnx.ml": 3}})

    # ai.onnx.ml opset 5 variants: only kept if the converter really emits TreeEnsemble
    ml5 = {"target_opset": {"": 21, "ai.onnx.ml": 5}}
    sk_case("sk_rf_reg_ml5", "RandomForestRegressor(n_estimators=10, max_depth=4), "
            "target_opset={'': 21, 'ai.onnx.ml': 5}",
            RandomForestRegressor(n_estimators=10, max_depth=4, random_state=0), Xr, yr, Xr_te,
            kind="regressor", to_onnx_kwargs=ml5, require_op="ai.onnx.ml:TreeEnsemble")

    # ---------------- float64 inputs (what to_onnx infers from a default float64 numpy array)
    Xb64, Xb64_te = Xb.astype(np.float64), Xb_te.astype(np.float64)
    Xr64, Xr64_te = Xr.astype(np.float64), Xr_te.astype(np.float64)
    sk_case("sk_logreg_binary_f64", "LogisticRegression (binary), float64 features",
            LogisticRegression(), Xb64, yb, Xb64_te)
    sk_case("sk_linreg_f64", "LinearRegression, float64 features", LinearRegression(),
            Xr64, yr, Xr64_te, kind="regressor")
    sk_case("sk_rf_reg_f64", "RandomForestRegressor(n_estimators=10, max_depth=4), float64 "
            "features", RandomForestRegressor(n_estimators=10, max_depth=4, random_state=0),
            Xr64, yr, Xr64_te, kind="regressor")
    sk_case("sk_rf_clf_binary_f64", "RandomForestClassifier(n_estimators=10, max_depth=4) "
            "(binary), float64 features",
            RandomForestClassifier(n_estimators=10, max_depth=4, random_state=0), Xb64, yb, Xb64_te)
    sk_case("sk_pipe_standard_logreg_f64", "StandardScaler -> LogisticRegression, float64 features",
            make_pipeline(StandardScaler(), LogisticRegression()), Xb64, yb, Xb64_te)

    # ---------------- neural nets, naive Bayes, neighbours
    mlp = dict(hidden_layer_sizes=(16, 8), max_iter=300, random_state=0)
    sk_case("sk_mlp_clf_binary", "MLPClassifier(hidden_layer_sizes=(16, 8)) (binary)",
            MLPClassifier(**mlp), Xb, yb, Xb_te)
    sk_case("sk_mlp_clf_multiclass", "MLPClassifier(hidden_layer_sizes=(16, 8)) (3 classes)",
            MLPClassifier(**mlp), Xm, ym, Xm_te)
    sk_case("sk_mlp_reg", "MLPRegressor(hidden_layer_sizes=(16, 8))", MLPRegressor(**mlp),
            Xr, yr, Xr_te, kind="regressor")
    sk_case("sk_gaussian_nb_multiclass", "GaussianNB (3 classes)", GaussianNB(), Xm, ym, Xm_te)
    sk_case("sk_knn_clf_multiclass", "KNeighborsClassifier(n_neighbors=5), 200 training rows "
            "(3 classes)", KNeighborsClassifier(), Xm[:200], ym[:200], Xm_te)
    sk_case("sk_knn_reg", "KNeighborsRegressor(n_neighbors=5), 200 training rows",
            KNeighborsRegressor(), Xr[:200], yr[:200], Xr_te, kind="regressor")

    # ---------------- pipelines (preprocessing -> LogisticRegression / regressor)
    def pipe(case, desc, steps, Xtr, ytr, Xte, kind="classifier", note=""):
        sk_case(case, desc, make_pipeline(*steps), Xtr, ytr, Xte, kind=kind, note=note)

    pipe("sk_pipe_standard_logreg", "StandardScaler -> LogisticRegression",
         [StandardScaler(), LogisticRegression()], X8, y8, X8_te)
    pipe("sk_pipe_minmax_logreg", "MinMaxScaler -> LogisticRegression",
         [MinMaxScaler(), LogisticRegression()], X8, y8, X8_te)
    pipe("sk_pipe_robust_logreg", "RobustScaler -> LogisticRegression",
         [RobustScaler(), LogisticRegression()], X8, y8, X8_te)
    pipe("sk_pipe_maxabs_logreg", "MaxAbsScaler -> LogisticRegression",
         [MaxAbsScaler(), LogisticRegression()], X8, y8, X8_te)
    for norm in ("l1", "l2", "max"):
        pipe(f"sk_pipe_normalizer_{norm}_logreg",
             f"Normalizer(norm='{norm}') -> LogisticRegression (3 classes)",
             [Normalizer(norm=norm), LogisticRegression()], Xm, ym, Xm_te)
    X8_nan, X8_te_nan = with_nan(X8, 0.1, 20), with_nan(X8_te, 0.1, 21)
    X8_te_nan[0, :] = np.nan
    for strategy in ("mean", "median"):
        pipe(f"sk_pipe_imputer_{strategy}_logreg",
             f"SimpleImputer(strategy='{strategy}') -> LogisticRegression, ~10% NaN features",
             [SimpleImputer(strategy=strategy), LogisticRegression()], X8_nan, y8, X8_te_nan)
    Xi, yi, Xi_te, _ = int_valued_data(6, 4, seed=5)
    pipe("sk_pipe_onehot_logreg", "OneHotEncoder() on integer-valued float32 columns "
         "(levels 0..3) -> LogisticRegression", [OneHotEncoder(), LogisticRegression()],
         Xi, yi, Xi_te)
    pipe("sk_pipe_ordinal_logreg", "OrdinalEncoder() on integer-valued float32 columns "
         "(levels 0..3) -> LogisticRegression", [OrdinalEncoder(), LogisticRegression()],
         Xi, yi, Xi_te)
    pipe("sk_pipe_pca_logreg", "PCA(n_components=4) -> LogisticRegression (3 classes)",
         [PCA(n_components=4, random_state=0), LogisticRegression()], Xm, ym, Xm_te)
    pipe("sk_pipe_truncsvd_logreg", "TruncatedSVD(n_components=4) -> LogisticRegression",
         [TruncatedSVD(n_components=4, random_state=0), LogisticRegression()], X8, y8, X8_te)
    pipe("sk_pipe_poly2_ridge", "PolynomialFeatures(degree=2) -> Ridge",
         [PolynomialFeatures(degree=2), Ridge()], Xr, yr, Xr_te, kind="regressor")
    pipe("sk_pipe_poly2_logreg", "PolynomialFeatures(degree=2) -> StandardScaler -> "
         "LogisticRegression", [PolynomialFeatures(degree=2), StandardScaler(),
                                LogisticRegression()], Xb, yb, Xb_te)
    pipe("sk_pipe_kbins_onehot_logreg", "KBinsDiscretizer(n_bins=4, encode='onehot-dense') -> "
         "LogisticRegression", [KBinsDiscretizer(n_bins=4, encode="onehot-dense"),
                                LogisticRegression()], X8, y8, X8_te)
    pipe("sk_pipe_kbins_ordinal_logreg", "KBinsDiscretizer(n_bins=4, encode='ordinal') -> "
         "LogisticRegression", [KBinsDiscretizer(n_bins=4, encode="ordinal"),
                                LogisticRegression()], X8, y8, X8_te)
    pipe("sk_pipe_binarizer_logreg", "Binarizer(threshold=0.0) -> LogisticRegression",
         [Binarizer(threshold=0.0), LogisticRegression()], X8, y8, X8_te)

    # string features, one input
    rng = np.random.default_rng(6)
    Xs = rng.choice(["a", "b", "c", "d"], size=(N_TRAIN + N_TEST, 3)).astype(object)
    ys = ((Xs[:, 0] == "a") | (Xs[:, 1] == "b")).astype(np.int64)
    ys[rng.random(len(ys)) < 0.1] ^= 1
    Xs[:4, :] = np.array([["a"] * 3, ["b"] * 3, ["c"] * 3, ["d"] * 3], dtype=object)
    pipe("sk_pipe_ordinal_str_logreg", "OrdinalEncoder() on 3 string columns -> "
         "LogisticRegression (string input)", [OrdinalEncoder(), LogisticRegression()],
         Xs[:N_TRAIN], ys[:N_TRAIN], Xs[N_TRAIN:])

    # string class labels -> string label output and string ZipMap keys
    yss = np.array(["cat", "dog", "eel"], dtype=object)[ym]
    sk_case("sk_logreg_string_labels", "LogisticRegression, y in {'cat','dog','eel'} "
            "(string labels)", LogisticRegression(), Xm, yss, Xm_te)
    pipe("sk_pipe_standard_rf_string_labels", "StandardScaler -> RandomForestClassifier("
         "n_estimators=10, max_depth=4), y in {'cat','dog','eel'}",
         [StandardScaler(), RandomForestClassifier(n_estimators=10, max_depth=4, random_state=0)],
         Xm, yss, Xm_te)

    # ---------------- ColumnTransformer: numeric + string columns
    num, cat, ymix = mixed_data(seed=7)
    # (a) numpy object array, integer column indices, one float input + one string input
    Xobj = np.empty((len(num), 5), dtype=object)
    Xobj[:, :3] = num
    Xobj[:, 3:] = cat
    ct_desc = ("ColumnTransformer([StandardScaler on 3 numeric cols, "
               "OneHotEncoder(handle_unknown='ignore') on 2 string cols]) -> LogisticRegression")
    ct_pipe = make_pipeline(
        ColumnTransformer([("num", StandardScaler(), [0, 1, 2]),
                           ("cat", OneHotEncoder(handle_unknown="ignore"), [3, 4])]),
        LogisticRegression())
    ct_pipe.fit(Xobj[:N_TRAIN], ymix[:N_TRAIN])
    init2 = [("num", FloatTensorType([None, 3])), ("cat", StringTensorType([None, 2]))]
    emit("sk_coltrans_num_cat_2inputs", ct_desc + "; inputs num float[N,3] + cat string[N,2]; "
         "held-out rows 2, 7, 11 have unseen categories", SKL2ONNX,
         lambda: convert_sklearn(ct_pipe, initial_types=init2),
         {"num": num[N_TRAIN:], "cat": cat[N_TRAIN:]}, model=ct_pipe, feeds_sk=Xobj[N_TRAIN:])

    # (b) pandas DataFrame, one graph input per column ([N,1] each), as to_onnx(pipe, df[:1]) does
    if pd is not None:
        def make_df(ftype, str_dtype):
            df = pd.DataFrame({f"n{j}": num[:, j].astype(ftype) for j in range(3)})
            for j, name in enumerate(("color", "size")):
                df[name] = pd.Series(list(cat[:, j]), dtype=str_dtype)  # None: pandas' default
            return df.iloc[:N_TRAIN], df.iloc[N_TRAIN:].reset_index(drop=True)

        def df_pipe(df_tr):
            return make_pipeline(
                ColumnTransformer([("num", StandardScaler(), ["n0", "n1", "n2"]),
                                   ("cat", OneHotEncoder(handle_unknown="ignore"),
                                    ["color", "size"])]),
                LogisticRegression()).fit(df_tr, ymix[:N_TRAIN])

        def df_feeds(df_te):
            return {c: (df_te[c].to_numpy().astype(object) if c in ("color", "size")
                        else df_te[c].to_numpy()).reshape(-1, 1) for c in df_te.columns}

        for suffix, ftype, extra in (
                ("", np.float32, "float32 numeric columns"),
                ("_f64", np.float64, "float64 numeric columns (pandas' default)")):
            df_tr, df_te = make_df(ftype, None)
            p = df_pipe(df_tr)
            emit(f"sk_coltrans_df_percolumn{suffix}", ct_desc + f"; pandas DataFrame with {extra} "
                 f"and string columns of pandas' default dtype ({df_tr['color'].dtype}), "
                 "converted with to_onnx(pipe, df[:1]) -> one [N,1] input per column; held-out "
                 "rows 2, 7, 11 have unseen categories", SKL2ONNX,
                 lambda p=p, df_tr=df_tr: to_onnx(p, df_tr[:1]), df_feeds(df_te), model=p,
                 feeds_sk=df_te)
        # object-dtype string columns: does the converter produce the same model?
        df_tr, _ = make_df(np.float32, object)
        df_tr_default, _ = make_df(np.float32, None)
        same = (convert_deterministically("cmp", lambda: to_onnx(df_pipe(df_tr), df_tr[:1]))
                .SerializeToString() ==
                convert_deterministically("cmp", lambda: to_onnx(df_pipe(df_tr_default),
                                                                 df_tr_default[:1]))
                .SerializeToString())
        DYNAMIC_NOTES.append(
            f"- `sk_coltrans_df_percolumn`: with pandas {pd.__version__} the string columns get "
            f"dtype `{df_tr_default['color'].dtype}` by default; converting the same DataFrame "
            f"with `object`-dtype string columns gives "
            f"{'a byte-identical model' if same else 'a DIFFERENT model'}.")
    else:
        FAILURES.append(("sk_coltrans_df_percolumn", "", "skipped", "pandas is not installed"))

    # ---------------- XGBoost (onnxmltools)
    xgb = dict(n_estimators=10, max_depth=4, learning_rate=0.3, random_state=0, n_jobs=1)
    mlt_case("xgb_clf_binary", f"xgboost {xgboost.__version__} XGBClassifier(n_estimators=10, "
             "max_depth=4) (binary:logistic)", xgboost.XGBClassifier(**xgb), Xb, yb, Xb_te,
             convert_xgboost)
    mlt_case("xgb_clf_multiclass", f"xgboost {xgboost.__version__} XGBClassifier(n_estimators=10, "
             "max_depth=4) (3 classes, multi:softprob)", xgboost.XGBClassifier(**xgb), Xm, ym, Xm_te,
             convert_xgboost)
    mlt_case("xgb_reg", f"xgboost {xgboost.__version__} XGBRegressor(n_estimators=10, max_depth=4)"
             " (reg:squarederror)", xgboost.XGBRegressor(**xgb), Xr, yr, Xr_te, convert_xgboost,
             kind="regressor")
    mlt_case("xgb_reg_nan", f"xgboost {xgboost.__version__} XGBRegressor(n_estimators=10, "
             "max_depth=4), ~15% NaN features", xgboost.XGBRegressor(**xgb), Xr_nan, yr, Xr_te_nan,
             convert_xgboost, kind="regressor")

    # ---------------- LightGBM (onnxmltools)
    lgb = dict(n_estimators=10, max_depth=4, num_leaves=15, random_state=0, n_jobs=1, verbose=-1)
    lv = lightgbm.__version__
    mlt_case("lgbm_clf_binary", f"lightgbm {lv} LGBMClassifier(n_estimators=10, max_depth=4, "
             "num_leaves=15) (binary)", lightgbm.LGBMClassifier(**lgb), Xb, yb, Xb_te,
             convert_lightgbm)
    mlt_case("lgbm_clf_multiclass", f"lightgbm {lv} LGBMClassifier(n_estimators=10, max_depth=4, "
             "num_leaves=15) (3 classes)", lightgbm.LGBMClassifier(**lgb), Xm, ym, Xm_te,
             convert_lightgbm)
    mlt_case("lgbm_reg", f"lightgbm {lv} LGBMRegressor(n_estimators=10, max_depth=4, "
             "num_leaves=15)", lightgbm.LGBMRegressor(**lgb), Xr, yr, Xr_te, convert_lightgbm,
             kind="regressor")
    mlt_case("lgbm_reg_nan", f"lightgbm {lv} LGBMRegressor(n_estimators=10, max_depth=4, "
             "num_leaves=15), ~15% NaN features", lightgbm.LGBMRegressor(**lgb), Xr_nan, yr,
             Xr_te_nan, convert_lightgbm, kind="regressor")
    # categorical feature: column 0 holds integer codes 0..5 (as float32)
    rng = np.random.default_rng(8)
    Xc, yc, Xc_te, _ = clf_data(2, 6, seed=9)
    codes = rng.integers(0, 6, size=N_TRAIN + N_TEST)
    yc_all = np.concatenate([yc, np.zeros(N_TEST, dtype=yc.dtype)])
    flip = np.isin(codes, [1, 4])  # categories 1 and 4 flip the label: only a categorical split sees it
    yc_all = np.where(flip, 1 - yc_all, yc_all)
    Xc_all = np.concatenate([Xc, Xc_te])
    Xc_all[:, 0] = codes.astype(np.float32)
    mlt_case("lgbm_clf_binary_categorical", f"lightgbm {lv} LGBMClassifier(n_estimators=10, "
             "max_depth=4, num_leaves=15) (binary), fit(categorical_feature=[0]); column 0 = "
             "integer codes 0..5 as float32", lightgbm.LGBMClassifier(**lgb, min_data_per_group=5,
                                                                        cat_smooth=1.0),
             Xc_all[:N_TRAIN], yc_all[:N_TRAIN], Xc_all[N_TRAIN:], convert_lightgbm,
             fit_kwargs={"categorical_feature": [0]})
    # categorical regressor with NaN (column 0 = codes 0..5; source of te5_member)
    rng = np.random.default_rng(16)
    Xcr, ycr, Xcr_te, ycr_te = reg_data(6, seed=17)
    Xcr_all, ycr_all = np.concatenate([Xcr, Xcr_te]), np.concatenate([ycr, ycr_te])
    codes = rng.integers(0, 6, size=N_TRAIN + N_TEST)
    Xcr_all[:, 0] = codes.astype(np.float32)
    ycr_all = ycr_all + np.array([0.0, 1.5, 0.0, -1.0, 1.5, 0.5])[codes]
    Xcr_all = with_nan(Xcr_all, 0.1, 18)
    Xcr_all[N_TRAIN, :] = np.nan
    lgbm_cat_reg = lightgbm.LGBMRegressor(**lgb, min_data_per_group=5, cat_smooth=1.0)
    lgbm_cat_reg_onx = mlt_case(
        "lgbm_reg_categorical_nan", f"lightgbm {lv} LGBMRegressor(n_estimators=10, max_depth=4, "
        "num_leaves=15), fit(categorical_feature=[0]); column 0 = integer codes 0..5 as float32; "
        "~10% NaN features (column 0 included)", lgbm_cat_reg, Xcr_all[:N_TRAIN],
        ycr_all[:N_TRAIN], Xcr_all[N_TRAIN:], convert_lightgbm, kind="regressor",
        fit_kwargs={"categorical_feature": [0]})

    # ---------------- ai.onnx.ml 5 TreeEnsemble (no converter emits it: rewritten here, verified
    # against the source model in onnxruntime on all 325 rows)
    Xr_all = np.concatenate([Xr, Xr_te])
    te5_case("te5_rf_reg", "RandomForestRegressor(n_estimators=10, max_depth=4) = sk_rf_reg, "
             "its TreeEnsembleRegressor rewritten as ai.onnx.ml 5 TreeEnsemble (SUM: skl2onnx "
             "divides the leaf weights by the number of trees)",
             "sk_rf_reg", rf_reg_onx, SKL2ONNX, Xr_all, model=rf_reg)
    te5_case("te5_gb_reg", "GradientBoostingRegressor(n_estimators=10, max_depth=3) = sk_gb_reg, "
             "its TreeEnsembleRegressor rewritten as ai.onnx.ml 5 TreeEnsemble (SUM) + Add of "
             "the base value", "sk_gb_reg", gb_reg_onx, SKL2ONNX, Xr_all, model=gb_reg)
    te5_case("te5_member", f"lightgbm {lv} LGBMRegressor with categorical column 0 and NaN = "
             "lgbm_reg_categorical_nan, rewritten as ai.onnx.ml 5 TreeEnsemble with each "
             "BRANCH_EQ chain collapsed into one BRANCH_MEMBER node", "lgbm_reg_categorical_nan",
             lgbm_cat_reg_onx, ONNXMLTOOLS, Xcr_all, model=lgbm_cat_reg, collapse_eq_chains=True)
    rng = np.random.default_rng(19)
    Xh = rng.normal(size=(N_TRAIN + N_TEST, 6)).astype(np.float32)
    Xh[:, 4:] = rng.integers(0, 4, size=(N_TRAIN + N_TEST, 2)).astype(np.float32)
    Xh = with_nan(Xh, 0.1, 20)
    Xh[N_TRAIN, :] = np.nan
    te5_case("te5_avg_multi", "hand-built ensemble of 4 trees, n_targets=2, AVERAGE, modes LEQ LT "
             "GTE GT EQ NEQ MEMBER, a single-leaf tree, NaN to the true side on 3 nodes; columns 4 "
             "and 5 integer codes 0..3, ~10% NaN features", "a hand-built TreeEnsembleRegressor",
             hand_built_tree_ensemble_regressor(), "ai.onnx.ml 3", Xh, collapse_eq_chains=True)

    write_readme()
    print_summary()


# ----------------------------------------------------------------------------------------------
# README + summary

def tool_versions():
    names = ["numpy", "scipy", "pandas", "scikit-learn", "skl2onnx", "onnxmltools", "onnx",
             "onnxruntime", "xgboost", "lightgbm", "protobuf"]
    out = [("python", platform.python_version())]
    for n in names:
        try:
            out.append((n, _pkg_version(n)))
        except Exception:  # noqa: BLE001
            out.append((n, "not installed"))
    return out


def fmt_opsets(opsets):
    return ", ".join(f"{k} {v}" for k, v in sorted(opsets.items()))


def fmt_io(entries):
    parts = []
    for e in entries:
        shp = "×".join(str(s) for s in e["shape"])
        if e["type"] == "map":
            kt = "string" if e["keys"] and isinstance(e["keys"][0], str) else "int64"
            parts.append(f"{e['name']}: map<{kt}> [{shp}]")
        else:
            parts.append(f"{e['name']}: {e['type']} [{shp}]")
    return "<br>".join(parts)


def distinct_ops_with_versions():
    """domain:op -> set of the versions of that op's domain imported by the models using it."""
    table = {}
    for r in RESULTS:
        for op in r["ops"]:
            dom = op.split(":")[0]
            table.setdefault(op, set()).add(r["opsets"].get(dom))
    return table


def corpus_files():
    return sorted(glob.glob(os.path.join(HERE, "*.onnx")) + glob.glob(os.path.join(HERE, "*.json")))


def tree_summary(path):
    """Per-model summary of its tree-ensemble nodes (TreeEnsembleRegressor/Classifier and the
    ai.onnx.ml 5 TreeEnsemble, whose modes/post_transform/aggregate are ints)."""
    from collections import Counter
    m = onnx.load(path)
    nodes = [n for n in m.graph.node if n.op_type.startswith("TreeEnsemble")]
    if not nodes:
        return None
    modes, missing, posts, aggs, base = Counter(), 0, set(), set(), set()
    for n in nodes:
        a = {x.name: x for x in n.attribute}
        if n.op_type == "TreeEnsemble":
            names = {v: k for k, v in TE5_MODES.items()}
            modes.update(names[int(v)] for v in numpy_helper.to_array(a["nodes_modes"].t))
            modes["LEAF"] += len(numpy_helper.to_array(a["leaf_weights"].t))
            posts.add({v: k for k, v in TE5_POST_TRANSFORM.items()}[
                a["post_transform"].i if "post_transform" in a else 0])
            aggs.add({v: k for k, v in TE5_AGGREGATE.items()}[
                a["aggregate_function"].i if "aggregate_function" in a else 1])
            adds = [x for x in m.graph.node if x.op_type == "Add" and n.output[0] in x.input]
            base.add("none in the op; an `Add` follows" if adds else "none in the op")
        else:
            modes.update(v.decode() for v in a["nodes_modes"].strings)
            posts.add(a["post_transform"].s.decode() if "post_transform" in a else "NONE")
            if n.op_type == "TreeEnsembleRegressor":
                aggs.add(a["aggregate_function"].s.decode() if "aggregate_function" in a
                         else "SUM")
            else:
                aggs.add("(sum)")
            base.add("yes" if "base_values" in a and len(a["base_values"].floats) > 0 else "no")
        if "nodes_missing_value_tracks_true" in a:
            missing += sum(a["nodes_missing_value_tracks_true"].ints)
    ops = Counter(n.op_type for n in nodes)
    return {"op": ", ".join(f"{k} ({v})" for k, v in sorted(ops.items())),
            "modes": ", ".join(f"{k} {v}" for k, v in sorted(modes.items())),
            "missing": missing, "post": ", ".join(sorted(posts)), "agg": ", ".join(sorted(aggs)),
            "base": ", ".join(sorted(base))}


def _probe_model(node, n_features=1, ml_opset=5):
    g = helper.make_graph([node], "probe", [helper.make_tensor_value_info(
        "X", onnx.TensorProto.FLOAT, [None, n_features])], [helper.make_tensor_value_info(
            "Y", onnx.TensorProto.FLOAT, [None, 1])])
    return helper.make_model(g, opset_imports=[helper.make_opsetid("ai.onnx.ml", ml_opset)],
                             ir_version=10)


def _probe_te5(x, **attrs):
    """(onnx.reference, onnxruntime) outputs of a one-feature, one-target TreeEnsemble."""
    t = {k: numpy_helper.from_array(np.asarray(v, dtype=np.uint8 if k == "nodes_modes"
                                               else np.float32), k)
         for k, v in attrs.items() if k in ("nodes_modes", "nodes_splits", "leaf_weights",
                                            "membership_values")}
    attrs.update(t)
    m = _probe_model(helper.make_node("TreeEnsemble", ["X"], ["Y"], domain="ai.onnx.ml",
                                      n_targets=1, aggregate_function=1, **attrs))
    feeds = {"X": np.asarray(x, np.float32).reshape(-1, 1)}
    return (ReferenceEvaluator(m).run(None, feeds)[0].reshape(-1).tolist(),
            ort_run(m, feeds)[0].reshape(-1).tolist())


def te5_probes():
    """Tiny models that pin down the two onnx.reference problems and the onnxruntime behaviour
    described in the README (re-checked at every run)."""
    # one BRANCH_MEMBER node, set {0, 1}: leaf 1 if x is in the set, else leaf 2; x = 0, 1, 2
    member_zero = _probe_te5(
        [0, 1, 2], tree_roots=[0], nodes_featureids=[0], nodes_modes=[6], nodes_splits=[0],
        nodes_truenodeids=[0], nodes_trueleafs=[1], nodes_falsenodeids=[1], nodes_falseleafs=[1],
        leaf_targetids=[0, 0], leaf_weights=[1, 2], membership_values=[0, 1, np.nan])
    # tree 0: x <= 0 ? leaf 0 (1) : leaf 1 (2); tree 1 is the single leaf 2 (4); x = -1, 1
    single_leaf = _probe_te5(
        [-1, 1], tree_roots=[0, 1], nodes_featureids=[0, 0], nodes_modes=[0, 0],
        nodes_splits=[0, 0], nodes_truenodeids=[0, 2], nodes_trueleafs=[1, 1],
        nodes_falsenodeids=[1, 2], nodes_falseleafs=[1, 1], leaf_targetids=[0, 0, 0],
        leaf_weights=[1, 2, 4])
    # TreeEnsembleRegressor: x == 1 ? 10 : (x == 3 (NaN true) ? 10 : 20); x = NaN
    N = [(0, "BRANCH_EQ", 1.0, 1, 2, 0), (1, "LEAF", 0.0, 0, 0, 0),
         (2, "BRANCH_EQ", 3.0, 1, 3, 1), (3, "LEAF", 0.0, 0, 0, 0)]
    m = _probe_model(helper.make_node(
        "TreeEnsembleRegressor", ["X"], ["Y"], domain="ai.onnx.ml", n_targets=1,
        nodes_treeids=[0] * 4, nodes_nodeids=[n[0] for n in N], nodes_modes=[n[1] for n in N],
        nodes_featureids=[0] * 4, nodes_values=[n[2] for n in N],
        nodes_truenodeids=[n[3] for n in N], nodes_falsenodeids=[n[4] for n in N],
        nodes_missing_value_tracks_true=[n[5] for n in N], target_treeids=[0, 0],
        target_nodeids=[1, 3], target_ids=[0, 0], target_weights=[10.0, 20.0]), ml_opset=3)
    feeds = {"X": np.array([[np.nan]], np.float32)}
    eq_chain = (ReferenceEvaluator(m).run(None, feeds)[0].reshape(-1).tolist(),
                ort_run(m, feeds)[0].reshape(-1).tolist())
    return {"member_zero": member_zero, "single_leaf": single_leaf, "eq_chain": eq_chain}


def te5_notes():
    """README notes on the te5_* cases, from the written files and the verification results."""
    from collections import Counter
    done = [r["case"] for r in RESULTS if r["case"] in TE5_CHECKS]
    if not done:
        return []
    diffs = ", ".join(f"`{c}` {TE5_CHECKS[c]['diff']:.1e}" for c in done)
    L = ["- **`te5_*`: ai.onnx.ml 5 `TreeEnsemble`, written by `generate.py`.** "
         "`tree_ensemble_regressor_to_v5()` replaces a model's `TreeEnsembleRegressor` node by the "
         "equivalent `TreeEnsemble` node (attributes as in "
         "`onnx.defs.get_schema('TreeEnsemble', 5, 'ai.onnx.ml')`), sets the `ai.onnx.ml` import "
         "to 5 and the IR version to at least 10, and leaves everything else alone (input and "
         "output names, other nodes, graph name). Interior nodes are numbered in pre-order "
         "(node, true subtree, false subtree) tree after tree, leaves in the order they are "
         "reached; `nodes_modes` is a uint8 tensor, `nodes_splits`, `leaf_weights` and "
         "`membership_values` are float tensors, `aggregate_function` and `post_transform` are "
         "ints; the function's docstring has the details. These files are therefore not a "
         "converter's output. Each rewritten model passes `onnx.checker.check_model(full_check="
         "True)` and is run in onnxruntime next to its source model on all 325 rows (training + "
         "held-out); generation fails unless every output agrees within 1e-6. Max abs diff: "
         + diffs + "."]
    for c in done:
        m = onnx.load(os.path.join(HERE, c + ".onnx"))
        te = [n for n in m.graph.node if n.op_type == "TreeEnsemble"][0]
        a = {x.name: helper.get_attribute_value(x) for x in te.attribute}
        modes = numpy_helper.to_array(a["nodes_modes"]).tolist()
        miss = list(a.get("nodes_missing_value_tracks_true", [])) or [0] * len(modes)
        names = {v: k for k, v in TE5_MODES.items()}
        agg = {v: k for k, v in TE5_AGGREGATE.items()}[a.get("aggregate_function", 1)]
        head = (f"  - `{c}`: {len(a['tree_roots'])} trees, {len(modes)} `nodes_*` and "
                f"{len(a['leaf_targetids'])} `leaf_*` entries, n_targets {a.get('n_targets', 1)}, "
                f"{agg}; ")
        if c == "te5_gb_reg":
            init = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
            b = init.get("variable_base_values")
            L.append(head + "the source's `base_values` (TreeEnsemble has none) are added by "
                     "`Add(variable_trees, variable_base_values)` -> `variable`, with "
                     f"`variable_base_values` a float [{len(b)}] initializer "
                     f"({', '.join(repr(float(v)) for v in b)}).")
        elif c == "te5_member":
            mv = numpy_helper.to_array(a["membership_values"]).tolist()
            sets, cur = [], []
            for v in mv:
                if math.isnan(v):
                    sets.append(cur)
                    cur = []
                else:
                    cur.append(v)
            n_member = modes.count(TE5_MODES["BRANCH_MEMBER"])
            member_miss = sum(1 for k, md in enumerate(modes) if md == 6 and miss[k])
            sizes = Counter(len(s) for s in sets)
            inp = [r for r in RESULTS if r["case"] == c][0]["inputs"][0]
            F = inp["shape"][1]
            nan_rows = [i for i in range(inp["shape"][0]) if inp["values"][i * F] is None]
            L.append(head + "onnxmltools writes each LightGBM categorical split as a chain of "
                     "`BRANCH_EQ` nodes on column 0 that share the true child; every chain of two "
                     f"or more became one `BRANCH_MEMBER` node ({n_member} nodes; sets of size "
                     + ", ".join(f"{k} × {v}" for k, v in sorted(sizes.items()))
                     + "; first sets " + ", ".join(
                         "{" + ", ".join(str(int(v)) for v in st) + "}" for st in sets[:3]) + "), "
                     f"single `BRANCH_EQ` nodes stay EQ ({modes.count(TE5_MODES['BRANCH_EQ'])}). "
                     "`membership_values` lists the sets in node order, each followed by NaN; "
                     "MEMBER nodes have split 0.0 (ignored). LightGBM sends a missing categorical "
                     f"value to the false side, so {member_miss} MEMBER nodes have "
                     "missing→true (the nodes that have it: " + ", ".join(
                         f"{k} {v}" for k, v in sorted(Counter(
                             names[modes[k]] + (" on column 0" if a["nodes_featureids"][k] == 0
                                                else " on other columns")
                             for k in range(len(modes)) if miss[k]).items())) + ")"
                     if member_miss == 0 else
                     head + f"{n_member} `BRANCH_MEMBER` nodes, {member_miss} with missing→true")
            L[-1] += (f". Held-out rows with NaN in column 0: {nan_rows}; row 0 is all NaN.")
        elif c == "te5_avg_multi":
            used = Counter(names[md] for md in modes)
            L.append(head + "hand-built (`hand_built_tree_ensemble_regressor()` has the trees): "
                     "modes " + ", ".join(f"{k} {v}" for k, v in sorted(used.items()))
                     + ", missing→true on " + ", ".join(
                         names[modes[k]] for k in range(len(modes)) if miss[k])
                     + "; the last tree is a single leaf, written as one BRANCH_LEQ entry whose "
                     "true and false branches are the same leaf. Trees 0 and 2 feed target 0, "
                     "trees 1 and 3 target 1, and AVERAGE divides each target's sum by the number "
                     "of trees in the ensemble (4), not by the trees feeding that target (2): "
                     "onnxruntime does that for `TreeEnsembleRegressor` and `TreeEnsemble` alike "
                     "(onnx.reference divides by `len(trees)` as well).")
        elif c == "te5_rf_reg":
            L.append(head + "same model and rows as `sk_rf_reg` (skl2onnx writes the forest's "
                     "mean as a SUM of leaf weights already divided by the number of trees).")
        else:
            L.append(head.rstrip("; ") + ".")
    probes = te5_probes()
    ref_ok = [c for c in done if isinstance(TE5_CHECKS[c]["ref"], float)
              and TE5_CHECKS[c]["ref"] <= 1e-6]
    ref_bad = [c for c in done if c not in ref_ok]

    def fmt_ref(c):
        r = TE5_CHECKS[c]["ref"]
        return r if isinstance(r, str) else f"max abs diff {r:.1e}"
    problems = []
    ref, rt = probes["member_zero"]
    if ref != rt:
        problems.append(
            "it stops reading a membership set at a member equal to 0.0 (`op_tree_ensemble.py` "
            "reads members with `while (v := next(it)) and not np.isnan(v)`, and 0.0 is falsy), "
            "so category 0 is dropped and the following sets are misread: one MEMBER node with "
            f"the set {{0, 1}} and leaves 1 (in) / 2 (out) gives {ref} for x = 0, 1, 2 where "
            f"onnxruntime gives {rt}")
    ref, rt = probes["single_leaf"]
    if ref != rt:
        problems.append(
            "for a tree that is a single leaf (one `nodes_*` entry whose true and false branches "
            "are the same leaf) it reads `leaf_*[root]`, the root's *node* index, instead of the "
            "leaf the branches point to: trees `x <= 0 ? 1 : 2` and the single leaf 4 (`leaf_*` "
            f"entry 2, root `nodes_*` entry 1) give {ref} for x = -1, 1 where onnxruntime gives "
            f"{rt}, as the spec describes")
    L.append((
        "- **onnx.reference is not a safe oracle for `TreeEnsemble`.** The last column of the "
        f"case table also runs each `te5_*` model through onnx {onnx.__version__}'s Python "
        "reference implementation (`onnx.reference.ReferenceEvaluator`). "
        + (f"It agrees with onnxruntime on {', '.join(f'`{c}`' for c in ref_ok)}. "
           if ref_ok else "")
        + ("Two problems: " + "; ".join(problems) + ". " if len(problems) > 1 else
           ("One problem: " + problems[0] + ". " if problems else ""))
        + ("It therefore disagrees on " + ", ".join(f"`{c}` ({fmt_ref(c)})" for c in ref_bad)
           + ": `te5_member` has category 0 in its sets and `te5_avg_multi` ends with a "
           "single-leaf tree. The JSON holds onnxruntime's output, which matches the source "
           "models." if ref_bad else "")).rstrip())
    ref, rt = probes["eq_chain"]
    chains = {c: TE5_CHECKS[c]["stats"] for c in done if TE5_CHECKS[c]["stats"].get("chains")}
    L.append(
        "- **onnxruntime and missing values in `BRANCH_EQ` chains.** In "
        "`TreeEnsembleRegressor` `x == 1 ? 10 : (x == 3 ? 10 : 20)` with "
        "`nodes_missing_value_tracks_true` set on the second node only, NaN should reach that "
        f"node and go to 10 (onnx.reference: {ref}); onnxruntime {ort.__version__} gives "
        f"{rt}" + (", as if only the first node's flag counted (it evaluates such a chain as one "
                   "set-membership test)" if ref != rt else "") + ". The collapsed MEMBER node "
        "takes the flag if any node of the chain has it, which is the spec's meaning; "
        "`te5_avg_multi` sets the flag on both nodes of its chain so that its source model is "
        "unaffected. Chains collapsed: " + ", ".join(
            f"`{c}` {st['chains']} ({st.get('mixed_missing', 0)} with mixed flags)"
            for c, st in chains.items()) + ".")
    return L


def outputs_have_null():
    return [r["case"] for r in RESULTS for o in r["outputs"] if None in o["values"]]


def write_readme(readme_bytes=None):
    files = corpus_files()
    data_bytes = sum(os.path.getsize(p) for p in files)
    script_bytes = os.path.getsize(os.path.abspath(__file__))
    readme_path = os.path.join(HERE, "README.md")
    if readme_bytes is None:
        write_readme(readme_bytes=0)  # first pass, to measure this README itself
        return write_readme(readme_bytes=os.path.getsize(readme_path))
    vers = tool_versions()
    L = []
    L.append("# ONNX models as exported by Python converters")
    L.append("")
    L.append("*This file is generated by `generate.py`; edit the script, not this file.*")
    L.append("")
    L.append("A corpus of small scikit-learn, XGBoost and LightGBM models converted to ONNX the way a "
             "new user would do it: `skl2onnx.to_onnx(model, X[:1])` (or `convert_sklearn` with "
             "`initial_types` when several inputs are needed) and onnxmltools' `convert_xgboost` / "
             "`convert_lightgbm` with `FloatTensorType` initial types. Converter options are "
             "left at their defaults, so classifiers keep the ZipMap probability output. Each "
             "model is stored with 25 held-out rows (not used in training) and onnxruntime's "
             "outputs for them. Two departures, both described under Notes: the "
             "HistGradientBoosting cases are converted with a small workaround for the installed "
             "protobuf, and the `te5_*` cases use the ai.onnx.ml 5 `TreeEnsemble` op, which no "
             "converter emits, so this script rewrites `TreeEnsembleRegressor` models into it "
             "and checks them against the originals.")
    L.append("")
    L.append("## Regenerating")
    L.append("")
    L.append("```")
    L.append("cd Tests/Fixtures/onnx-exporters && python3 generate.py")
    L.append("```")
    L.append("")
    L.append("The script deletes the existing `*.onnx` / `*.json` here, rebuilds every case and "
             "rewrites this README. It is deterministic (fixed seeds, one thread for training and "
             "for onnxruntime) and takes well under a minute on one core. Generated with:")
    L.append("")
    L.append("| tool | version |")
    L.append("|---|---|")
    for n, v in vers:
        L.append(f"| {n} | {v} |")
    L.append("")
    total = data_bytes + script_bytes + readme_bytes
    L.append(f"Corpus size: {len(RESULTS)} cases, {len(files)} files, {data_bytes:,} bytes "
             f"({data_bytes / 1024 / 1024:.2f} MiB) of `.onnx` + `.json`. With `generate.py` "
             f"({script_bytes:,} bytes) and this README (about {readme_bytes // 1024} KiB) the "
             f"folder holds about {total:,} bytes ({total / 1024 / 1024:.2f} MiB).")
    L.append("")
    L.append("## Data")
    L.append("")
    L.append("Features are float32 unless a case says otherwise. Classification data comes from "
             "`make_classification` (6 or 8 features, 2 or 3 classes), regression data from "
             "`make_regression` (6 features, target scaled to unit standard deviation). Each "
             "data set has 325 rows: the first 300 train the model (the first 200 for KNN), the "
             "last 25 are the held-out rows stored in the JSON. NaN cases put NaN in about 10–15% "
             "of the feature values (training and held-out) and make the first held-out row all "
             "NaN. The ColumnTransformer cases have unseen categories in held-out rows 2, 7 "
             "and 11 (0-based). `lgbm_reg_categorical_nan` (and `te5_member`, made from it) uses "
             "regression data whose column 0 is replaced by integer codes 0..5 that shift the "
             "target, with NaN in about 10% of all values, column 0 included. `te5_avg_multi` "
             "is hand-built, not trained: its 325 rows have standard-normal columns 0–3 and "
             "integer codes 0..3 in columns 4–5, with about 10% NaN; as for every `te5_*` case, "
             "all 325 rows check the rewrite and the last 25 are stored.")
    L.append("")
    L.append("## File format")
    L.append("")
    L.append("One pair per case: `<case>.onnx` (the converter's ModelProto, unmodified, except "
             "the `te5_*` models, which `generate.py` rewrites; see Notes) and `<case>.json`:")
    L.append("")
    L.append("```")
    L.append('{"case": "sk_logreg_binary", "estimator": "LogisticRegression (binary)", '
             '"converter": "skl2onnx 1.20.0",')
    L.append(' "opsets": {"ai.onnx.ml": 1, "ai.onnx": 9},   // opset_import of the model '
             '("" is written as "ai.onnx")')
    L.append(' "ops": ["ai.onnx.ml:LinearClassifier", ...],  // sorted distinct domain:op_type, '
             'subgraphs included')
    L.append(' "inputs": [{"name": "X", "type": "float"|"double"|"int64"|"string", '
             '"shape": [25, F], "values": [row-major flat list]}],')
    L.append(' "outputs": [{"name": "output_label", "type": "int64"|"string"|"float"|"double", '
             '"shape": [...], "values": [flat]},')
    L.append('             {"name": "output_probability", "type": "map", "keys": [class keys in '
             'order], "shape": [25, K], "values": [flat 25*K floats in key order]}]}')
    L.append("```")
    L.append("")
    L.append("- `inputs` are in graph-input order, `outputs` in graph-output order (all outputs "
             "of the graph, under the graph's own names, computed by onnxruntime "
             f"{ort.__version__} on CPU).")
    L.append("- Floats are JSON numbers holding the exact float32 (or float64) value: each float32 "
             "is widened to a double and written with Python's shortest round-trip repr, so "
             "`Float(Double(text))` recovers the original bits. **NaN is written as `null`**: "
             "that happens in the inputs of the NaN cases ("
             + ", ".join(f"`{r['case']}`" for r in RESULTS
                         if any(None in i["values"] for i in r["inputs"]))
             + "); " + ("no output contains NaN" if not outputs_have_null() else
                        "outputs with NaN: " + ", ".join(outputs_have_null()))
             + ". Infinity never occurs; the script refuses to write it.")
    L.append("- `\"type\": \"map\"` is a ZipMap output (`seq(map(int64|string, float))`), which "
             "onnxruntime returns as a list of dicts: `keys` holds the class labels in the "
             "ZipMap's order (JSON numbers for int64 keys, strings for string keys) and `values` "
             "the dense row-major `[N, K]` float matrix in key order.")
    L.append("- Shapes are the shapes onnxruntime returned, e.g. regressors give `[25, 1]`, "
             "labels `[25]`.")
    L.append("")
    L.append("## Cases")
    L.append("")
    L.append("`ops` lists every `domain:op` in the graph; `opsets` is the model's opset_import "
             "(which determines the version of each op). The last column compares onnxruntime "
             "with the fitted estimator (`predict`, `predict_proba`; `decision_function` for "
             "IsolationForest) for information only; it is not stored in the JSON.")
    L.append("")
    L.append("| case | estimator / pipeline | converter | opsets (IR) | ops | inputs | outputs "
             "| vs. Python |")
    L.append("|---|---|---|---|---|---|---|---|")
    for r in RESULTS:
        ops = "<br>".join(f"`{o}`" for o in r["ops"])
        L.append(f"| `{r['case']}` | {r['estimator']} | {r['converter']} | "
                 f"{fmt_opsets(r['opsets'])} (IR {r['ir']}) | {ops} | {fmt_io(r['inputs'])} | "
                 f"{fmt_io(r['outputs'])} | {r['check']} |")
    L.append("")
    L.append("## Distinct ops across the corpus")
    L.append("")
    L.append("| domain:op | domain opset versions imported by models using it | cases |")
    L.append("|---|---|---|")
    table = distinct_ops_with_versions()
    counts = {op: sum(op in r["ops"] for r in RESULTS) for op in table}
    for op in sorted(table):
        vs = ", ".join(str(v) for v in sorted(table[op]))
        L.append(f"| `{op}` | {vs} | {counts[op]} |")
    L.append("")
    L.append("## Tree ensemble nodes")
    L.append("")
    L.append("Per model (summed over its tree-ensemble nodes): node modes (`LEAF` counts leaf "
             "nodes, or `leaf_*` entries for `TreeEnsemble`), how many nodes have "
             "`nodes_missing_value_tracks_true=1`, `post_transform`, `aggregate_function` "
             "(`TreeEnsembleClassifier` has none: it sums), and whether `base_values` is set.")
    L.append("")
    L.append("| case | op (count) | node modes | missing→true | post_transform | aggregate "
             "| base_values |")
    L.append("|---|---|---|---|---|---|---|")
    for r in RESULTS:
        t = tree_summary(os.path.join(HERE, r["case"] + ".onnx"))
        if t:
            L.append(f"| `{r['case']}` | {t['op']} | {t['modes']} | {t['missing']} | {t['post']} "
                     f"| {t['agg']} | {t['base']} |")
    L.append("")
    L.append("## Cases that did not convert or run")
    L.append("")
    if FAILURES:
        L.append("No files are written for these.")
        L.append("")
        L.append("| case | estimator | stage | error |")
        L.append("|---|---|---|---|")
        for case, est, stage, msg in FAILURES:
            msg = msg.replace("|", "\\|")
            L.append(f"| `{case}` | {est} | {stage} | {msg} |")
    else:
        L.append("None: every case converted and ran in onnxruntime.")
    L.append("")
    L.append(NOTES_MARKER)
    L.append("")
    for note in NOTES:
        L.append(note)
        if note.startswith("- **No converter emits `TreeEnsemble`"):
            L.extend(te5_notes())
    from collections import Counter
    irs = Counter((r["converter"].split()[0], r["ir"]) for r in RESULTS)
    L.append("- **IR versions**: " + ", ".join(f"{conv} IR {ir} × {n}" for (conv, ir), n in
                                              sorted(irs.items()))
             + ". skl2onnx writes the IR version that goes with its maximum opset, even when the "
             "model imports a much older `ai.onnx` opset (e.g. opset 9 with IR 10).")
    if SHAPE_MISMATCHES:
        L.append("- **Declared output shapes that are wrong.** The graph declares a fixed shape "
                 "that onnxruntime's result does not have (onnxruntime only logs a warning): "
                 + "; ".join(f"`{c}` output `{o}` declared {d}, actual {a}"
                             for c, o, d, a in SHAPE_MISMATCHES)
                 + ". A runtime that checks the declared output shape will reject these.")
    L.extend(DYNAMIC_NOTES)
    with open(readme_path, "w") as f:
        f.write("\n".join(L).rstrip() + "\n")


NOTES_MARKER = "## Notes"
NOTES = [
    "- **Outputs that are not ZipMap.** Regressors return one `float [N, 1]` tensor "
    "(`variable`). `LinearSVC` returns `label` plus a float tensor named `probabilities` that "
    "holds decision-function scores (`[N, 1]` for binary, `[N, 3]` for 3 classes), with no "
    "ZipMap. onnxmltools' XGBoost classifiers return `label` plus a dense `float [N, K]` "
    "`probabilities` tensor (no ZipMap), while its LightGBM classifiers do use ZipMap. "
    "IsolationForest returns `label` as `int64 [N, 1]` (1 or -1) and `scores` as `float [N, 1]`. "
    "Labels are rank 1 (`[N]`) everywhere else. No output has a rank other than 1 or 2.",
    "- **ZipMap that is not a probability.** `SVC` without `probability=True` (binary and "
    "multiclass) and `SGDClassifier(loss='hinge')` fill the ZipMap with decision values. "
    "Binary SVC gives `[d, -d]` (note the sign: column 0 is +d), SGD gives `[-d, d]`, and "
    "multiclass SVC gives sklearn's one-vs-rest `decision_function` (built from the one-vs-one "
    "votes with `Less`/`Abs`/`Div`/`Sum` ops). See the last column of the case table.",
    "- **String labels.** `sk_logreg_string_labels` and `sk_pipe_standard_rf_string_labels` have "
    "a `string [N]` label output and ZipMap keys `['cat', 'dog', 'eel']` (`classlabels_strings`).",
    "- **Several inputs.** `sk_coltrans_num_cat_2inputs` has `num: float [N, 3]` and "
    "`cat: string [N, 2]`. `sk_coltrans_df_percolumn` has five `[N, 1]` inputs (`n0`, `n1`, `n2` "
    "float; `color`, `size` string), one per DataFrame column. With `handle_unknown='ignore'` the ONNX `OneHotEncoder` has "
    "`zeros=1`, so an unseen category gives an all-zero one-hot block. The default "
    "`handle_unknown='error'` (`sk_pipe_onehot_logreg`) gives `zeros=0`, and onnxruntime then "
    "fails on an unseen value, so that case's held-out rows only use known levels.",
    "- **Normalizer(norm='max') differs from scikit-learn.** The ONNX `Normalizer` op with "
    "`norm=MAX` divides by the signed row maximum `max(x)`, and onnxruntime does exactly that. "
    "scikit-learn divides by `max(|x|)`, so `sk_pipe_normalizer_max_logreg` does not match "
    "sklearn whenever a row's largest-magnitude value is negative. The JSON holds onnxruntime's "
    "output, which is the behaviour the ONNX spec defines.",
    "- **IsolationForest with default options does not convert.** The converter asks for "
    "ai.onnx.ml 4 and says to pass `target_opset={'ai.onnx.ml': 3}`. Doing only that fails with "
    "`RuntimeError: op_version must be specified.`, and `{'': 22, 'ai.onnx.ml': 3}` works "
    "(`sk_isolation_forest_ml3`: ten `TreeEnsembleRegressor` nodes, one per tree, with path-length "
    "arithmetic in standard ops).",
    "- **No converter emits `TreeEnsemble` (ai.onnx.ml 5).** skl2onnx 1.20 has no converter "
    "that emits it, and onnxmltools 1.16 has none either. With "
    "`target_opset={'': 21, 'ai.onnx.ml': 5}` a RandomForestRegressor still becomes "
    "`TreeEnsembleRegressor`, and the model imports ai.onnx.ml **1**, because skl2onnx trims "
    "opset_import to what the graph uses. That request is accepted without a warning. No "
    "`*_ml5` file is written; the failure table has the check. The `te5_*` cases are made by "
    "this script instead (next note).",
    "- **float64 features** (`to_onnx(model, X[:1])` with a float64 array, numpy's default dtype, "
    "or a pandas DataFrame with float64 columns) give a `double` graph input. LinearRegression "
    "(`sk_linreg_f64`: MatMul/Add in double, and a **double** `[N, 1]` output) and RandomForestClassifier "
    "(`sk_rf_clf_binary_f64`, which casts to float) work. With LogisticRegression (alone, after "
    "StandardScaler, or in the DataFrame ColumnTransformer) the ZipMap is fed a double tensor, "
    "and onnxruntime rejects that model as invalid. RandomForestRegressor declares a double "
    "output for `TreeEnsembleRegressor`, which only produces float, so onnxruntime refuses to "
    "load that one too. Even `target_opset={'': 22, 'ai.onnx.ml': 3}` still fails.",
    "- **Opsets vary per model.** skl2onnx trims the main opset to the highest version any node "
    "in the graph needs (9 to 22 here), not to its maximum of 22. onnxmltools' XGBoost models "
    "import only `ai.onnx.ml` 1 (no default domain at all), and its LightGBM models import "
    "`ai.onnx` 8 or 9.",
    "- **Subgraphs.** The KNN models use `Scan` with a body graph (pairwise distances). Their "
    "`ops` lists include the body's ops.",
    "- **LightGBM categorical feature** converts: onnxmltools expands each categorical split into "
    "a chain of `BRANCH_EQ` nodes. XGBoost uses `BRANCH_LT`; everything else uses `BRANCH_LEQ`. "
    "The tree-ensemble table above has the details.",
]


def print_summary():
    print()
    print(f"{'case':40s} ops")
    for r in RESULTS:
        print(f"{r['case']:40s} {', '.join(r['ops'])}")
    print()
    print("distinct ops (domain opset versions):")
    for op, vs in sorted(distinct_ops_with_versions().items()):
        print(f"  {op:40s} {sorted(vs)}")
    print()
    print(f"{len(RESULTS)} cases written, {len(FAILURES)} failed/skipped")
    for case, _, stage, msg in FAILURES:
        print(f"  FAILED {case} at {stage}: {msg[:200]}")
    files = corpus_files()
    print(f"corpus: {len(files)} files, {sum(os.path.getsize(p) for p in files):,} bytes")


if __name__ == "__main__":
    main()
