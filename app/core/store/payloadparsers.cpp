// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/payloadparsers.h"

#include "archive/bundlesource.h"
#include "ingest/usagecsv.h"

namespace capaudit {

Status parseTelemetryPayload(
    const TelemetryPayload& payload, QIODevice& in, const BundleSource& source, UsageSink& sink)
{
    Q_UNUSED(source);
    if (payload.format == QLatin1String(kUsageCsvFormat))
        return parseUsageCsv(in, payload.path, sink);
    return Error(payload.path, 0, QStringLiteral("format"),
        QStringLiteral("telemetry format '%1' is not supported").arg(payload.format));
}

Status parseBillingPayload(const BillingPayload& payload, QIODevice& in, BillingSink& sink)
{
    Q_UNUSED(in);
    Q_UNUSED(sink);
    return Error(payload.path, 0, QStringLiteral("format"),
        QStringLiteral("billing format '%1' is not supported").arg(payload.format));
}

} // namespace capaudit
