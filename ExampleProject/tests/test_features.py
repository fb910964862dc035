"""Tests of the feature pipeline: the inputs the model is trained and scored on.

    python -m pytest tests/
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models"))

from features import CLASSES, FEATURES, PROCESSED_PATH, TARGET, build_features, split_data  # noqa: E402


def test_build_features_drops_unmeasured_birds_and_keeps_every_class():
    penguins = pd.read_csv(PROCESSED_PATH)
    X, y = build_features(penguins)
    assert list(X.columns) == FEATURES
    assert len(X) == 342
    assert sorted(y.unique()) == CLASSES


def test_split_is_stratified_and_reproducible():
    X, y = build_features(pd.read_csv(PROCESSED_PATH))
    first = split_data(X, y)
    second = split_data(X, y)
    assert list(first[0].index) == list(second[0].index)
    shares = first[3].value_counts(normalize=True)
    overall = y.value_counts(normalize=True)
    assert (abs(shares - overall) < 0.02).all()
    assert TARGET not in first[0].columns
