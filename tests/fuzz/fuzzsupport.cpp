// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzzsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

namespace capaudit::fuzz {

void fail(const char* what, const QString& detail)
{
    std::fprintf(stderr, "\n==CapAudit fuzz finding== %s\n%s\n", what, detail.toLocal8Bit().constData());
    std::fflush(stderr);
    std::abort();
}

QByteArray bytes(const uint8_t* data, size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
}

QString scratchDir()
{
    // Never destroyed before exit; QTemporaryDir removes it then.
    static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/capaudit-fuzz-XXXXXX"));
    if (!dir.isValid())
        fail("cannot create a scratch directory", QDir::tempPath());
    return dir.path();
}

QString writeScratch(const QString& name, const QByteArray& bytes)
{
    const QString path = scratchDir() + QLatin1Char('/') + name;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        fail("cannot write a scratch file", path);
    return path;
}

void ensureApplication()
{
    if (QCoreApplication::instance())
        return;
    static int argc = 1;
    static char name[] = "capaudit-fuzz";
    static char* argv[] = { name, nullptr };
    static QCoreApplication app(argc, argv);
}

uint8_t Input::byte()
{
    return m_pos < m_size ? m_data[m_pos++] : 0;
}

quint64 Input::below(quint64 bound)
{
    if (bound == 0)
        return 0;
    quint64 value = 0;
    for (int i = 0; i < 8 && m_pos < m_size; ++i)
        value = (value << 8) | m_data[m_pos++];
    return value % bound;
}

QByteArray Input::take(size_t n)
{
    const size_t count = std::min(n, m_size - m_pos);
    QByteArray out(reinterpret_cast<const char*>(m_data + m_pos), qsizetype(count));
    m_pos += count;
    return out;
}

QByteArray Input::rest()
{
    return take(m_size - m_pos);
}

} // namespace capaudit::fuzz
