// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

namespace capaudit::reports {

// Every string the report prints goes through ReportText::tr(), translation context "Report", so one .ts file
// (capaudit_<lang>.ts) translates the whole report; lupdate finds the calls.
class ReportText {
    Q_DECLARE_TR_FUNCTIONS(Report)
};

// Installs the report's LANGUAGE (capaudit::installTranslation; empty: English with its plural forms) on the
// application. Returns false, with the reason in ERROR, when no translation exists.
bool loadReportTranslation(const QString& language, QString* error);

} // namespace capaudit::reports
