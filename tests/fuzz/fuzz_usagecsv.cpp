// SPDX-License-Identifier: GPL-3.0-or-later
// The native usage CSV importer (capaudit-usage-csv/v1). Property: fuzzingest.h (strict/lint agreement, finite).
#include "fuzzingest.h"
#include "ingest/usagecsv.h"

using namespace capaudit;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    TelemetryPayload payload;
    payload.path = QStringLiteral("data/usage.csv");
    payload.format = QString::fromLatin1(kUsageCsvFormat);
    fuzz::checkTelemetryImport(payload, fuzz::bytes(data, size));
    return 0;
}
