// SPDX-License-Identifier: GPL-3.0-or-later
#include "capaudit/version.h"
#include "casesession.h"
#include "evidencepage.h"
#include "iconprovider.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

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
    // Start-up state for scripted screenshots and demos.
    const QCommandLineOption pageOption(QStringLiteral("page"),
        QApplication::translate("main", "Page shown at start: overview, evidence, timeline or trail."),
        QStringLiteral("page"), QStringLiteral("overview"));
    const QCommandLineOption bundleOption(QStringLiteral("bundle"),
        QApplication::translate("main",
            "Select the bundle whose digest starts with DIGEST on the Evidence page (\"first\": the first row)."),
        QStringLiteral("digest"));
    parser.addOption(pageOption);
    parser.addOption(bundleOption);
    parser.process(app);

    const QStringList pages { QStringLiteral("overview"), QStringLiteral("evidence"), QStringLiteral("timeline"),
        QStringLiteral("trail") };
    const qsizetype page = pages.indexOf(parser.value(pageOption).toLower());
    if (page < 0) {
        std::fprintf(stderr, "%s\n",
            qPrintable(QApplication::translate("main", "Unknown page '%1' (use overview, evidence, timeline or trail).")
                           .arg(parser.value(pageOption))));
        return 2;
    }

    capaudit::MainWindow window;
    window.showPage(capaudit::MainWindow::Page(page));
    window.show();
    if (!parser.positionalArguments().isEmpty()) {
        const QString path = parser.positionalArguments().first();
        const QString bundle = parser.value(bundleOption);
        // After the event loop starts, so a failure message appears over the shown window.
        QTimer::singleShot(0, &window, [&window, path, bundle] {
            window.openCase(path);
            if (bundle.isEmpty() || !window.session()->isOpen())
                return;
            capaudit::EvidencePage* evidence = window.evidencePage();
            const bool found =
                bundle == QLatin1String("first") ? evidence->selectBundle(QString()) : evidence->selectBundle(bundle);
            if (!found)
                std::fprintf(stderr, "%s\n",
                    qPrintable(QApplication::translate("main", "No bundle with digest %1 in the case.").arg(bundle)));
        });
    }
    return QApplication::exec();
}
