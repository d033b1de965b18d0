"""Reference cases for MLModels' ONNX executor: small graphs, one per op family and edge
case, run by onnxruntime (CPU, one thread). Writes cases.json next to this script.

Each case: name, the serialized model (base64), named inputs and the expected outputs.
Floats are written as Python repr strings ("nan", "inf" included) so they round-trip exactly.
The Swift tests (ONNXOperatorTests) need only cases.json, never Python.

    python3 generate.py   # onnx 1.23.2, onnxruntime 1.32.0, numpy 2.4.6
"""
import base64
import json
import os

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto as TP
from onnx import helper as h
from onnx import numpy_helper

rng = np.random.default_rng(1)
cases = []

NP_TO_ONNX = {
    np.dtype(np.float32): TP.FLOAT, np.dtype(np.float64): TP.DOUBLE, np.dtype(np.int64): TP.INT64,
    np.dtype(np.int32): TP.INT32, np.dtype(np.uint8): TP.UINT8, np.dtype(np.int8): TP.INT8,
    np.dtype(np.bool_): TP.BOOL, np.dtype(object): TP.STRING,
}
TYPE_NAMES = {TP.FLOAT: "float", TP.DOUBLE: "double", TP.INT64: "int64", TP.INT32: "int32", TP.UINT8: "uint8",
              TP.INT8: "int8", TP.BOOL: "bool", TP.STRING: "string"}


def encode(a):
    a = np.asarray(a)
    t = NP_TO_ONNX[a.dtype] if a.dtype != np.dtype('<U0') else TP.STRING
    flat = a.reshape(-1)
    if t in (TP.FLOAT, TP.DOUBLE):
        data = [repr(float(v)) for v in flat]
    elif t == TP.BOOL:
        data = [bool(v) for v in flat]
    elif t == TP.STRING:
        data = [str(v) for v in flat]
    else:
        data = [int(v) for v in flat]
    return {"type": TYPE_NAMES[t], "shape": list(a.shape), "data": data}


def node(op, inputs, outputs, **attrs):
    """make_node without empty list attributes (an omitted attribute means "none")."""
    attrs = {k: v for k, v in attrs.items() if not (isinstance(v, list) and not v)}
    return h.make_node(op, inputs, outputs, **attrs)


def vi(name, dtype, shape):
    return h.make_tensor_value_info(name, dtype, shape)


def add(name, nodes, inputs, outputs, feeds, inits=(), opset=15, ml=None, ir=8, tolerance=1e-6):
    imports = [h.make_opsetid("", opset)]
    if ml is not None:
        imports.append(h.make_opsetid("ai.onnx.ml", ml))
    graph = h.make_graph(nodes, name, inputs, outputs, list(inits))
    model = h.make_model(graph, opset_imports=imports)
    model.ir_version = ir
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    sess = ort.InferenceSession(model.SerializeToString(), so, providers=["CPUExecutionProvider"])
    results = sess.run(None, feeds)
    outs = []
    for o, r in zip(outputs, results):
        if isinstance(r, list):  # ZipMap: list of dicts -> matrix in label order
            keys = list(r[0].keys()) if r else []
            r = np.array([[d[k] for k in keys] for d in r], dtype=np.float32)
        outs.append(dict(name=o.name, **encode(np.asarray(r))))
    cases.append({
        "name": name,
        "model": base64.b64encode(model.SerializeToString()).decode(),
        "inputs": [dict(name=k, **encode(v)) for k, v in feeds.items()],
        "outputs": outs,
        "tolerance": tolerance,
    })


def f32(*shape, lo=-2.0, hi=2.0):
    return rng.uniform(lo, hi, size=shape).astype(np.float32)


F = TP.FLOAT

# ---- elementwise with broadcasting
for op in ["Add", "Sub", "Mul", "Div"]:
    for sa, sb in [([2, 3], [3]), ([2, 1], [1, 3]), ([2, 3, 4], [3, 1]), ([2, 3], []), ([4], [2, 1, 4])]:
        a, b = f32(*sa), f32(*sb, lo=0.5, hi=2.0)
        add(f"{op}_f32_{'x'.join(map(str, sa))}_{'x'.join(map(str, sb)) or 'scalar'}",
            [node(op, ["a", "b"], ["y"])], [vi("a", F, sa), vi("b", F, sb)], [vi("y", F, None)], {"a": a, "b": b})
    ai = np.array([[7, -7, 9], [-9, 0, 5]], dtype=np.int64)
    bi = np.array([2, 2, -4], dtype=np.int64)
    add(f"{op}_int64", [node(op, ["a", "b"], ["y"])], [vi("a", TP.INT64, [2, 3]), vi("b", TP.INT64, [3])],
        [vi("y", TP.INT64, None)], {"a": ai, "b": bi})
    add(f"{op}_f64", [node(op, ["a", "b"], ["y"])], [vi("a", TP.DOUBLE, [2, 3]), vi("b", TP.DOUBLE, [1, 3])],
        [vi("y", TP.DOUBLE, None)], {"a": f32(2, 3).astype(np.float64), "b": f32(1, 3, lo=0.5).astype(np.float64)})

add("Add_int32", [node("Add", ["a", "b"], ["y"])], [vi("a", TP.INT32, [2, 2]), vi("b", TP.INT32, [2])],
    [vi("y", TP.INT32, None)], {"a": np.array([[1, 2], [3, 2147483647]], np.int32), "b": np.array([10, 1], np.int32)})

