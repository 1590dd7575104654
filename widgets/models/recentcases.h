// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/checkrunner.h"

#include <QStringList>

namespace capaudit {

// A case in File > Recent cases, with what the start page shows of it. The summary is remembered when the checks
// of that case finish, so listing the recent cases never opens a case file.
struct RecentCase {
    QString path;
    QString name; // the file's base name until a check run remembered the case's name
    QString period; // "2026-09-01 – 2026-10-01 (30 days)"
    QStringList providers;
    QString verdict; // "Not compliant: 2 of 3 providers"; empty: never checked
    int assessment = -1; // int(analytics::Assessment) of the worst provider; -1: never checked
    bool exists = true;
};

QList<RecentCase> recentCases(); // most recent first, as in the settings' recentCases list
// Keeps the name, period, providers and verdict of the case at PATH after a check run over its whole period.
void rememberCaseSummary(const QString& path, const QString& name, const analytics::CheckReport& report);
QString verdictSummary(const analytics::CheckReport& report, int* worstAssessment = nullptr);

} // namespace capaudit
