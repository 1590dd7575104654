// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/sinks.h"

#include <QStringList>

class QIODevice;

namespace capaudit {

// FinOps FOCUS 1.0–1.2 cost-and-usage CSV (docs/formats.md, "FOCUS CSV"). The header must hold the 21 mandatory
// columns; other columns must be FOCUS 1.0–1.2 columns or custom x_ columns. RFC 4180 quoting; empty and the literal
// NULL are null. The first bad row stops parsing with an Error naming file, line and column.
Status parseFocusCsv(QIODevice& in, const QString& fileName, BillingSink& sink);

QStringList focusMandatoryColumns();
QStringList focusKnownColumns(); // mandatory, conditional and recommended columns of FOCUS 1.0–1.2

} // namespace capaudit