x = f32(3, 4, lo=0.1, hi=3.0)
for e in [np.array([2.0], np.float32), np.array([3.0], np.float32), np.array([0.5], np.float32), f32(4, lo=-1, hi=2)]:
    add(f"Pow_f32_{'scalar' + str(e[0]) if e.size == 1 else 'vector'}", [node("Pow", ["a", "b"], ["y"])],
        [vi("a", F, [3, 4]), vi("b", F, list(e.shape))], [vi("y", F, None)], {"a": x, "b": e})
add("Pow_f32_int64", [node("Pow", ["a", "b"], ["y"])], [vi("a", F, [3, 4]), vi("b", TP.INT64, [1])],
    [vi("y", F, None)], {"a": x, "b": np.array([3], np.int64)})
add("Pow_base_scalar", [node("Pow", ["a", "b"], ["y"])], [vi("a", F, [1]), vi("b", F, [3, 4])],
    [vi("y", F, None)], {"a": np.array([2.0], np.float32), "b": f32(3, 4, lo=-3, hi=3)})

xn = np.array([[np.nan, 1.0, -2.5, 0.0], [3.0, -0.0, np.inf, -np.inf]], dtype=np.float32)
for op in ["Neg", "Relu", "Sigmoid", "Tanh", "Exp", "Log"]:
    add(f"{op}_f32", [node(op, ["a"], ["y"])], [vi("a", F, [3, 4])], [vi("y", F, None)],
        {"a": np.concatenate([f32(2, 4, lo=-5, hi=5), np.abs(f32(1, 4)) if op == "Log" else f32(1, 4)])})
    add(f"{op}_f32_special", [node(op, ["a"], ["y"])], [vi("a", F, [2, 4])], [vi("y", F, None)], {"a": xn})
add("Neg_int64", [node("Neg", ["a"], ["y"])], [vi("a", TP.INT64, [3])], [vi("y", TP.INT64, None)],
    {"a": np.array([1, -5, 0], np.int64)})

for op in ["Max", "Min", "Sum"]:
    a, b, c = f32(2, 3), f32(3), f32(2, 1)
    a[0, 1] = np.nan
    add(f"{op}_three_broadcast", [node(op, ["a", "b", "c"], ["y"])],
        [vi("a", F, [2, 3]), vi("b", F, [3]), vi("c", F, [2, 1])], [vi("y", F, None)], {"a": a, "b": b, "c": c})
    add(f"{op}_one", [node(op, ["a"], ["y"])], [vi("a", F, [2, 3])], [vi("y", F, None)], {"a": f32(2, 3)})
    if op != "Sum":
        add(f"{op}_int64", [node(op, ["a", "b"], ["y"])], [vi("a", TP.INT64, [2, 2]), vi("b", TP.INT64, [2])],
            [vi("y", TP.INT64, None)], {"a": np.array([[1, 5], [-3, 2]], np.int64), "b": np.array([2, 2], np.int64)})

for op in ["Equal", "Less", "Greater"]:
    a = np.array([[1.0, 2.0, np.nan], [3.0, -1.0, 2.0]], np.float32)
    b = np.array([2.0, 2.0, np.nan], np.float32)
    add(f"{op}_f32", [node(op, ["a", "b"], ["y"])], [vi("a", F, [2, 3]), vi("b", F, [3])],
        [vi("y", TP.BOOL, None)], {"a": a, "b": b})
    add(f"{op}_int64", [node(op, ["a", "b"], ["y"])], [vi("a", TP.INT64, [2, 2]), vi("b", TP.INT64, [1])],
        [vi("y", TP.BOOL, None)], {"a": np.array([[1, 2], [3, 2]], np.int64), "b": np.array([2], np.int64)})
add("Equal_string", [node("Equal", ["a", "b"], ["y"])], [vi("a", TP.STRING, [3]), vi("b", TP.STRING, [1])],
    [vi("y", TP.BOOL, None)], {"a": np.array(["x", "y", "x"], dtype=object), "b": np.array(["x"], dtype=object)},
    opset=19)

add("Where_broadcast", [node("Where", ["c", "a", "b"], ["y"])],
    [vi("c", TP.BOOL, [2, 1]), vi("a", F, [3]), vi("b", F, [2, 3])], [vi("y", F, None)],
    {"c": np.array([[True], [False]]), "a": f32(3), "b": f32(2, 3)})

# ---- matrix products
for sa, sb in [([3, 4], [4, 2]), ([4], [4, 2]), ([3, 4], [4]), ([2, 3, 4], [4, 5]), ([2, 1, 3, 4], [3, 4, 2])]:
    add(f"MatMul_{'x'.join(map(str, sa))}_{'x'.join(map(str, sb))}", [node("MatMul", ["a", "b"], ["y"])],
        [vi("a", F, sa), vi("b", F, sb)], [vi("y", F, None)], {"a": f32(*sa), "b": f32(*sb)})
add("MatMul_int64", [node("MatMul", ["a", "b"], ["y"])], [vi("a", TP.INT64, [2, 2]), vi("b", TP.INT64, [2, 2])],
    [vi("y", TP.INT64, None)], {"a": np.array([[1, 2], [3, 4]], np.int64), "b": np.array([[5, 6], [7, 8]], np.int64)})
