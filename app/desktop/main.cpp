// SPDX-License-Identifier: GPL-3.0-or-later
#include "archive/archiveformat.h"
#include "capaudit/version.h"
#include "jobs/analysiscontroller.h"
#include "jobs/casesession.h"
#include "mainwindow.h"
#include "models/iconprovider.h"
#include "pages/evidencepage.h"
#include "pages/findingspage.h"
#include "util/translation.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace {

// --lang has to be known before the parser is built, so that --help is already translated.
QString requestedLanguage(const QStringList& arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& a = arguments.at(i);
        if (a == QLatin1String("--lang") && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (a.startsWith(QLatin1String("--lang=")))
            return a.mid(7);
    }
    return {};
}

// A file manager hands us a .capbundle (or another bundle archive) as well as a .capcase: bundles go into a case.
bool isBundleArgument(const QString& path)
{
    return !path.endsWith(QLatin1String(".capcase"), Qt::CaseInsensitive)
        && (capaudit::isArchivePath(path) || QFileInfo(path).isDir());
}

// Where bundles opened without a case go: the case used last, if it still exists.
QString mostRecentCase()
{
    const QStringList recent = QSettings().value(QStringLiteral("recentCases")).toStringList();
    for (const QString& path : recent) {
        if (QFileInfo(path).isFile())
            return path;
    }
    return {};
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("capaudit"));
    QApplication::setApplicationDisplayName(QStringLiteral("CapAudit"));
    QApplication::setOrganizationName(QStringLiteral("CapAudit"));
    QApplication::setApplicationVersion(QString::fromLatin1(capaudit::kVersion));
    // Matches the installed .desktop file: Wayland compositors use it to find the window's icon and name.
    QGuiApplication::setDesktopFileName(QStringLiteral("dev.capaudit.CapAudit"));
    capaudit::IconProvider::initResources();
    QApplication::setWindowIcon(capaudit::IconProvider::icon(QStringLiteral("capaudit")));

    const QString lang = requestedLanguage(QApplication::arguments());
    if (!capaudit::installTranslation(lang) && !lang.isEmpty())
        std::fprintf(stderr, "capaudit: no translation for '%s'; using English\n", qPrintable(lang));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Audit workstation for metered compute."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("case"),
        QApplication::translate("main",
            "Case file (*.capcase) to open, and/or bundles (*.capbundle, archives, folders) to import into it "
            "(without a case file: into the case opened last)."),
        QStringLiteral("[CASE] [BUNDLE...]"));
    // Start-up state for scripted screenshots and demos.
    const QCommandLineOption pageOption(QStringLiteral("page"),
        QApplication::translate(
            "main", "Page shown at start: overview, evidence, timeline, findings, capacity, comparison or trail."),
        QStringLiteral("page"), QStringLiteral("overview"));
    const QCommandLineOption bundleOption(QStringLiteral("bundle"),
        QApplication::translate("main",
            "Select the bundle whose digest starts with DIGEST on the Evidence page (\"first\": the first row)."),
        QStringLiteral("digest"));
    const QCommandLineOption findingOption(QStringLiteral("finding"),
        QApplication::translate("main",
            "Select the finding whose id starts with ID on the Findings page once the checks ran (\"first\": the first "
            "row)."),
        QStringLiteral("id"));
    const QCommandLineOption langOption(QStringLiteral("lang"),
        QApplication::translate("main", "User-interface language, e.g. zh_CN or en (default: the system locale)."),
        QStringLiteral("lang"));
    const QCommandLineOption smokeOption(QStringLiteral("smoke-test"),
        QApplication::translate(
            "main", "Open CASE, show the window for about a second and exit: 0 when the case opened, 1 when not."));
    parser.addOption(pageOption);
    parser.addOption(bundleOption);
    parser.addOption(findingOption);
    parser.addOption(langOption);
    parser.addOption(smokeOption);
    parser.process(app);

    // In MainWindow::Page order.
    const QStringList pages { QStringLiteral("overview"), QStringLiteral("evidence"), QStringLiteral("timeline"),
        QStringLiteral("findings"), QStringLiteral("capacity"), QStringLiteral("comparison"), QStringLiteral("trail") };
    const qsizetype page = pages.indexOf(parser.value(pageOption).toLower());
    if (page < 0) {
        std::fprintf(stderr, "%s\n",
            qPrintable(QApplication::translate("main",
                "Unknown page '%1' (use overview, evidence, timeline, findings, capacity, comparison or trail).")
                           .arg(parser.value(pageOption))));
        return 2;
    }

    QString casePath;
    QStringList bundles;
    for (const QString& arg : parser.positionalArguments()) {
        if (isBundleArgument(arg))
            bundles.append(QFileInfo(arg).absoluteFilePath());
        else if (casePath.isEmpty())
            casePath = arg;
    }
    if (casePath.isEmpty() && !bundles.isEmpty())
        casePath = mostRecentCase();

    capaudit::MainWindow window;
    window.showPage(capaudit::MainWindow::Page(page));
    window.show();

    if (parser.isSet(smokeOption)) {
        // Used by scripts/package-smoke.sh on the installed package: no dialogs, a result the script can test.
        int result = 0;
        if (!casePath.isEmpty()) {
            if (capaudit::Status s = window.openCaseFile(casePath); !s) {
                std::fprintf(stderr, "capaudit: %s\n", qPrintable(s.error().reason));
                result = 1;
            }
        }
        QTimer::singleShot(1000, &app, [result] { QApplication::exit(result); });
        return QApplication::exec();
    }

    if (parser.isSet(findingOption)) {
        const QString finding = parser.value(findingOption);
        QObject::connect(window.analysis(), &capaudit::AnalysisController::reportChanged, &window,
            [&window, finding](const capaudit::analytics::CheckReport& report) {
                for (const capaudit::analytics::Finding& f : report.findings) {
                    if (finding == QLatin1String("first") || f.id.startsWith(finding)) {
                        window.findingsPage()->selectFinding(f.id);
                        return;
                    }
                }
            });
    }

    if (!casePath.isEmpty() || !bundles.isEmpty()) {
        const QString bundle = parser.value(bundleOption);
        // After the event loop starts, so a failure message appears over the shown window.
        QTimer::singleShot(0, &window, [&window, casePath, bundles, bundle] {
            if (!casePath.isEmpty())
                window.openCase(casePath);
            if (!bundles.isEmpty()) {
                window.importBundles(bundles); // says in the status bar when no case is open
                return;
            }
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
