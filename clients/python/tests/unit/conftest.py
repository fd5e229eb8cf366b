"""Unit tests: no running suite; each test runs in an empty folder without the caller's feature store settings."""

import os

import pytest


@pytest.fixture(autouse=True)
def hermetic(monkeypatch, tmp_path):
    for name in list(os.environ):
        if name.startswith("FEATURESTORE_") or name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path