for ta, tb, alpha, beta, cshape in [(0, 0, 1.0, 1.0, [2]), (1, 0, 0.5, 2.0, [3, 2]), (0, 1, 1.0, 1.0, [1]),
                                    (1, 1, 2.0, 0.5, [3, 1]), (0, 0, 1.0, 1.0, None)]:
    a = f32(4, 3) if ta else f32(3, 4)
    b = f32(2, 4) if tb else f32(4, 2)
    ins = [vi("a", F, list(a.shape)), vi("b", F, list(b.shape))]
    feeds = {"a": a, "b": b}
    names = ["a", "b"]
    if cshape is not None:
        ins.append(vi("c", F, cshape))
        feeds["c"] = f32(*cshape)
        names.append("c")
    add(f"Gemm_tA{ta}_tB{tb}_a{alpha}_b{beta}_{cshape}", [node("Gemm", names, ["y"], transA=ta, transB=tb,
        alpha=alpha, beta=beta)], ins, [vi("y", F, None)], feeds)
qa = rng.integers(0, 256, size=(3, 4)).astype(np.uint8)
qb = rng.integers(0, 256, size=(4, 2)).astype(np.uint8)
add("MatMulInteger_uint8", [node("MatMulInteger", ["a", "b", "za", "zb"], ["y"])],
    [vi("a", TP.UINT8, [3, 4]), vi("b", TP.UINT8, [4, 2]), vi("za", TP.UINT8, []), vi("zb", TP.UINT8, [2])],
    [vi("y", TP.INT32, None)], {"a": qa, "b": qb, "za": np.array(12, np.uint8), "zb": np.array([3, 200], np.uint8)})
add("MatMulInteger_int8_nozp", [node("MatMulInteger", ["a", "b"], ["y"])],
    [vi("a", TP.INT8, [2, 3]), vi("b", TP.INT8, [3, 2])], [vi("y", TP.INT32, None)],
    {"a": rng.integers(-128, 128, size=(2, 3)).astype(np.int8), "b": rng.integers(-128, 128, size=(3, 2)).astype(np.int8)})

# ---- data movement
data = f32(3, 4)
add("Gather_axis0", [node("Gather", ["d", "i"], ["y"], axis=0)], [vi("d", F, [3, 4]), vi("i", TP.INT64, [2, 2])],
    [vi("y", F, None)], {"d": data, "i": np.array([[0, 2], [-1, 1]], np.int64)})
add("Gather_axis1_int32", [node("Gather", ["d", "i"], ["y"], axis=1)], [vi("d", F, [3, 4]), vi("i", TP.INT32, [3])],
    [vi("y", F, None)], {"d": data, "i": np.array([3, 0, -4], np.int32)})
add("Gather_scalar_index", [node("Gather", ["d", "i"], ["y"], axis=1)], [vi("d", F, [3, 4]), vi("i", TP.INT64, [])],
    [vi("y", F, None)], {"d": data, "i": np.array(2, np.int64)})
x3 = f32(2, 3, 4)
add("Softmax_opset11_axis1", [node("Softmax", ["x"], ["y"], axis=1)], [vi("x", F, [2, 3, 4])], [vi("y", F, None)],
    {"x": x3}, opset=11)
add("Softmax_opset13_default", [node("Softmax", ["x"], ["y"])], [vi("x", F, [2, 3, 4])], [vi("y", F, None)], {"x": x3})
add("Softmax_opset13_axis1", [node("Softmax", ["x"], ["y"], axis=1)], [vi("x", F, [2, 3, 4])], [vi("y", F, None)],
    {"x": x3})
add("Identity", [node("Identity", ["x"], ["y"])], [vi("x", TP.INT64, [2])], [vi("y", TP.INT64, None)],
    {"x": np.array([4, 5], np.int64)})
add("Reshape_zero_minus1", [node("Reshape", ["x", "s"], ["y"])], [vi("x", F, [2, 3, 4]), vi("s", TP.INT64, [2])],
    [vi("y", F, None)], {"x": x3, "s": np.array([0, -1], np.int64)})
add("Reshape_allowzero", [node("Reshape", ["x", "s"], ["y"], allowzero=1)], [vi("x", F, [2, 0]), vi("s", TP.INT64, [2])],
    [vi("y", F, None)], {"x": np.zeros((2, 0), np.float32), "s": np.array([0, 5], np.int64)}, opset=14)
for axis in [0, 1, 2, -1]:
    add(f"Flatten_axis{axis}", [node("Flatten", ["x"], ["y"], axis=axis)], [vi("x", F, [2, 3, 4])], [vi("y", F, None)],
        {"x": x3})
add("Concat_axis1", [node("Concat", ["a", "b", "c"], ["y"], axis=1)],
    [vi("a", F, [2, 1]), vi("b", F, [2, 3]), vi("c", F, [2, 2])], [vi("y", F, None)],
    {"a": f32(2, 1), "b": f32(2, 3), "c": f32(2, 2)})
add("Concat_axis_minus3", [node("Concat", ["a", "b"], ["y"], axis=-3)],
    [vi("a", TP.INT64, [1, 2, 2]), vi("b", TP.INT64, [2, 2, 2])], [vi("y", TP.INT64, None)],
    {"a": np.arange(4, dtype=np.int64).reshape(1, 2, 2), "b": np.arange(8, dtype=np.int64).reshape(2, 2, 2)})
