// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The property every telemetry importer target checks: strict and lint mode agree (a payload strict mode imports
// has no row lint would report, and both emit the same samples), and no sample carries an infinite value.
#include "fuzzsupport.h"
#include "ingest/payloadimport.h"
#include "ingest/rowerrorlog.h"

#include <QBuffer>

#include <cmath>

namespace capaudit::fuzz {

inline void checkTelemetryImport(
    const TelemetryPayload& payload, const QByteArray& bytes, const QByteArray& mapping = {})
{
    QBuffer strictData;
    strictData.setData(bytes);
    strictData.open(QIODevice::ReadOnly);
    UsageCollector strict;
    const Status strictStatus = importTelemetryPayload(payload, strictData, mapping, strict);
    for (const UsageSample& s : strict.samples)
        if (std::isinf(s.allocated) || std::isinf(s.used) || std::isinf(s.capacity))
            fail("an imported sample carries an infinite value", QStringLiteral("line %1").arg(s.line));
    QBuffer lintData;
    lintData.setData(bytes);
    lintData.open(QIODevice::ReadOnly);
    UsageCollector lint;
    RowErrorLog rowErrors;
    const Status lintStatus = importTelemetryPayload(payload, lintData, mapping, lint, nullptr, &rowErrors);
    if (strictStatus.ok() && (!lintStatus.ok() || rowErrors.total() != 0))
        fail("strict import accepts a payload lint finds fault with",
            lintStatus.ok() ? QStringLiteral("%1 row errors").arg(rowErrors.total()) : lintStatus.error().toString());
    if (strictStatus.ok() && lint.samples.size() != strict.samples.size())
        fail("strict and lint import emit different samples",
            QStringLiteral("%1 vs %2").arg(strict.samples.size()).arg(lint.samples.size()));
}

} // namespace capaudit::fuzz
