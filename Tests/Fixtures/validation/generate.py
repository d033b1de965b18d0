#!/usr/bin/env python3
"""Makes the export-validation fixtures (run once; the outputs are committed).

    pip install xgboost onnxmltools onnx   # xgboost 3.2.0, onnxmltools 1.16.0, onnx 1.23.2
    python3 generate.py

From ../models/xgb_binary_logistic (an XGBoost binary:logistic model and its 401 rows X.csv):
- model.onnx: its ONNX export by onnxmltools (FloatTensorType([None, 8]), target_opset=15),
  as ../../shared/acceptance/checks/03-validate-export.py makes it;
- labels.csv (y): Bernoulli draws from the model's own probabilities (seed 7), so the model's
  ROC-AUC is high but below 1;
- reference_predictions.csv (prob): XGBoost's own predictions (the "training framework's
  CSV" kind of reference);
- other.json: a different model (max_depth 2, 5 rounds) trained on random labels (seed 3);
- perturbed.json: model.json with one leaf value of tree 0 (the leaf most rows reach) raised
  by 3.0: same structure, different scores.
"""
import csv, json, os
import numpy as np
import onnxmltools
import xgboost as xgb
from onnxmltools.convert.common.data_types import FloatTensorType

here = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(here, "..", "models", "xgb_binary_logistic")
booster = xgb.Booster()
booster.load_model(os.path.join(src, "model.json"))
n = booster.num_features()
onnx_model = onnxmltools.convert_xgboost(booster, initial_types=[("input", FloatTensorType([None, n]))], target_opset=15)
with open(os.path.join(here, "model.onnx"), "wb") as f:
    f.write(onnx_model.SerializeToString())

X = np.genfromtxt(os.path.join(src, "X.csv"), delimiter=",", skip_header=1)
dm = xgb.DMatrix(X, feature_names=booster.feature_names)
p = booster.predict(dm)
rng = np.random.default_rng(7)
y = (rng.random(len(p)) < p).astype(int)
with open(os.path.join(here, "labels.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["y"])
    for v in y:
        w.writerow([int(v)])
with open(os.path.join(here, "reference_predictions.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["prob"])
    for v in p:
        w.writerow([repr(float(v))])

rng3 = np.random.default_rng(3)
yy = (rng3.random(len(X)) < 0.5).astype(int)
other = xgb.train({"max_depth": 2, "objective": "binary:logistic", "seed": 0, "nthread": 1},
                  xgb.DMatrix(X, label=yy, feature_names=booster.feature_names), num_boost_round=5)
other.save_model(os.path.join(here, "other.json"))

# Perturb one leaf: the leaf of tree 0 that most rows reach.
leaves = booster.predict(dm, pred_leaf=True)[:, 0].astype(int)
target = int(np.bincount(leaves).argmax())
doc = json.load(open(os.path.join(src, "model.json")))
tree = doc["learner"]["gradient_booster"]["model"]["trees"][0]
assert tree["left_children"][target] == -1, "not a leaf"
tree["base_weights"][target] += 3.0
tree["split_conditions"][target] += 3.0  # XGBoost JSON keeps leaf values in split_conditions
with open(os.path.join(here, "perturbed.json"), "w") as f:
    json.dump(doc, f)
bp = xgb.Booster()
bp.load_model(os.path.join(here, "perturbed.json"))
pp = bp.predict(dm)
from sklearn.metrics import roc_auc_score, average_precision_score
print("rows", len(y), "positives", int(y.sum()))
print("reference auc", roc_auc_score(y, p), "ap", average_precision_score(y, p))
print("perturbed auc", roc_auc_score(y, pp), "ap", average_precision_score(y, pp), "max diff", float(np.max(np.abs(pp - p))),
      "rows at leaf", int((leaves == target).sum()))
po = other.predict(xgb.DMatrix(X, feature_names=booster.feature_names))
print("other auc", roc_auc_score(y, po), "ap", average_precision_score(y, po))
