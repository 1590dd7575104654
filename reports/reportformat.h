// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/finding.h"
#include "model/records.h"

#include <QString>

namespace capaudit::reports {

// Number and date formatting shared by the report sections and the exports: fixed C-locale digits so a report reads
// the same in every language, with thousands grouped for people.
QString formatNumber(double value, int decimals = 2); // "—" for NaN
QString formatMoney(double value, const QString& currency); // "1,234.50 EUR"
QString formatPercent(double fraction, int decimals = 2); // 0.995 -> "99.50 %"
QString formatDate(qint64 unixSeconds); // "2026-09-01" at midnight UTC, else "2026-09-01 13:05 UTC"
QString formatPeriodText(const Period& period); // "2026-09-01 – 2026-09-15"; "whole case" for {0,0}
QString severityLabel(analytics::Severity severity); // translated "Critical", "High", …
QString shortDigest(const QString& hex, int chars = 12); // "1a2b3c4d5e6f…"

} // namespace capaudit::reports
