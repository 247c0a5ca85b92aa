import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.json"))


@pytest.fixture
def log():
    import assetlog
    return assetlog.AssetLog()


def load(path):
    return json.loads(path.read_text())