am = np.array([[1.0, 3.0, 3.0], [np.nan, 2.0, 1.0], [5.0, 5.0, 5.0]], np.float32)
for keep in [0, 1]:
    for last in [0, 1]:
        add(f"ArgMax_axis1_keep{keep}_last{last}", [node("ArgMax", ["x"], ["y"], axis=1, keepdims=keep,
            select_last_index=last)], [vi("x", F, [3, 3])], [vi("y", TP.INT64, None)], {"x": am})
add("ArgMax_axis0", [node("ArgMax", ["x"], ["y"])], [vi("x", F, [3, 3])], [vi("y", TP.INT64, None)], {"x": am})
castx = np.array([[np.nan, 3e20, -3e20, -2.7], [300.0, -1.0, 255.9, 0.5]], np.float32)
for to in [TP.INT64, TP.INT32, TP.UINT8, TP.INT8, TP.BOOL, TP.DOUBLE]:
    add(f"Cast_float_to_{TYPE_NAMES[to]}", [node("Cast", ["x"], ["y"], to=to)], [vi("x", F, [2, 4])],
        [vi("y", to, None)], {"x": castx})
add("Cast_int64_to_float", [node("Cast", ["x"], ["y"], to=TP.FLOAT)], [vi("x", TP.INT64, [3])], [vi("y", F, None)],
    {"x": np.array([16777217, -5, 0], np.int64)})
add("Cast_bool_to_float", [node("Cast", ["x"], ["y"], to=TP.FLOAT)], [vi("x", TP.BOOL, [2])], [vi("y", F, None)],
    {"x": np.array([True, False])})
add("Cast_double_to_float", [node("Cast", ["x"], ["y"], to=TP.FLOAT)], [vi("x", TP.DOUBLE, [2])], [vi("y", F, None)],
    {"x": np.array([0.1, 1e300], np.float64)})
add("Constant", [node("Constant", [], ["c"], value=numpy_helper.from_array(np.array([1.5, 2.5], np.float32))),
    node("Add", ["x", "c"], ["y"])], [vi("x", F, [2])], [vi("y", F, None)], {"x": f32(2)})

# ---- quantization
qx = np.array([[-1.0, 0.0, 0.26, 0.25], [100.0, -100.0, 0.75, 1.25]], np.float32)
add("QuantizeLinear_uint8", [node("QuantizeLinear", ["x", "s", "z"], ["y"])],
    [vi("x", F, [2, 4]), vi("s", F, []), vi("z", TP.UINT8, [])], [vi("y", TP.UINT8, None)],
    {"x": qx, "s": np.array(0.5, np.float32), "z": np.array(10, np.uint8)})
add("QuantizeLinear_int8_axis1", [node("QuantizeLinear", ["x", "s", "z"], ["y"], axis=1)],
    [vi("x", F, [2, 4]), vi("s", F, [4]), vi("z", TP.INT8, [4])], [vi("y", TP.INT8, None)],
    {"x": qx, "s": np.array([0.5, 0.1, 0.01, 2.0], np.float32), "z": np.array([0, -3, 5, 100], np.int8)})
add("QuantizeLinear_no_zero_point", [node("QuantizeLinear", ["x", "s"], ["y"])],
    [vi("x", F, [2, 4]), vi("s", F, [])], [vi("y", TP.UINT8, None)], {"x": qx, "s": np.array(0.25, np.float32)})
add("DequantizeLinear_uint8", [node("DequantizeLinear", ["x", "s", "z"], ["y"])],
    [vi("x", TP.UINT8, [2, 3]), vi("s", F, []), vi("z", TP.UINT8, [])], [vi("y", F, None)],
    {"x": np.array([[0, 10, 255], [128, 3, 7]], np.uint8), "s": np.array(0.37, np.float32), "z": np.array(10, np.uint8)})
add("DequantizeLinear_int8_axis0", [node("DequantizeLinear", ["x", "s", "z"], ["y"], axis=0)],
    [vi("x", TP.INT8, [2, 3]), vi("s", F, [2]), vi("z", TP.INT8, [2])], [vi("y", F, None)],
    {"x": np.array([[-128, 10, 127], [0, 3, -7]], np.int8), "s": np.array([0.5, 0.01], np.float32),
     "z": np.array([1, -2], np.int8)})
add("DequantizeLinear_int32", [node("DequantizeLinear", ["x", "s"], ["y"])],
    [vi("x", TP.INT32, [3]), vi("s", F, [])], [vi("y", F, None)],
    {"x": np.array([-70000, 0, 12345], np.int32), "s": np.array(0.001, np.float32)})
add("DynamicQuantizeLinear", [node("DynamicQuantizeLinear", ["x"], ["y", "s", "z"])], [vi("x", F, [2, 3])],
    [vi("y", TP.UINT8, None), vi("s", F, None), vi("z", TP.UINT8, None)], {"x": f32(2, 3, lo=-1.0, hi=3.0)})
