// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/csvcell.h"

namespace capaudit {

namespace {

bool startsLikeFormula(const QString& value)
{
    if (value.isEmpty())
        return false;
    const QChar first = value.front();
    return first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r';
}

} // namespace

QByteArray csvCell(const QString& value, CsvCell kind)
{
    const bool neutralise = kind == CsvCell::Text && startsLikeFormula(value);
    QByteArray b = (neutralise ? QStringLiteral("'") + value : value).toUtf8();
    if (neutralise || b.contains(',') || b.contains('"') || b.contains('\r') || b.contains('\n'))
        b = '"' + b.replace("\"", "\"\"") + '"';
    return b;
}

} // namespace capaudit
