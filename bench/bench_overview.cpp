// SPDX-License-Identifier: GPL-3.0-or-later
// Overview responsiveness (issue 16) on the GUI's own code path: CaseSession + AnalysisController + OverviewDashboard
// in a shown 1600 x 1000 widget.
// 1. First overview: from CaseSession::open until the dashboard has the coverage strip and the small-multiple series
//    (loadDashboard on CaseReader's worker connection: daily coverage and rollups, never raw samples) and a forced
//    repaint has drawn it. The verdict cards need the check run, which starts at the same moment.
// 2. Verdicts: until the check run (node-hour aggregate path) has finished and the cards are drawn.
// Note: the checks record the default policy in a case that has none (analytics::selectPolicy).
// Usage: QT_QPA_PLATFORM=offscreen bench_overview CASE [png]
#include "jobs/analysiscontroller.h"
#include "jobs/casesession.h"
#include "models/coveragemodel.h"
#include "overview/overviewdashboard.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>

using namespace capaudit;

namespace {

double ms(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// Waits until DONE() holds, processing events; false after TIMEOUTMS.
template <typename Fn> bool waitFor(Fn done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_overview CASE [png]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    CaseSession session;
    AnalysisController analysis(&session);
    OverviewDashboard page(&session, &analysis);
    page.resize(1600, 1000);
    page.show();
    QCoreApplication::processEvents();

    QElapsedTimer total;
    total.start();
    bool stripLoaded = false;
    QObject::connect(&page, &OverviewDashboard::updated, &page, [&] {
        if (page.coverageModel()->rowCount() > 0)
            stripLoaded = true;
    });
    if (Status s = session.open(path); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().toString()));
        return 1;
    }
    const double opened = ms(total);
    if (!waitFor([&] { return stripLoaded; }, 60000)) {
        std::fprintf(stderr, "the coverage strip did not load\n");
        return 1;
    }
    const double loaded = ms(total);
    page.repaint();
    const double first = ms(total);
    if (!waitFor([&] { return analysis.hasReport() && !analysis.isRunning(); }, 600000)) {
        std::fprintf(stderr, "the checks did not finish\n");
        return 1;
    }
    QCoreApplication::processEvents();
    page.repaint();
    const double verdicts = ms(total);
    std::printf("first overview (open %.0f ms + strip and series %.0f ms + paint %.0f ms): %.0f ms\n", opened,
        loaded - opened, first - loaded, first);
    std::printf("verdict cards (check run + paint): %.0f ms, %lld providers, %lld findings\n", verdicts,
        static_cast<long long>(page.cards().size()), static_cast<long long>(analysis.report().findings.size()));
    if (argc > 2)
        page.grab().save(QString::fromLocal8Bit(argv[2]));
    return 0;
}
