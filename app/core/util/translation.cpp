// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/translation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace capaudit {

namespace {

struct Installed {
    QPointer<QTranslator> app;
    QPointer<QTranslator> qt;
    QString language = QStringLiteral("en");
};

Installed& installed()
{
    static Installed state;
    return state;
}

void removeInstalled()
{
    Installed& s = installed();
    for (QPointer<QTranslator>* t : { &s.app, &s.qt }) {
        if (!t->isNull()) {
            QCoreApplication::removeTranslator(t->data());
            delete t->data();
        }
    }
    s.language = QStringLiteral("en");
}

bool isEnglish(const QString& lang)
{
    return lang.isEmpty() || lang == QLatin1String("C") || lang == QLatin1String("POSIX")
        || lang.startsWith(QLatin1String("en"), Qt::CaseInsensitive);
}

// The sources are English, but "%n finding(s)" needs a catalogue to become "1 finding" / "2 findings":
// capaudit_en.qm holds only the plural forms (lupdate -pluralonly, scripts/english-plurals.py).
void installEnglishPlurals()
{
    auto* plurals = new QTranslator(QCoreApplication::instance());
    if (plurals->load(QStringLiteral(":/i18n/capaudit_en.qm"))) {
        QCoreApplication::installTranslator(plurals);
        installed().app = plurals;
    } else {
        delete plurals;
    }
}

} // namespace

QString systemLanguage()
{
    return QLocale::system().name();
}

bool installTranslation(const QString& lang)
{
    const QString wanted = lang.isEmpty() ? systemLanguage() : lang;
    removeInstalled();
    if (isEnglish(wanted)) {
        installEnglishPlurals();
        return true;
    }
    // QLocale("zh") means zh_CN; QTranslator::load(QLocale, ...) also tries the language alone ("zh").
    const QLocale locale(wanted);
    if (locale.language() == QLocale::C) {
        installEnglishPlurals();
        return false;
    }
    auto* app = new QTranslator(QCoreApplication::instance());
    if (!app->load(locale, QStringLiteral("capaudit"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete app;
        installEnglishPlurals();
        return false;
    }
    QCoreApplication::installTranslator(app);
    Installed& s = installed();
    s.app = app;
    s.language = locale.name();
    // Qt's dialogs and context menus; optional, CapAudit's own strings do not depend on it.
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        s.qt = qt;
    } else {
        delete qt;
    }
    return true;
}

QString installedLanguage()
{
    return installed().language;
}

} // namespace capaudit
