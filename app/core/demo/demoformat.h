// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace capaudit::demo {

// Fixed-point text with trailing zeros removed ("24", "0.5", "123.457"). Locale-independent, so the same
// numbers always give the same bytes.
QByteArray decimalText(double value, int maxDecimals = 3);

// "2026-09-01T00:05:00Z"
QByteArray rfc3339(qint64 unixSeconds);

// The RFC 3339 text of every step start in [FIRST, END): formatting dates is the slow part of writing rows.
class StepTimes {
public:
    StepTimes(qint64 start, qint64 stepSeconds, qint64 first, qint64 end);
    const QByteArray& text(qint64 step) const
    {
        return m_text[step - m_first];
    }

private:
    qint64 m_first;
    QList<QByteArray> m_text;
};

// A CSV field, quoted only when it must be (RFC 4180).
QByteArray csvField(const QString& value);

} // namespace capaudit::demo
