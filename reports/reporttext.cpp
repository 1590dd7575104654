// SPDX-License-Identifier: GPL-3.0-or-later
#include "reporttext.h"

#include "util/translation.h"

namespace capaudit::reports {

bool loadReportTranslation(const QString& language, QString* error)
{
    // The GUI and the report share one loader, so English gets its plural forms here too.
    if (installTranslation(language.isEmpty() ? QStringLiteral("en") : language))
        return true;
    if (error)
        *error = QStringLiteral("no translation for language '%1' (CapAudit has: en, zh_CN)").arg(language);
    return false;
}

} // namespace capaudit::reports
