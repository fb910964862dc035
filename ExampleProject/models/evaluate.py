"""Evaluation of the penguin species classifier.

    python models/evaluate.py   # score the saved model on the held-out test split

Reads the model written by models/train.py and the split recorded in
data/interim/penguins-split.csv; writes reports/evaluation.json and
reports/confusion_matrix.csv.
"""
from __future__ import annotations

import json

import joblib
import pandas as pd
from sklearn.metrics import accuracy_score, classification_report, confusion_matrix, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_score

from features import CLASSES, PROCESSED_PATH, PROJECT_ROOT, SEED, SPLIT_PATH, build_features, read_csv

MODEL_PATH = PROJECT_ROOT / "models" / "artifacts" / "penguin_classifier.joblib"
REPORTS_DIR = PROJECT_ROOT / "reports"
CV_FOLDS = 5


def evaluate_model(model, X_test: pd.DataFrame, y_test: pd.Series) -> dict[str, float]:
    """Score a fitted pipeline on held-out rows, rounded to 4 decimals."""
    predicted = model.predict(X_test)
    return {
        "accuracy": round(float(accuracy_score(y_test, predicted)), 4),
        "f1_macro": round(float(f1_score(y_test, predicted, average="macro")), 4),
    }


def cross_validate(model, X_train: pd.DataFrame, y_train: pd.Series, folds: int = CV_FOLDS) -> float:
    """Mean macro-F1 over stratified folds of the training rows only."""
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    scores = cross_val_score(model, X_train, y_train, cv=cv, scoring="f1_macro")
    return round(float(scores.mean()), 4)


def confusion_table(model, X_test: pd.DataFrame, y_test: pd.Series) -> pd.DataFrame:
    """Confusion matrix with true species as rows and predicted species as columns."""
    matrix = confusion_matrix(y_test, model.predict(X_test), labels=CLASSES)
    return pd.DataFrame(matrix, index=pd.Index(CLASSES, name="true"), columns=CLASSES)


def load_test_split():
    """The held-out rows, exactly as models/features.py recorded them."""
    X, y = build_features(read_csv(PROCESSED_PATH))
    split = read_csv(SPLIT_PATH).set_index("row")["split"]
    test_rows = split[split == "test"].index
    return X.loc[test_rows], y.loc[test_rows]


def main() -> None:
    model = joblib.load(MODEL_PATH)
    X_test, y_test = load_test_split()
    metrics = evaluate_model(model, X_test, y_test)
    REPORTS_DIR.mkdir(exist_ok=True)
    (REPORTS_DIR / "evaluation.json").write_text(json.dumps(metrics, indent=2) + "\n")
    confusion_table(model, X_test, y_test).to_csv(REPORTS_DIR / "confusion_matrix.csv")
    print(classification_report(y_test, model.predict(X_test), digits=4))
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()
