// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace capaudit {

// The language to use when the user asked for none: the system locale's name ("zh_CN", "de_DE", "C").
QString systemLanguage();

// Installs CapAudit's translation for `lang` ("zh_CN", "zh", "en"; empty: systemLanguage()) on the running
// QCoreApplication, replacing any installed earlier, together with Qt's own strings (qtbase_*.qm from Qt's
// translations directory, when the qt6-translations-l10n package is there). The .qm files are compiled into the
// binaries (":/i18n/capaudit_<lang>.qm"), so this works the same from the build tree and when installed.
// Returns false when CapAudit has no translation for `lang`; the strings then stay English. English ("en", "C",
// "POSIX") installs only the English plural forms (capaudit_en.qm: "%n finding(s)" as "1 finding", "2 findings") and
// returns true. Call from the GUI thread before creating widgets or
// composing a report; QObject::tr() and QCoreApplication::translate() pick it up from then on.
bool installTranslation(const QString& lang);

// The language of the translation installed last ("en" when none).
QString installedLanguage();

} // namespace capaudit
