#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The analyst's pipeline CapAudit replaces (issue 15), as an analyst would write it with Debian's packages:
prometheus_client's parsers -> a pandas DataFrame -> to_sql into SQLite -> a matplotlib stacked chart of allocation
per tenant over time. It does no signature check, no validation beyond the parser's and no evidence keeping, so it is
the lower bound of the work CapAudit's verify + import + chart does on the same files.

Usage: analyst_peer.py OUT_DIR FILE...   (.om files hold OpenMetrics timestamps in seconds, others milliseconds)
"""
import sqlite3
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from prometheus_client.parser import text_string_to_metric_families as prom_families  # noqa: E402


def rows(path):
    # prometheus_client's strict OpenMetrics parser refuses a file of several scrapes (families repeat), so, as an
    # analyst would, every file goes through its Prometheus text parser, which reads timestamps as milliseconds:
    # OpenMetrics seconds come back divided by 1000.
    text = Path(path).read_text()
    scale = 1000.0 if path.endswith(".om") else 1.0
    for family in prom_families(text):
        for s in family.samples:
            ts = s.timestamp * scale if s.timestamp is not None else None
            yield {"metric": s.name, "value": s.value, "time": ts, **s.labels}


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame([r for f in sys.argv[2:] for r in rows(f)])
    with sqlite3.connect(out / "analyst.sqlite") as db:
        frame.to_sql("samples", db, if_exists="replace", index=False)
    # Allocation per tenant over time: kube-state-metrics' resource requests by namespace, summed per scrape.
    requests = frame[frame["metric"] == "kube_pod_container_resource_requests"]
    pivot = requests.pivot_table(index="time", columns="namespace", values="value", aggfunc="sum").fillna(0)
    pivot.index = pd.to_datetime(pivot.index, unit="s")
    fig, ax = plt.subplots(figsize=(11, 5))
    ax.stackplot(pivot.index, pivot.T.values, labels=list(pivot.columns))
    ax.set_title("Allocated per tenant")
    ax.legend(loc="upper left", fontsize=7)
    fig.savefig(out / "allocation.png", dpi=100)
    print(f"{len(frame)} samples, {len(pivot)} scrapes, {len(pivot.columns)} tenants")


if __name__ == "__main__":
    main()
