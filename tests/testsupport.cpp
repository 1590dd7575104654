// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "model/records.h"
#include "util/result.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <algorithm>
#include <cmath>

namespace capaudit::test {

QString sharedDir()
{
    const QByteArray fromEnv = qgetenv("CAPAUDIT_SHARED_DIR");
    return QDir::cleanPath(fromEnv.isEmpty() ? QStringLiteral(CAPAUDIT_SHARED_DIR) : QString::fromLocal8Bit(fromEnv));
}

QString testVector(const QString& relative)
{
    return sharedDir() + QStringLiteral("/testvectors/") + relative;
}

QString testData(const QString& relative)
{
    return QStringLiteral(CAPAUDIT_TEST_DATA_DIR "/") + relative;
}

QString ingestFixture(const QString& name)
{
    return testData(QStringLiteral("ingest/") + name);
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

const UsageSample* findSample(
    const QList<UsageSample>& samples, qint64 time, const QString& node, const QString& rc, const QString& tenant)
{
    for (const UsageSample& s : samples) {
        if (s.time == time && s.node == node && s.resourceClass == rc && s.tenant == tenant)
            return &s;
    }
    return nullptr;
}

void checkError(const Error& error, const QString& file, qint64 line, const QString& field, const QString& reason)
{
    QCOMPARE(error.file, file);
    QCOMPARE(error.line, line);
    QCOMPARE(error.field, field);
    QVERIFY2(error.reason.contains(reason, Qt::CaseInsensitive), qPrintable(error.toString()));
}

bool near(double actual, double expected)
{
    return std::abs(actual - expected) < 1e-9 * std::max(1.0, std::abs(expected));
}

} // namespace capaudit::test
