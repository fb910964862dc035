"""Feature engineering for the penguin species classifier.

Turns the raw Palmer LTER export (data/raw/penguins-raw.csv) into the tidy
table (data/processed/penguins.csv), and the tidy table into the model's
inputs: six features and the `species` target.

    python models/features.py             # write the train/test split to data/interim/
    python models/features.py --rebuild   # also regenerate data/processed/penguins.csv
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RAW_PATH = PROJECT_ROOT / "data" / "raw" / "penguins-raw.csv"
PROCESSED_PATH = PROJECT_ROOT / "data" / "processed" / "penguins.csv"
SPLIT_PATH = PROJECT_ROOT / "data" / "interim" / "penguins-split.csv"

SEED = 42
TEST_SIZE = 0.25

TARGET = "species"
NUMERIC_FEATURES = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
CATEGORICAL_FEATURES = ["island", "sex"]
FEATURES = NUMERIC_FEATURES + CATEGORICAL_FEATURES
CLASSES = ["Adelie", "Chinstrap", "Gentoo"]

# Raw column -> tidy column. "Culmen" is the field team's word for the bill.
RAW_COLUMNS = {
    "Species": "species",
    "Island": "island",
    "Culmen Length (mm)": "bill_length_mm",
    "Culmen Depth (mm)": "bill_depth_mm",
    "Flipper Length (mm)": "flipper_length_mm",
    "Body Mass (g)": "body_mass_g",
    "Sex": "sex",
}


def read_csv(path: Path) -> pd.DataFrame:
    """Read a project CSV; only the literal `NA` marks a missing value."""
    return pd.read_csv(path, na_values=["NA"], keep_default_na=False)


def clean_raw(raw: pd.DataFrame) -> pd.DataFrame:
    """Reduce the 17-column field export to the 8-column tidy table.

    - `Species` keeps only the common name ("Adelie Penguin (Pygoscelis adeliae)" -> "Adelie");
    - culmen measurements are renamed to bill measurements;
    - `Sex` is lower-cased ("MALE" -> "male");
    - `year` is the year of `Date Egg`, the date the nest's first egg was observed.
    """
    tidy = raw[list(RAW_COLUMNS)].rename(columns=RAW_COLUMNS)
    tidy["species"] = tidy["species"].str.split().str[0]
    tidy["sex"] = tidy["sex"].str.lower()
    tidy["year"] = pd.to_datetime(raw["Date Egg"]).dt.year
    for column in ("flipper_length_mm", "body_mass_g"):
        tidy[column] = tidy[column].astype("Int64")
    return tidy


def write_processed(tidy: pd.DataFrame, path: Path = PROCESSED_PATH) -> None:
    """Write the tidy table in the format of the published palmerpenguins CSV."""
    tidy.to_csv(path, index=False, na_rep="NA", float_format="%g")


def build_features(penguins: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Select the model inputs and the target from the tidy table.

    Rows whose four body measurements are all missing (birds that were not
    sampled) carry no signal and are dropped. A missing `sex` is kept: the
    preprocessor imputes it.
    """
    measured = penguins.dropna(subset=NUMERIC_FEATURES, how="all")
    labelled = measured.dropna(subset=[TARGET])
    return labelled[FEATURES].copy(), labelled[TARGET].copy()


def build_preprocessor(features: list[str] = FEATURES) -> ColumnTransformer:
    """Impute and scale the measurements; impute and one-hot encode island and sex.

    `features` picks a subset of FEATURES (the feature ablation uses this).
    """
    numeric = Pipeline([
        ("impute", SimpleImputer(strategy="median")),
        ("scale", StandardScaler()),
    ])
    categorical = Pipeline([
        ("impute", SimpleImputer(strategy="most_frequent")),
        ("encode", OneHotEncoder(handle_unknown="ignore")),
    ])
    parts = [
        ("numeric", numeric, [f for f in NUMERIC_FEATURES if f in features]),
        ("categorical", categorical, [f for f in CATEGORICAL_FEATURES if f in features]),
    ]
    return ColumnTransformer([part for part in parts if part[2]])


def split_data(X: pd.DataFrame, y: pd.Series, test_size: float = TEST_SIZE, seed: int = SEED):
    """Stratified train/test split, so each species keeps its share in both parts."""
    return train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)


def write_split(X_train: pd.DataFrame, X_test: pd.DataFrame, path: Path = SPLIT_PATH) -> None:
    """Record which row of data/processed/penguins.csv went to which part."""
    rows = [(i, "train") for i in X_train.index] + [(i, "test") for i in X_test.index]
    split = pd.DataFrame(rows, columns=["row", "split"]).sort_values("row")
    path.parent.mkdir(parents=True, exist_ok=True)
    split.to_csv(path, index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="regenerate data/processed/penguins.csv")
    args = parser.parse_args()
    if args.rebuild:
        write_processed(clean_raw(read_csv(RAW_PATH)))
    X, y = build_features(read_csv(PROCESSED_PATH))
    X_train, X_test, _, _ = split_data(X, y)
    write_split(X_train, X_test)
    print(f"{len(X_train)} train rows, {len(X_test)} test rows -> {SPLIT_PATH.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main()
