// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartstyle.h"

namespace capaudit::reports {

const QList<QColor>& tenantColors()
{
    static const QList<QColor> colors { QColor(0x9e, 0xc5, 0xe8), QColor(0xf6, 0xc1, 0x8f), QColor(0xa8, 0xd8, 0xa0),
        QColor(0xe8, 0xa5, 0xa5), QColor(0xc9, 0xb4, 0xe0), QColor(0xd9, 0xc2, 0x9e), QColor(0xf0, 0xb8, 0xd8),
        QColor(0xc4, 0xc4, 0xc4), QColor(0xd6, 0xd9, 0x8c), QColor(0x96, 0xd8, 0xd8) };
    return colors;
}

QVector<double> timeKeys(const QList<qint64>& times)
{
    QVector<double> keys;
    keys.reserve(times.size());
    for (qint64 t : times)
        keys.append(double(t));
    return keys;
}

} // namespace capaudit::reports
