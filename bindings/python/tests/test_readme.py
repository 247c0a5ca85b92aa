"""The README's Python quickstart is examples/quickstart.py, and it runs."""
import pathlib
import runpy

ROOT = pathlib.Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "bindings" / "python" / "examples" / "quickstart.py"


def test_quickstart_runs(capsys):
    runpy.run_path(str(EXAMPLE))
    out = capsys.readouterr().out
    assert "LAP-0042 assigned emp-1042" in out
    assert "INVALID_TRANSITION assigned" in out
    assert "0.00 EUR" in out


def test_readme_shows_the_quickstart():
    readme = (ROOT / "README.md").read_text()
    body = EXAMPLE.read_text().split('"""', 2)[2].strip()
    assert body in readme, "README's Python quickstart differs from bindings/python/examples/quickstart.py"
