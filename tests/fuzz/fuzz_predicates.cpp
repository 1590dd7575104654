// SPDX-License-Identifier: GPL-3.0-or-later
// The in-toto predicate parsers: telemetry, billing and attestation (the same object goes to all three, as an
// attacker may label any predicate with any type). Property: no crash, no sanitizer report, no hang.
#include "fuzzsupport.h"
#include "ingest/predicates.h"
#include "util/jsonutil.h"

using namespace capaudit;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString name = QStringLiteral("statement.json#/predicate");
    const Result<QJsonObject> object = parseJsonObject(fuzz::bytes(data, size), name);
    if (!object.ok())
        return 0;
    (void)parseTelemetryPredicate(*object, name);
    (void)parseBillingPredicate(*object, name);
    (void)parseAttestationPredicate(*object, name);
    return 0;
}
