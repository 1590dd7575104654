// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/payloadimport.h"

#include "ingest/focuscsv.h"
#include "ingest/identifiers.h"
#include "ingest/otlpjson.h"
#include "ingest/promqueryjson.h"
#include "ingest/usagecsv.h"

namespace capaudit {

Status importTelemetryPayload(const TelemetryPayload& payload, QIODevice& data, const QByteArray& mappingBytes,
    UsageSink& target, MetricsImportSummary* summary, RowErrorLog* rowErrors)
{
    // One rule for names and quantities whatever the format (ingest/identifiers.h).
    ingest::CheckedUsageSink sink(target, payload.path);
    if (payload.format == QLatin1String(kUsageCsvFormat))
        return parseUsageCsv(data, payload.path, sink, rowErrors);
    if (!payload.mapping.isEmpty() && mappingBytes.isEmpty())
        return Error(payload.mapping, QStringLiteral("mapping file is empty or was not supplied"));
    auto mappings = MappingSet::forPayload(payload.profile, mappingBytes, payload.mapping);
    if (!mappings)
        return mappings.error();
    const bool openMetrics = payload.format == QLatin1String("openmetrics-text");
    if (openMetrics || payload.format == QLatin1String("prometheus-text")) {
        MetricsTextOptions options(openMetrics ? MetricsDialect::OpenMetrics : MetricsDialect::Prometheus);
        options.defaultTime = payload.scrapeTime; // signed; timestamps in the file win (docs/formats.md)
        options.defaultNode = payload.defaultNode;
        options.rowErrors = rowErrors;
        return parseMetricsText(data, payload.path, *mappings, sink, options, summary);
    }
    if (payload.format == QLatin1String("otlp-json"))
        return parseOtlpJson(data, payload.path, *mappings, sink, OtlpJsonOptions { payload.defaultNode }, summary);
    if (payload.format == QLatin1String(kQueryRangeJsonFormat))
        return parsePromQueryJson(data, payload.path, *mappings, sink,
            PromQueryJsonOptions { payload.defaultNode, payload.stepMillis }, summary);
    return Error(
        payload.path, 0, QStringLiteral("format"), QStringLiteral("unknown telemetry format '%1'").arg(payload.format));
}

Status importBillingPayload(
    const BillingPayload& payload, QIODevice& data, BillingSink& target, DataQualityLog* quality)
{
    ingest::CheckedBillingSink sink(target, payload.path);
    if (payload.format != QLatin1String("focus-csv"))
        return Error(payload.path, 0, QStringLiteral("format"),
            QStringLiteral("unknown billing format '%1'").arg(payload.format));
    return parseFocusCsv(data, payload.path, sink, FocusOptions { payload.focusVersion, quality });
}

} // namespace capaudit
