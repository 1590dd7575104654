// SPDX-License-Identifier: GPL-3.0-or-later
// DSSE envelope + in-toto statement parsing. Property: an envelope that parses re-serialises (toJson) to one that
// parses to the same payloadType, payload and signatures: what CapAudit verifies is what it would write back.
#include "evidence/dsse.h"
#include "evidence/statement.h"
#include "fuzzsupport.h"

using namespace capaudit;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const QString name = QStringLiteral("envelope.dsse.json");
    const Result<DsseEnvelope> envelope = parseDsseEnvelope(input, name);
    if (envelope.ok()) {
        const Result<DsseEnvelope> again = parseDsseEnvelope(envelope->toJson(), name);
        if (!again.ok())
            fuzz::fail("re-serialised envelope does not parse", again.error().toString());
        if (again->payloadType != envelope->payloadType || again->payload != envelope->payload
            || again->signatures.size() != envelope->signatures.size())
            fuzz::fail("re-serialised envelope differs");
        for (qsizetype i = 0; i < again->signatures.size(); ++i)
            if (again->signatures[i].signature != envelope->signatures[i].signature
                || again->signatures[i].keyId != envelope->signatures[i].keyId)
                fuzz::fail("re-serialised signature differs");
        (void)parseStatement(envelope->payload, name);
    }
    // The statement parser also sees raw input, so it is fuzzed without having to get through base64 first.
    (void)parseStatement(input, QStringLiteral("statement.json"));
    return 0;
}