add("DynamicQuantizeLinear_positive", [node("DynamicQuantizeLinear", ["x"], ["y", "s", "z"])], [vi("x", F, [4])],
    [vi("y", TP.UINT8, None), vi("s", F, None), vi("z", TP.UINT8, None)],
    {"x": np.array([0.5, 1.0, 2.0, 7.25], np.float32)})

# ---- ai.onnx.ml linear ops
X = f32(6, 3)
X[0] = 0
for labels, ltype in [({"classlabels_ints": [3, 7]}, TP.INT64), ({"classlabels_strings": ["no", "yes"]}, TP.STRING)]:
    for pt in ["NONE", "LOGISTIC", "SOFTMAX", "SOFTMAX_ZERO"]:
        add(f"LinearClassifier_one_row_{pt}_{TYPE_NAMES[ltype]}", [node("LinearClassifier", ["x"], ["l", "p"],
            domain="ai.onnx.ml", coefficients=[0.5, -0.25, 1.0], intercepts=[0.1], post_transform=pt, **labels)],
            [vi("x", F, [6, 3])], [vi("l", ltype, None), vi("p", F, None)], {"x": X}, ml=1)
for pt in ["NONE", "LOGISTIC", "SOFTMAX", "SOFTMAX_ZERO", "PROBIT"]:
    add(f"LinearClassifier_three_{pt}", [node("LinearClassifier", ["x"], ["l", "p"], domain="ai.onnx.ml",
        coefficients=list(f32(9).astype(float)), intercepts=[0.1, -0.2, 0.0], classlabels_ints=[10, 20, 30],
        post_transform=pt, multi_class=1)], [vi("x", F, [6, 3])], [vi("l", TP.INT64, None), vi("p", F, None)],
        {"x": X}, ml=1, tolerance=2e-6)
add("LinearClassifier_two_rows_logistic", [node("LinearClassifier", ["x"], ["l", "p"], domain="ai.onnx.ml",
    coefficients=list(f32(6).astype(float)), intercepts=[0.3, -0.3], classlabels_ints=[0, 1], post_transform="LOGISTIC")],
    [vi("x", F, [6, 3])], [vi("l", TP.INT64, None), vi("p", F, None)], {"x": X}, ml=1, tolerance=2e-6)
add("LinearClassifier_double_input", [node("LinearClassifier", ["x"], ["l", "p"], domain="ai.onnx.ml",
    coefficients=list(f32(6).astype(float)), intercepts=[0.3, -0.3], classlabels_ints=[0, 1])],
    [vi("x", TP.DOUBLE, [6, 3])], [vi("l", TP.INT64, None), vi("p", F, None)], {"x": X.astype(np.float64)}, ml=1)
for targets, pt in [(1, "NONE"), (1, "PROBIT"), (2, "NONE"), (2, "LOGISTIC"), (3, "SOFTMAX")]:
    add(f"LinearRegressor_{targets}_{pt}", [node("LinearRegressor", ["x"], ["y"], domain="ai.onnx.ml",
        coefficients=list(f32(3 * targets, lo=-0.3, hi=0.3).astype(float)),
        intercepts=list(f32(targets, lo=-0.1, hi=0.1).astype(float)), targets=targets, post_transform=pt)],
        [vi("x", F, [6, 3])], [vi("y", F, None)], {"x": X / 4}, ml=1, tolerance=2e-6)
add("Scaler_per_column", [node("Scaler", ["x"], ["y"], domain="ai.onnx.ml", offset=[0.5, -1.0, 2.0],
    scale=[2.0, 0.5, -1.5])], [vi("x", F, [6, 3])], [vi("y", F, None)], {"x": X}, ml=1)
add("Scaler_single", [node("Scaler", ["x"], ["y"], domain="ai.onnx.ml", offset=[0.5], scale=[3.0])],
    [vi("x", F, [6, 3])], [vi("y", F, None)], {"x": X}, ml=1)
add("Scaler_int64", [node("Scaler", ["x"], ["y"], domain="ai.onnx.ml", offset=[0.5], scale=[3.0])],
    [vi("x", TP.INT64, [2, 2])], [vi("y", F, None)], {"x": np.array([[1, 2], [-3, 4]], np.int64)}, ml=1)
NX = np.array([[1.0, -2.0, 3.0], [0.0, 0.0, 0.0], [-1.0, -1.0, -4.0], [0.5, 0.25, 0.0]], np.float32)
for norm in ["MAX", "L1", "L2"]:
    add(f"Normalizer_{norm}", [node("Normalizer", ["x"], ["y"], domain="ai.onnx.ml", norm=norm)],
        [vi("x", F, [4, 3])], [vi("y", F, None)], {"x": NX}, ml=1)

# ---- ai.onnx.ml encoding ops
add("LabelEncoder_v1_string_to_int", [node("LabelEncoder", ["x"], ["y"], domain="ai.onnx.ml",
    classes_strings=["a", "b", "c"], default_int64=42)], [vi("x", TP.STRING, [4])], [vi("y", TP.INT64, None)],
    {"x": np.array(["b", "z", "a", "c"], dtype=object)}, ml=1)
add("LabelEncoder_v1_int_to_string", [node("LabelEncoder", ["x"], ["y"], domain="ai.onnx.ml",
    classes_strings=["a", "b", "c"], default_string="?")], [vi("x", TP.INT64, [4])], [vi("y", TP.STRING, None)],
    {"x": np.array([2, 0, 7, -1], np.int64)}, ml=1)
