// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/payloadimport.h"

#include "ingest/focuscsv.h"
#include "ingest/otlpjson.h"
#include "ingest/usagecsv.h"

namespace capaudit {

Status importTelemetryPayload(const TelemetryPayload& payload, QIODevice& data, const QByteArray& mappingBytes,
    UsageSink& sink, MetricsImportSummary* summary)
{
    if (payload.format == QLatin1String(kUsageCsvFormat))
        return parseUsageCsv(data, payload.path, sink);
    if (!payload.mapping.isEmpty() && mappingBytes.isEmpty())
        return Error(payload.mapping, QStringLiteral("mapping file is empty or was not supplied"));
    auto mappings = MappingSet::forPayload(payload.profile, mappingBytes, payload.mapping);
    if (!mappings)
        return mappings.error();
    if (payload.format == QLatin1String("openmetrics-text"))
        return parseMetricsText(data, payload.path, *mappings, sink, MetricsDialect::OpenMetrics, summary);
    if (payload.format == QLatin1String("prometheus-text"))
        return parseMetricsText(data, payload.path, *mappings, sink, MetricsDialect::Prometheus, summary);
    if (payload.format == QLatin1String("otlp-json"))
        return parseOtlpJson(data, payload.path, *mappings, sink, {}, summary);
    return Error(
        payload.path, 0, QStringLiteral("format"), QStringLiteral("unknown telemetry format '%1'").arg(payload.format));
}

Status importBillingPayload(const BillingPayload& payload, QIODevice& data, BillingSink& sink, DataQualityLog* quality)
{
    if (payload.format != QLatin1String("focus-csv"))
        return Error(payload.path, 0, QStringLiteral("format"),
            QStringLiteral("unknown billing format '%1'").arg(payload.format));
    return parseFocusCsv(data, payload.path, sink, FocusOptions { payload.focusVersion, quality });
}

} // namespace capaudit
