// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/metricstext.h"
#include "ingest/sinks.h"

class QIODevice;

namespace capaudit {

// Parses one telemetry payload the way its predicate entry describes it: picks the parser from payload.format and
// builds the MappingSet from payload.profile plus MAPPINGBYTES (the bundle file named by payload.mapping; empty when
// the entry has none). Errors name payload.path (or payload.mapping for a bad mapping file).
// ROWERRORS (lint only): the line-based formats (native CSV, Prometheus/OpenMetrics text) log a bad line there and go
// on; the JSON formats still stop at their first error.
Status importTelemetryPayload(const TelemetryPayload& payload, QIODevice& data, const QByteArray& mappingBytes,
    UsageSink& sink, MetricsImportSummary* summary = nullptr, RowErrorLog* rowErrors = nullptr);

class DataQualityLog;

// QUALITY null: strict (the first non-conformant row is an Error). Set: non-conformant rows are flagged and passed
// on, every problem is logged there (docs/formats.md, "Quarantine").
Status importBillingPayload(
    const BillingPayload& payload, QIODevice& data, BillingSink& sink, DataQualityLog* quality = nullptr);

} // namespace capaudit