add("LabelEncoder_v2_int_to_float", [node("LabelEncoder", ["x"], ["y"], domain="ai.onnx.ml",
    keys_int64s=[3, 5, 9], values_floats=[1.5, 2.5, 3.5])], [vi("x", TP.INT64, [2, 3])], [vi("y", F, None)],
    {"x": np.array([[3, 4, 5], [9, 9, -1]], np.int64)}, ml=2)
add("LabelEncoder_v2_float_to_string", [node("LabelEncoder", ["x"], ["y"], domain="ai.onnx.ml",
    keys_floats=[0.5, -0.0, 2.0], values_strings=["half", "zero", "two"], default_string="none")],
    [vi("x", F, [5])], [vi("y", TP.STRING, None)], {"x": np.array([0.5, 0.0, 3.0, 2.0, -0.0], np.float32)}, ml=2)
add("LabelEncoder_v2_string_to_int_default", [node("LabelEncoder", ["x"], ["y"], domain="ai.onnx.ml",
    keys_strings=["x", "y"], values_int64s=[10, 20])], [vi("x", TP.STRING, [3])], [vi("y", TP.INT64, None)],
    {"x": np.array(["y", "q", "x"], dtype=object)}, ml=2)
add("LabelEncoder_v4_tensors", [node("LabelEncoder", ["x"], ["y"], domain="ai.onnx.ml",
    keys_tensor=numpy_helper.from_array(np.array([1, 2, 3], np.int64)),
    values_tensor=numpy_helper.from_array(np.array([0.25, 0.5, 0.75], np.float64)),
    default_tensor=numpy_helper.from_array(np.array([-1.0], np.float64)))],
    [vi("x", TP.INT64, [4])], [vi("y", TP.DOUBLE, None)], {"x": np.array([3, 1, 0, 2], np.int64)}, ml=4)
add("ArrayFeatureExtractor_2d", [node("ArrayFeatureExtractor", ["x", "i"], ["y"], domain="ai.onnx.ml")],
    [vi("x", F, [3, 4]), vi("i", TP.INT64, [3])], [vi("y", F, None)],
    {"x": f32(3, 4), "i": np.array([3, 0, 3], np.int64)}, ml=1)
add("ArrayFeatureExtractor_1d_strings", [node("ArrayFeatureExtractor", ["x", "i"], ["y"], domain="ai.onnx.ml")],
    [vi("x", TP.STRING, [3]), vi("i", TP.INT64, [4, 1])], [vi("y", TP.STRING, None)],
    {"x": np.array(["a", "b", "c"], dtype=object), "i": np.array([[2], [0], [1], [2]], np.int64)}, ml=1)

# ---- tree ensembles (hand-made): every mode, NaN routing, aggregates, transforms, labels.
def tree_attrs(modes, values, feats, true_ids, false_ids, missing, trees=None, nodes=None):
    n = len(modes)
    return dict(nodes_treeids=trees or [0] * n, nodes_nodeids=nodes or list(range(n)), nodes_modes=modes,
                nodes_values=values, nodes_featureids=feats, nodes_truenodeids=true_ids,
                nodes_falsenodeids=false_ids, nodes_missing_value_tracks_true=missing)


TX = np.array([[0.5, 1.0], [1.0, 1.0], [1.5, -1.0], [np.nan, 2.0], [1.0, np.nan], [-np.inf, np.inf], [2.0, 0.0]],
              np.float32)
# Two trees: tree 0 splits on f0 at 1.0 (mode M), tree 1 splits on f1 at 1.0 then f0.
for mode in ["BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE", "BRANCH_GT", "BRANCH_EQ", "BRANCH_NEQ"]:
    for missing in [0, 1]:
        attrs = tree_attrs(
            [mode, "LEAF", "LEAF", mode, mode, "LEAF", "LEAF", "LEAF"], [1.0, 0, 0, 1.0, 0.5, 0, 0, 0],
            [0, 0, 0, 1, 0, 0, 0, 0], [1, 0, 0, 1, 2, 0, 0, 0], [2, 0, 0, 4, 3, 0, 0, 0],
            [missing] * 8, trees=[0, 0, 0, 1, 1, 1, 1, 1], nodes=[0, 1, 2, 0, 1, 2, 3, 4])
        add(f"TreeRegressor_{mode}_missing{missing}", [node("TreeEnsembleRegressor", ["x"], ["y"],
            domain="ai.onnx.ml", n_targets=1, target_ids=[0, 0, 0, 0, 0], target_nodeids=[1, 2, 2, 3, 4],
            target_treeids=[0, 0, 1, 1, 1], target_weights=[1.0, 2.0, 10.0, 20.0, 40.0], **attrs)],
            [vi("x", F, [7, 2])], [vi("y", F, None)], {"x": TX}, ml=1)
base = tree_attrs(["BRANCH_LEQ", "LEAF", "BRANCH_LT", "LEAF", "LEAF"], [0.7, 0, 1.2, 0, 0], [0, 0, 1, 0, 0],
                  [1, 0, 3, 0, 0], [2, 0, 4, 0, 0], [1, 0, 0, 0, 0])
