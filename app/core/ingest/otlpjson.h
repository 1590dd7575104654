// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/metricmapping.h"
#include "ingest/metricstext.h"
#include "ingest/sinks.h"

class QIODevice;

namespace capaudit {

struct OtlpJsonOptions {
    QString defaultNode; // node for data points without any of the mapping's node attributes
};

// OTLP/JSON metrics export (ExportMetricsServiceRequest: {"resourceMetrics": [...]}), gauge and sum data points.
// Resource and data point attributes act as labels for the MappingSet (point attributes win on a clash).
// Unlike the text formats this reads the whole document with QJsonDocument: OTLP exports are batches of bounded size
// (a collector flushes every few seconds), and JSON cannot be streamed with QtCore. Inputs above kMaxOtlpJsonBytes
// are refused rather than exhausting memory.
inline constexpr qint64 kMaxOtlpJsonBytes = 256 * 1024 * 1024;

Status parseOtlpJson(QIODevice& in, const QString& fileName, const MappingSet& mappings, UsageSink& sink,
    const OtlpJsonOptions& options = {}, MetricsImportSummary* summary = nullptr);

} // namespace capaudit
