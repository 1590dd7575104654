// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace capaudit {

// How one CSV cell is written. Every CSV CapAudit writes for people (exports) goes through csvCell, so no cell can
// become a spreadsheet formula.
enum class CsvCell {
    // Text from evidence or the case (names, titles, ids). A text cell starting with '=', '+', '-', '@', a tab or a
    // carriage return would be evaluated as a formula by Excel or LibreOffice ("CSV injection", OWASP): it is
    // prefixed with a single quote and quoted, so it shows as the text it is. Documented in docs/report.md.
    Text,
    // A number CapAudit formatted itself (QString::number, empty when missing): written as is, so "-3.5" stays a
    // number. Never pass text from evidence as a Number.
    Number,
};

// RFC 4180 cell: quoted when it holds a comma, quote, CR or LF (quotes doubled); text neutralised as above.
QByteArray csvCell(const QString& value, CsvCell kind = CsvCell::Text);

} // namespace capaudit