two_trees = tree_attrs(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_GT", "LEAF", "LEAF"], [0.7, 0, 0, 1.5, 0, 0],
                       [0, 0, 0, 1, 0, 0], [1, 0, 0, 1, 0, 0], [2, 0, 0, 2, 0, 0], [0, 0, 0, 1, 0, 0],
                       trees=[0, 0, 0, 5, 5, 5], nodes=[0, 1, 2, 0, 1, 2])
for agg in ["SUM", "AVERAGE", "MIN", "MAX"]:
    for bv in [[], [0.5]]:
        add(f"TreeRegressor_{agg}_base{len(bv)}", [node("TreeEnsembleRegressor", ["x"], ["y"], domain="ai.onnx.ml",
            n_targets=1, aggregate_function=agg, base_values=bv, target_ids=[0, 0, 0, 0],
            target_nodeids=[1, 2, 1, 2], target_treeids=[0, 0, 5, 5], target_weights=[1.5, -2.0, 0.25, 4.0], **two_trees)],
            [vi("x", F, [7, 2])], [vi("y", F, None)], {"x": TX}, ml=1)
    add(f"TreeRegressor_2targets_{agg}", [node("TreeEnsembleRegressor", ["x"], ["y"], domain="ai.onnx.ml",
        n_targets=2, aggregate_function=agg, base_values=[0.5, -0.5], target_ids=[0, 1, 0, 1, 1],
        target_nodeids=[1, 1, 2, 1, 2], target_treeids=[0, 0, 0, 5, 5], target_weights=[1.5, 3.0, -2.0, 0.25, 4.0],
        **two_trees)], [vi("x", F, [7, 2])], [vi("y", F, None)], {"x": TX}, ml=1)
for pt in ["LOGISTIC", "SOFTMAX", "SOFTMAX_ZERO", "PROBIT"]:
    add(f"TreeRegressor_2targets_{pt}", [node("TreeEnsembleRegressor", ["x"], ["y"], domain="ai.onnx.ml",
        n_targets=2, post_transform=pt, target_ids=[0, 1, 0, 1, 1], target_nodeids=[1, 1, 2, 1, 2],
        target_treeids=[0, 0, 0, 5, 5], target_weights=[0.15, 0.3, -0.2, 0.0, 0.4], **two_trees)],
        [vi("x", F, [7, 2])], [vi("y", F, None)], {"x": TX}, ml=1)
    add(f"TreeRegressor_1target_{pt}", [node("TreeEnsembleRegressor", ["x"], ["y"], domain="ai.onnx.ml",
        n_targets=1, post_transform=pt, target_ids=[0, 0, 0, 0], target_nodeids=[1, 2, 1, 2],
        target_treeids=[0, 0, 5, 5], target_weights=[0.15, 0.3, -0.2, 0.4], **two_trees)],
        [vi("x", F, [7, 2])], [vi("y", F, None)], {"x": TX}, ml=1)
add("TreeRegressor_leaf_without_weight", [node("TreeEnsembleRegressor", ["x"], ["y"], domain="ai.onnx.ml",
    n_targets=1, target_ids=[0], target_nodeids=[1], target_treeids=[0], target_weights=[2.0],
    **tree_attrs(["BRANCH_LEQ", "LEAF", "LEAF"], [0.7, 0, 9.5], [0, 0, 0], [1, 0, 0], [2, 0, 0], [0, 0, 0]))],
    [vi("x", F, [7, 2])], [vi("y", F, None)], {"x": TX}, ml=1)
add("TreeRegressor_double_input", [node("TreeEnsembleRegressor", ["x"], ["y"], domain="ai.onnx.ml",
    n_targets=1, target_ids=[0, 0, 0, 0], target_nodeids=[1, 2, 1, 2], target_treeids=[0, 0, 5, 5],
    target_weights=[1.5, -2.0, 0.25, 4.0], **two_trees)], [vi("x", TP.DOUBLE, [7, 2])], [vi("y", F, None)],
    {"x": TX.astype(np.float64)}, ml=3)
for dt, name in [(np.float32, "float"), (np.float64, "double")]:
    add(f"TreeRegressor_as_tensor_{name}", [node("TreeEnsembleRegressor", ["x"], ["y"], domain="ai.onnx.ml",
        n_targets=1, target_ids=[0, 0, 0, 0], target_nodeids=[1, 2, 1, 2], target_treeids=[0, 0, 5, 5],
        target_weights_as_tensor=numpy_helper.from_array(np.array([1.5, -2.0, 0.25, 4.0], dt)),
        base_values_as_tensor=numpy_helper.from_array(np.array([0.125], dt)),
        nodes_values_as_tensor=numpy_helper.from_array(np.array([0.7, 0, 0, 1.5000001, 0, 0], dt)),
        **{k: v for k, v in two_trees.items() if k != "nodes_values"})],
        [vi("x", F if dt == np.float32 else TP.DOUBLE, [7, 2])], [vi("y", F, None)],
        {"x": TX.astype(dt)}, ml=3)
# A DAG: two BRANCH_EQ nodes share their true child (onnxmltools' categorical sets).
add("TreeRegressor_shared_true_child", [node("TreeEnsembleRegressor", ["x"], ["y"], domain="ai.onnx.ml",
    n_targets=1, target_ids=[0, 0], target_nodeids=[2, 3], target_treeids=[0, 0], target_weights=[5.0, -1.0],
    **tree_attrs(["BRANCH_EQ", "BRANCH_EQ", "LEAF", "LEAF"], [1.0, 2.0, 0, 0], [1, 1, 0, 0], [2, 2, 0, 0],
                 [1, 3, 0, 0], [0, 0, 0, 0]))], [vi("x", F, [7, 2])], [vi("y", F, None)], {"x": TX}, ml=1)

