"""Reference outputs of INT8 symmetric per-channel weight quantization (swift-mlops quantize).

For each ONNX fixture below, the float weights are replaced in the ONNX graph by their
dequantized INT8 values computed here independently with NumPy (float32):
    scale_c = max|w_c| / 127 (1 if 0), q = round_half_even(w / scale_c) clipped to [-127, 127],
    w' = q * scale_c,
per output channel (MatMul weight columns; LinearClassifier coefficient rows per class), and
the modified float graph is run by onnxruntime. Writes <case>/expected_int8.csv (label, p0..).
Run: python3 make_reference.py   (onnx, onnxruntime, numpy)
"""
import csv
import os

import numpy as np
import onnx
import onnxruntime as ort
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "models")
CASES = ["onnx_logreg_binary", "onnx_logreg_multiclass", "onnx_mlp_classifier", "onnx_pipeline_scaler_logreg"]


def fake_quant(w, axis):
    w = w.astype(np.float32)
    maxabs = np.max(np.abs(w), axis=1 - axis if w.ndim == 2 else 0, keepdims=True)
    scale = np.where(maxabs > 0, maxabs / np.float32(127), np.float32(1)).astype(np.float32)
    q = np.clip(np.round(w / scale), -127, 127).astype(np.float32)
    return (q * scale).astype(np.float32)


for case in CASES:
    model = onnx.load(os.path.join(MODELS, case, "model.onnx"))
    g = model.graph
    inits = {t.name: t for t in g.initializer}
    for node in g.node:
        if node.op_type in ("MatMul", "Gemm") and len(node.input) > 1 and node.input[1] in inits:
            t = inits[node.input[1]]
            w = numpy_helper.to_array(t)
            trans = node.op_type == "Gemm" and any(a.name == "transB" and a.i == 1 for a in node.attribute)
            # Channels: columns of [K, N] (axis 1), rows when transposed (axis 0).
            wq = fake_quant(w, 0 if trans else 1)
            t.CopyFrom(numpy_helper.from_array(wq, t.name))
        if node.op_type in ("LinearClassifier", "LinearRegressor"):
            attrs = {a.name: a for a in node.attribute}
            coef = np.array(attrs["coefficients"].floats, dtype=np.float32)
            k = len(attrs["intercepts"].floats) if node.op_type == "LinearClassifier" else (attrs["targets"].i if "targets" in attrs else 1)
            wq = fake_quant(coef.reshape(k, -1), 0).reshape(-1)
            del attrs["coefficients"].floats[:]
            attrs["coefficients"].floats.extend([float(v) for v in wq])
    sess = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    x = np.loadtxt(os.path.join(MODELS, case, "X.csv"), delimiter=",", skiprows=1, dtype=np.float32)
    label, probs = sess.run(None, {"input": x})
    if isinstance(probs, list):
        probs = np.array([[d[k] for k in sorted(d)] for d in probs], dtype=np.float32)
    os.makedirs(os.path.join(HERE, case), exist_ok=True)
    with open(os.path.join(HERE, case, "expected_int8.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["label"] + [f"p{j}" for j in range(probs.shape[1])])
        for l, p in zip(label, probs):
            w.writerow([int(l)] + [repr(float(v)) for v in p])
    print(case, probs.shape)
