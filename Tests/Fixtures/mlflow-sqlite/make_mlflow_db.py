#!/usr/bin/env python3
"""Writes mlflow.db, the MLflow SQLite tracking store the drift tests read (MLflowSQLiteTests).

Made with real MLflow (mlflow-skinny 3.7.0 with sqlalchemy and alembic, Python 3.11):
    python3 -m venv /tmp/mlflow-venv && /tmp/mlflow-venv/bin/pip install mlflow-skinny==3.7.0 sqlalchemy alembic
    /tmp/mlflow-venv/bin/python make_mlflow_db.py
Run it from this folder; it replaces mlflow.db here.
"""
import os
import shutil
import sqlite3
import tempfile

import mlflow
from mlflow.tracking import MlflowClient

here = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp()
os.chdir(work)
mlflow.set_tracking_uri("sqlite:///mlflow.db")
mlflow.set_experiment("penguins")

with mlflow.start_run(run_name="knn-k7"):
    mlflow.log_params({"n_neighbors": 7, "weights": "distance", "model": "k_nearest_neighbors"})
    mlflow.log_metric("accuracy", 0.80, step=0)
    mlflow.log_metric("accuracy", 0.95, step=1)  # the latest step is the recorded value
    mlflow.log_metric("f1_macro", 0.9)

with mlflow.start_run(run_name="rf-300"):
    mlflow.log_params({"n_estimators": 300, "max_depth": 6})
    mlflow.log_metric("accuracy", 0.97)

with mlflow.start_run(run_name="deleted-run") as run:
    mlflow.log_param("n_estimators", 10)
MlflowClient().delete_run(run.info.run_id)

connection = sqlite3.connect("mlflow.db")
# The smallest pages: the schema has many (empty) tables and indexes, one page each at least.
connection.execute("PRAGMA page_size = 512")
connection.execute("VACUUM")
connection.close()
shutil.copy("mlflow.db", os.path.join(here, "mlflow.db"))
shutil.rmtree(work)
