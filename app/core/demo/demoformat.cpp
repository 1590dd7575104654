// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demoformat.h"

#include "util/timeutil.h"

#include <cmath>

namespace capaudit::demo {

QByteArray decimalText(double value, int maxDecimals)
{
    QByteArray text = QByteArray::number(value, 'f', maxDecimals);
    if (text.contains('.')) {
        while (text.endsWith('0'))
            text.chop(1);
        if (text.endsWith('.'))
            text.chop(1);
    }
    if (text == "-0")
        text = "0";
    return text;
}

QByteArray rfc3339(qint64 unixSeconds)
{
    return formatUnixSeconds(unixSeconds).toLatin1();
}

StepTimes::StepTimes(qint64 start, qint64 stepSeconds, qint64 first, qint64 end)
    : m_first(first)
{
    m_text.reserve(end - first);
    for (qint64 s = first; s < end; ++s)
        m_text.append(rfc3339(start + s * stepSeconds));
}

QByteArray csvField(const QString& value)
{
    QByteArray bytes = value.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n') && !bytes.contains('\r'))
        return bytes;
    bytes.replace("\"", "\"\"");
    return '"' + bytes + '"';
}

} // namespace capaudit::demo
