// SPDX-License-Identifier: GPL-3.0-or-later
#include "reporttext.h"

#include <QDir>
#include <QFileInfo>
#include <QTranslator>

namespace capaudit::reports {

bool loadReportTranslation(const QString& language, QString* error)
{
    if (language.isEmpty() || language == u"en" || language == u"en_US" || language == u"en_GB")
        return true;
    const QString name = QStringLiteral("capaudit_%1.qm").arg(language);
    const QStringList candidates { QStringLiteral(":/i18n/") + name,
        QCoreApplication::applicationDirPath() + QStringLiteral("/i18n/") + name,
        QCoreApplication::applicationDirPath() + QStringLiteral("/../share/capaudit/translations/") + name };
    for (const QString& path : candidates) {
        if (!QFileInfo::exists(path))
            continue;
        // Owned by the application for the rest of the run: translations must outlive every tr() call.
        auto* translator = new QTranslator(QCoreApplication::instance());
        if (translator->load(path)) {
            QCoreApplication::installTranslator(translator);
            return true;
        }
        delete translator;
    }
    if (error)
        *error = QStringLiteral("no translation for language '%1' (looked for %2)")
                     .arg(language, candidates.join(QStringLiteral(", ")));
    return false;
}

} // namespace capaudit::reports
