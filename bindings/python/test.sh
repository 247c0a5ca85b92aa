#!/usr/bin/env bash
# Build the Python package as users get it: an abi3 wheel (maturin build
# --release), installed (not the source tree) into a fresh venv; then run
# the tests there and check the .pyi against the module.
set -euo pipefail
cd "$(dirname "$0")"
tools=.venv
[ -x "$tools/bin/python" ] || python3 -m venv "$tools"
"$tools/bin/python" -m pip install -q --disable-pip-version-check "maturin>=1.9,<2"
rm -rf dist
"$tools/bin/maturin" build --release --quiet --out dist --manifest-path Cargo.toml
wheel=$(ls dist/assetlog-*-abi3-*.whl)
# a fresh venv with only the wheel and the test tools: what a user has
venv=.venv-wheel
python3 -m venv --clear "$venv"
py="$venv/bin/python"
"$py" -m pip install -q --disable-pip-version-check "$wheel" "pytest>=8" "mypy>=1.10"
"$py" -c 'import assetlog, pathlib, sys; p = pathlib.Path(assetlog.__file__).resolve(); sys.exit(0 if ".venv-wheel" in str(p) else f"assetlog imported from {p}, not the wheel")'
# views refuse JSON whose keys differ from their fields: a new core field
# fails here until the Python class carries it
(cd tests && ASSETLOG_STRICT_VIEWS=1 ../"$py" -m pytest -q -p no:cacheprovider .)
# the stub of the native module matches what it really exports
(cd tests && ../"$py" -m mypy.stubtest assetlog._native)
# the package and its examples type-check
"$py" -m mypy --strict --no-incremental python/assetlog examples
