// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a case file image: CaseStore::open (schema check before any query) and then verify-case.
// Property: a case CapAudit refuses to open is left byte for byte as it was (refusal happens before anything runs
// or is written), and verify-case on an opened case finishes with a result (intact or a list of problems).
#include "fuzzsupport.h"
#include "store/casestore.h"
#include "store/caseverifier.h"

#include <QFile>

using namespace capaudit;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::ensureApplication();
    const QByteArray image = fuzz::bytes(data, size);
    for (const char* suffix : { "-wal", "-shm", "-journal" })
        QFile::remove(fuzz::scratchDir() + QStringLiteral("/input.capcase") + QLatin1String(suffix));
    const QString path = fuzz::writeScratch(QStringLiteral("input.capcase"), image);
    QList<SchemaProblem> refused;
    auto store = CaseStore::open(path, &refused);
    if (!store.ok()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || file.readAll() != image)
            fuzz::fail("a refused case file was modified", store.error().toString());
        return 0;
    }
    const CaseVerification verification = verifyCase(**store);
    if (verification.cancelled)
        fuzz::fail("verify-case stopped without a cancel request");
    return 0;
}
