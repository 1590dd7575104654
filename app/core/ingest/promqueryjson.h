// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/metricmapping.h"
#include "ingest/metricstext.h"
#include "ingest/sinks.h"

class QIODevice;

namespace capaudit {

inline constexpr char kQueryRangeJsonFormat[] = "prometheus-query-range-json";

struct PromQueryJsonOptions {
    QString defaultNode; // node for series without any of the mapping's node labels
    // query_range step in ms (0: not stated, e.g. an instant /query). When set, every point of a series must lie on
    // the series' step grid: a point off the grid was not produced by the stated query.
    qint64 stepMillis = 0;
};

// The body of Prometheus' /api/v1/query_range or /api/v1/query (docs/formats.md): resultType matrix or vector,
// values as strings ("NaN" is a missing point, ±Inf an error), timestamps as float seconds. Series are mapped by
// __name__ and labels like the text formats. Read with RapidJSON's SAX reader and sorted by scrape time through an
// ObservationSorter, so memory stays flat whatever the size of the body. Errors name the file, line, byte offset and
// the JSON path of the field.
Status parsePromQueryJson(QIODevice& in, const QString& fileName, const MappingSet& mappings, UsageSink& sink,
    const PromQueryJsonOptions& options = {}, MetricsImportSummary* summary = nullptr);

} // namespace capaudit
