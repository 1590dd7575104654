// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include <QDir>
#include <QFile>

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

QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

} // namespace capaudit::test
