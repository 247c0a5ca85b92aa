"""Type-checked by ``mypy --strict`` in the test script: the typed event
constructors catch what the core would refuse. Each ``type: ignore`` below
must be needed (``--strict`` warns about unused ones), so the checks cannot
silently stop working."""

import assetlog
from assetlog import events

log = assetlog.AssetLog()
log.append([
    events.ordered("LAP-1", category="laptop", vendor="Dell", model="XPS", unit_cost="1299.00 EUR"),
    events.received("LAP-1", location="Berlin", country="DE"),
])
events.received("LAP-1", locaton="Berlin")  # type: ignore[call-arg]
events.ordered("LAP-2", category="laptop", vendor="Dell", model="XPS")  # type: ignore[call-arg]
events.retired("LAP-1", reason="worn_out")  # type: ignore[arg-type]
assetlog.Event("LAP-1", "recieved", location="Berlin")  # type: ignore[arg-type]
log.record("LAP-1", "asigned", person="emp-1")  # type: ignore[arg-type]
