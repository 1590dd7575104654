// SPDX-License-Identifier: GPL-3.0-or-later
// FOCUS billing CSV (1.0, 1.1, 1.2 or unstated; input byte 0 picks). Properties: strict and quarantine mode agree
// (what strict mode imports, quarantine mode neither quarantines nor drops), and no cost is infinite.
#include "fuzzsupport.h"
#include "ingest/dataquality.h"
#include "ingest/payloadimport.h"

#include <QBuffer>

#include <cmath>

using namespace capaudit;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::Input in(data, size);
    static const char* const versions[] = { "", "1.0", "1.1", "1.2" };
    BillingPayload payload;
    payload.path = QStringLiteral("data/focus.csv");
    payload.format = QStringLiteral("focus-csv");
    payload.focusVersion = QString::fromLatin1(versions[in.byte() & 3]);
    const QByteArray bytes = in.rest();
    QBuffer strictData;
    strictData.setData(bytes);
    strictData.open(QIODevice::ReadOnly);
    BillingCollector strict;
    const Status strictStatus = importBillingPayload(payload, strictData, strict);
    for (const BillingRecord& r : strict.records)
        if (std::isinf(r.billedCost) || std::isinf(r.effectiveCost) || std::isinf(r.listCost)
            || std::isinf(r.contractedCost))
            fuzz::fail("an imported billing row carries an infinite cost", QStringLiteral("line %1").arg(r.line));
    QBuffer lenientData;
    lenientData.setData(bytes);
    lenientData.open(QIODevice::ReadOnly);
    BillingCollector lenient;
    DataQualityLog quality;
    const Status lenientStatus = importBillingPayload(payload, lenientData, lenient, &quality);
    if (!strictStatus.ok())
        return 0;
    if (!lenientStatus.ok())
        fuzz::fail("strict import accepts a payload quarantine mode refuses", lenientStatus.error().toString());
    if (lenient.records.size() != strict.records.size())
        fuzz::fail("strict and quarantine mode import different rows");
    for (const BillingRecord& r : lenient.records)
        if (!r.quarantine.isEmpty())
            fuzz::fail("quarantine mode quarantines a row strict mode accepts",
                QStringLiteral("line %1: %2").arg(r.line).arg(r.quarantine.join(QLatin1Char(','))));
    return 0;
}