CX = f32(8, 3)
CX[0, 0] = np.nan
ctree = tree_attrs(["BRANCH_LEQ", "BRANCH_LT", "LEAF", "LEAF", "LEAF", "BRANCH_GTE", "LEAF", "LEAF"],
                   [0.0, 0.5, 0, 0, 0, -0.5, 0, 0], [0, 1, 0, 0, 0, 2, 0, 0], [1, 2, 0, 0, 0, 1, 0, 0],
                   [4, 3, 0, 0, 0, 2, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0],
                   trees=[0, 0, 0, 0, 0, 1, 1, 1], nodes=[0, 1, 2, 3, 4, 0, 1, 2])
for labels, ltype in [({"classlabels_int64s": [4, 9]}, TP.INT64), ({"classlabels_strings": ["neg", "pos"]}, TP.STRING)]:
    for weights, wname in [([0.2, 0.9, 0.4, 0.3, 0.1], "positive"), ([-0.2, 0.9, -0.4, 0.3, -0.1], "mixed")]:
        for pt in ["NONE", "LOGISTIC", "SOFTMAX", "SOFTMAX_ZERO"]:
            for bv in [[], [0.25], [0.25, -0.5]]:
                add(f"TreeClassifier_binary_{wname}_{pt}_base{len(bv)}_{TYPE_NAMES[ltype]}",
                    [node("TreeEnsembleClassifier", ["x"], ["l", "p"], domain="ai.onnx.ml", post_transform=pt,
                     base_values=bv, class_ids=[0] * 5, class_nodeids=[2, 3, 4, 1, 2], class_treeids=[0, 0, 0, 1, 1],
                     class_weights=weights, **labels, **ctree)],
                    [vi("x", F, [8, 3])], [vi("l", ltype, None), vi("p", F, None)], {"x": CX}, ml=1)
    # Weights for both classes.
    for bv in [[], [0.25], [0.25, -0.5]]:
        for pt in ["NONE", "SOFTMAX"]:
            add(f"TreeClassifier_two_columns_{pt}_base{len(bv)}_{TYPE_NAMES[ltype]}",
                [node("TreeEnsembleClassifier", ["x"], ["l", "p"], domain="ai.onnx.ml", post_transform=pt,
                 base_values=bv, class_ids=[0, 1, 0, 1, 1, 0], class_nodeids=[2, 2, 3, 4, 1, 2],
                 class_treeids=[0, 0, 0, 0, 1, 1], class_weights=[0.2, 0.8, 0.6, 0.3, -0.2, 0.5], **labels, **ctree)],
                [vi("x", F, [8, 3])], [vi("l", ltype, None), vi("p", F, None)], {"x": CX}, ml=1)
for pt in ["NONE", "SOFTMAX", "LOGISTIC", "SOFTMAX_ZERO", "PROBIT"]:
    for bv in [[], [0.1, 0.2, 0.3]]:
        add(f"TreeClassifier_three_{pt}_base{len(bv)}", [node("TreeEnsembleClassifier", ["x"], ["l", "p"],
            domain="ai.onnx.ml", post_transform=pt, base_values=bv, class_ids=[0, 1, 2, 1, 0, 0, 2],
            class_nodeids=[2, 2, 3, 4, 1, 2, 2], class_treeids=[0, 0, 0, 0, 1, 1, 1],
            class_weights=[0.2, 0.8, 0.6, 0.3, -0.2, 0.5, 0.1], classlabels_int64s=[0, 1, 2], **ctree)],
            [vi("x", F, [8, 3])], [vi("l", TP.INT64, None), vi("p", F, None)], {"x": CX}, ml=1, tolerance=2e-6)
add("TreeClassifier_three_every_leaf_every_class", [node("TreeEnsembleClassifier", ["x"], ["l", "p"],
    domain="ai.onnx.ml", post_transform="SOFTMAX",
    class_ids=[0, 1, 2] * 5, class_nodeids=[2, 2, 2, 3, 3, 3, 4, 4, 4, 1, 1, 1, 2, 2, 2],
    class_treeids=[0] * 9 + [1] * 6, class_weights=list(f32(15).astype(float)), classlabels_strings=["a", "b", "c"], **ctree)],
    [vi("x", F, [8, 3])], [vi("l", TP.STRING, None), vi("p", F, None)], {"x": CX}, ml=1)
add("ZipMap_int_labels", [node("ZipMap", ["x"], ["y"], domain="ai.onnx.ml", classlabels_int64s=[5, 6, 7])],
    [vi("x", F, [2, 3])], [h.make_value_info("y", h.make_sequence_type_proto(h.make_map_type_proto(TP.INT64,
        h.make_tensor_type_proto(F, []))))], {"x": f32(2, 3)}, ml=1)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "cases.json"), "w") as f:
    json.dump({"generator": "generate.py", "onnxruntime": ort.__version__, "onnx": onnx.__version__,
               "cases": cases}, f, indent=0)
print(f"{len(cases)} cases")
