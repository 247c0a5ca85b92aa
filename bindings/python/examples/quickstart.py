"""The README's Python quickstart (tests/test_readme.py runs it)."""
from datetime import datetime, timezone

import assetlog

log = assetlog.AssetLog()  # or assetlog.AssetLog("fleet.db")
log.append([
    assetlog.Event("LAP-0042", "ordered", category="laptop", vendor="Dell",
                   model="Latitude 7450", unit_cost="1299.00 EUR"),
    assetlog.Event("LAP-0042", "received", location="Berlin office", country="DE"),
    assetlog.Event("LAP-0042", "assigned", person="emp-1042", department="Engineering"),
])
laptop = log.asset("LAP-0042")
print(laptop.tag, laptop.status, laptop.holder)          # LAP-0042 assigned emp-1042
try:
    log.record("LAP-0042", "received", location="Depot")  # not allowed while assigned
except assetlog.InvalidTransition as e:
    print(e.code, e.status)                               # INVALID_TRANSITION assigned
cost = log.cost("LAP-0042", as_of=datetime(2030, 1, 1, tzinfo=timezone.utc))
print(cost.book_value_straight_line)                      # 0.00 EUR
