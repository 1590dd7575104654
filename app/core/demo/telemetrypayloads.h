// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/demomodel.h"
#include "evidence/bundlewriter.h"

#include <QJsonArray>

namespace capaudit::demo {

struct TelemetryPayloadSet {
    QList<BundleFile> files; // names relative to data/
    QJsonArray descriptors; // the predicate's "payloads"
    qint64 rows = 0; // node and tenant rows these payloads describe
};

// The provider's own telemetry for steps [FIRST, END), in the provider's format (native CSV, or OpenMetrics /
// Prometheus text with the kube-state-metrics and dcgm-exporter profiles plus a mapping file for the rest).
TelemetryPayloadSet providerTelemetry(const DemoModel& model, int provider, qint64 first, qint64 end);

// The independent meter's view of PROVIDER's GPU nodes: dcgm-exporter scrapes (Prometheus text, GPU utilisation per
// device, labelled with the tenant's namespace).
TelemetryPayloadSet meterTelemetry(const DemoModel& model, int provider, qint64 first, qint64 end);

} // namespace capaudit::demo
