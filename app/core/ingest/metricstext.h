// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/metricmapping.h"
#include "ingest/rowerrorlog.h"
#include "ingest/sinks.h"

#include <optional>

class QIODevice;

namespace capaudit {

// OpenMetrics 1.0 text: timestamps are float SECONDS and the exposition must end with "# EOF".
// Prometheus 0.0.4 text: timestamps are integer MILLISECONDS, no "# EOF", no "# UNIT".
enum class MetricsDialect { Auto, OpenMetrics, Prometheus };
QString metricsDialectName(MetricsDialect dialect); // "auto", "openmetrics-text", "prometheus-text"

struct MetricsTextOptions {
    // Implicit on purpose: parseMetricsText(in, name, mappings, sink, MetricsDialect::Prometheus) reads well.
    MetricsTextOptions(MetricsDialect d = MetricsDialect::Auto)
        : dialect(d)
    {
    }
    // Auto: "# EOF" or "# UNIT" anywhere -> OpenMetrics, else Prometheus. Needs a random-access device (one extra
    // pass over the '#' lines); give the dialect explicitly for a sequential device.
    MetricsDialect dialect;
    // Time (Unix seconds) for samples without a timestamp. Unset: such a sample is an error, because evidence
    // needs to say when it was measured.
    std::optional<qint64> defaultTime;
    // Node for series that carry none of the mapping's node labels (a bare node_exporter scrape).
    QString defaultNode;
    // Lint only: a bad sample or descriptor line is logged here and parsing goes on (import stops at the first).
    RowErrorLog* rowErrors = nullptr;
    // Memory for putting samples in time order before they spill to a temporary database (0: the default); tests
    // set it small to exercise the spill.
    qint64 sortMemoryBudget = 0;
    // Memory for the parsed-series cache before it starts over (0: the default, 64 MiB); tests set it small so that
    // parsing and replay go on correctly across a cache that keeps starting over.
    qint64 seriesCacheBytes = 0;
};

struct MetricsImportSummary {
    MetricsDialect dialect = MetricsDialect::Auto; // text formats: the dialect actually used
    qint64 lines = 0; // text formats
    qint64 samples = 0; // sample lines or OTLP data points
    qint64 unmappedSamples = 0; // samples of metrics no mapping names
    qint64 mappedSamples = 0; // samples that contributed to usage
    qint64 ignoredSamples = 0; // mapped metric, but filtered (resource not tracked, unscheduled pod, no value)
    qint64 counterBaselines = 0; // first scrape of a counter series: no rate yet
    qint64 emittedSamples = 0; // UsageSamples delivered to the sink
};

// Parses an OpenMetrics or Prometheus text exposition and maps it to UsageSamples (docs/formats.md).
// Streams line by line; mapped samples are put in time order by an ObservationSorter (bounded memory), so the file
// may list them in any order: scrape after scrape, or series after series as `promtool tsdb dump` and
// `dump-openmetrics` print history. Samples without a timestamp get options.defaultTime (the payload entry's signed
// scrapeTime) and are refused without one. Samples are then aggregated per scrape (one timestamp, in seconds). The
// first bad line stops parsing with an Error naming file, line and field.
Status parseMetricsText(QIODevice& in, const QString& fileName, const MappingSet& mappings, UsageSink& sink,
    const MetricsTextOptions& options = {}, MetricsImportSummary* summary = nullptr);

} // namespace capaudit
