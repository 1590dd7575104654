// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/sinks.h"

#include <QStringList>

class QIODevice;

namespace capaudit {

class DataQualityLog;

struct FocusOptions {
    // "1.0", "1.1" or "1.2": the version whose rules apply (sign rules, columns). Empty: 1.2, without the
    // column-version check.
    QString version;
    // Null: strict, the first rule a row or the header breaks stops parsing with an Error. Set: every problem is
    // logged here and parsing goes on; rows that break a rule are passed to the sink flagged
    // (BillingRecord::quarantine / notes). Only a file that cannot be read as FOCUS at all (not CSV, no header,
    // mandatory columns missing, duplicate columns) still fails.
    DataQualityLog* quality = nullptr;
};

// FinOps FOCUS 1.0–1.2 cost-and-usage CSV (docs/formats.md, "FOCUS CSV"). The header must hold the 21 mandatory
// columns; custom columns must start with x_. RFC 4180 quoting; empty and the literal NULL are null.
Status parseFocusCsv(QIODevice& in, const QString& fileName, BillingSink& sink, const FocusOptions& options = {});

QStringList focusMandatoryColumns();
QStringList focusKnownColumns(); // mandatory, conditional and recommended columns of FOCUS 1.0–1.2
QString focusColumnVersion(const QString& column); // the FOCUS version that introduced COLUMN ("1.0".."1.2"), or ""

} // namespace capaudit
