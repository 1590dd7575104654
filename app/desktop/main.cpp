// SPDX-License-Identifier: GPL-3.0-or-later
#include "capaudit/version.h"
#include "iconprovider.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("capaudit"));
    QApplication::setApplicationDisplayName(QStringLiteral("CapAudit"));
    QApplication::setOrganizationName(QStringLiteral("CapAudit"));
    QApplication::setApplicationVersion(QString::fromLatin1(capaudit::kVersion));
    capaudit::IconProvider::initResources();
    QApplication::setWindowIcon(capaudit::IconProvider::icon(QStringLiteral("capaudit")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Audit workstation for metered compute."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("case"),
        QApplication::translate("main", "Case file (*.capcase) to open."), QStringLiteral("[CASE]"));
    parser.process(app);

    capaudit::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty()) {
        const QString path = parser.positionalArguments().first();
        // After the event loop starts, so a failure message appears over the shown window.
        QTimer::singleShot(0, &window, [&window, path] { window.openCase(path); });
    }
    return QApplication::exec();
}
