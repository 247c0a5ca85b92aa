#!/usr/bin/env bash
# Build the Python package the way users install it (pip install .) into a
# venv of its own, then run its tests and check the .pyi against the module.
set -euo pipefail
cd "$(dirname "$0")"
venv=.venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
py="$venv/bin/python"
"$py" -m pip install -q --disable-pip-version-check "maturin>=1.9,<2" "pytest>=8" "mypy>=1.10"
"$py" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps .
# views refuse JSON whose keys differ from their fields: a new core field
# fails here until the Python class carries it
ASSETLOG_STRICT_VIEWS=1 "$py" -m pytest -q -p no:cacheprovider tests
# the stub of the native module matches what it really exports
(cd tests && ../"$py" -m mypy.stubtest assetlog._native)
# the package and its examples type-check
"$py" -m mypy --strict --no-incremental python/assetlog examples
