// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

namespace capaudit::reports {

// Every string the report prints goes through ReportText::tr(), translation context "Report", so one .ts file
// (capaudit_<lang>.ts) translates the whole report; lupdate finds the calls.
class ReportText {
    Q_DECLARE_TR_FUNCTIONS(Report)
};

// Loads ":/i18n/capaudit_<LANGUAGE>.qm" (or a file of that name beside the executable, under i18n/) into the
// application. "en" needs nothing. Returns false, with the reason in ERROR, when no translation exists.
bool loadReportTranslation(const QString& language, QString* error);

} // namespace capaudit::reports
