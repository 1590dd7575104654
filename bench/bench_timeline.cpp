// SPDX-License-Identifier: GPL-3.0-or-later
// Timeline responsiveness (issue 4) on the GUI's own code path: CaseSession + TimelinePage (QCustomPlot).
// 1. First timeline: from CaseSession::open (which opens the case and makes the page pick provider and class, ask the
//    store for the period covered, and load the level-of-detail data on its worker pool) until the page reports its
//    data loaded and a forced immediate replot has drawn it.
// 2. A scripted sequence of wheel-like zooms and drag-like pans. Each step changes the visible range and replots the
//    data already loaded (what the user sees at once), then fetches the level of detail for the new range exactly as
//    TimelinePage::requestLoad does (loadTimeline through CaseReader's worker connection, half a view of margin), sets
//    it and replots again.
// Usage: QT_QPA_PLATFORM=offscreen bench_timeline CASE [steps=60] [png-of-first-timeline]
// QCustomPlot's header uses foreach: the macro must be allowed before the first Qt header is read.
#undef QT_NO_FOREACH
#include "benchutil.h"
#include "jobs/casereader.h"
#include "jobs/casesession.h"
#include "pages/timelinepage.h"
#include "timeline/timelineplot.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalBlocker>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <qcustomplot.h>

#include <cmath>
#include <cstdio>

using namespace capaudit;
using namespace capaudit::bench;

namespace {

double ms(const QElapsedTimer& t)
{
    return t.nsecsElapsed() / 1e6;
}

// Immediate replot: QCustomPlot draws every layer into its buffers and repaints the widget synchronously.
double timedReplot(QCustomPlot* plot)
{
    QElapsedTimer t;
    t.start();
    plot->replot(QCustomPlot::rpImmediateRefresh);
    return ms(t);
}

struct Stats {
    QList<double> values;
    void print(const char* name) const
    {
        std::printf("  %-34s median %8.2f ms   worst %8.2f ms   (n=%lld)\n", name, median(values), worst(values),
            static_cast<long long>(values.size()));
    }
};

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_timeline CASE [steps=60] [first.png]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int stepCount = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 60;

    CaseSession session;
    TimelinePage page(&session);
    page.resize(1600, 900); // a maximised window's chart on a 1080p screen
    page.show();
    app.processEvents();

    QEventLoop loop;
    QObject::connect(&page, &TimelinePage::dataLoaded, &loop, &QEventLoop::quit);
    QElapsedTimer total;
    total.start();
    QElapsedTimer phase;
    phase.start();
    if (Status s = session.open(path); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().toString()));
        return 1;
    }
    const double openMs = ms(phase);
    phase.restart();
    if (page.isLoading())
        loop.exec();
    const double loadMs = ms(phase);
    TimelinePlot* plot = page.plot();
    const double firstReplotMs = timedReplot(plot->plot());
    const double firstMs = ms(total);
    const TimelineData& first = plot->data();
    std::printf("case: %s\nshown: provider %s, class %s, %s level, %lld points per line, %lld tenants\n",
        qPrintable(path), qPrintable(page.provider()), qPrintable(page.resourceClass()),
        qPrintable(seriesLevelName(first.series.level)), static_cast<long long>(first.series.times.size()),
        static_cast<long long>(first.series.tenants.size()));
    std::printf("first timeline: %.1f ms = open %.1f ms + load (worker: open, period, series, coverage) %.1f ms + "
                "replot %.1f ms\n",
        firstMs, openMs, loadMs, firstReplotMs);
    if (argc > 3)
        plot->plot()->savePng(QString::fromLocal8Bit(argv[3]));
    if (first.series.times.isEmpty()) {
        std::fprintf(stderr, "nothing drawn\n");
        return 1;
    }

    // The page must not start its own debounced loads while the script drives the plot.
    const QSignalBlocker quiet(plot);
    const auto [extentFrom, extentTo] = plot->visibleRange();
    // Zoom towards a point 61.8 % into the extent, pan a quarter view at a time, zoom back out.
    const double focus = extentFrom + (extentTo - extentFrom) * 0.618;
    Stats viewReplot, fetch, setData, dataReplot;
    QList<QPair<double, QString>> slowest;
    QMap<QString, int> levels, levelCount; // per level: most points per line, steps
    for (int step = 0; step < stepCount; ++step) {
        const int phaseLength = stepCount / 3;
        const auto [from, to] = plot->visibleRange();
        const double span = to - from;
        if (step < phaseLength) {
            // A wheel notch pair under the mouse at FOCUS: the point under the cursor stays put.
            plot->setVisibleRange(focus - (focus - from) * 0.7, focus + (to - focus) * 0.7);
        } else if (step < 2 * phaseLength) {
            const double d = (step / 4 % 2 ? -0.25 : 0.25) * span;
            plot->setVisibleRange(from + d, to + d);
        } else {
            plot->zoomBy(1 / 0.7);
        }
        viewReplot.values << timedReplot(plot->plot());

        // Same request as TimelinePage::requestLoad.
        const auto [vf, vt] = plot->visibleRange();
        const double v = vt - vf;
        TimelineRequest request;
        request.provider = page.provider();
        request.resourceClass = page.resourceClass();
        request.from = qint64(std::floor(vf - v / 2));
        request.to = qint64(std::ceil(vt + v / 2));
        request.maxPoints = std::max(400, plot->width() * 2);
        QElapsedTimer t;
        t.start();
        QFuture<Result<TimelineData>> future =
            QtConcurrent::run(CaseReader::pool(), [path = session.path(), request]() -> Result<TimelineData> {
                Result<CaseStore*> store = CaseReader::storeFor(path);
                if (!store)
                    return store.error();
                return loadTimeline(**store, request);
            });
        future.waitForFinished();
        fetch.values << ms(t);
        const double requestDays = double(request.to - request.from) / 86400;
        const Result<TimelineData> data = future.result();
        if (!data) {
            std::fprintf(stderr, "%s\n", qPrintable(data.error().toString()));
            return 1;
        }
        t.restart();
        plot->setData(*data);
        setData.values << ms(t);
        dataReplot.values << timedReplot(plot->plot());
        slowest.append({ fetch.values.constLast(),
            QStringLiteral("%1 ms: %2 level, %3 points, request span %4 days")
                .arg(fetch.values.constLast(), 0, 'f', 1)
                .arg(seriesLevelName(data->series.level))
                .arg(data->series.times.size())
                .arg(requestDays, 0, 'f', 2) });
        int& most = levels[seriesLevelName(data->series.level)];
        most = std::max(most, int(data->series.times.size()));
        ++levelCount[seriesLevelName(data->series.level)];
        app.processEvents(); // the queued replots setVisibleRange/setData asked for, outside the timed sections
    }
    std::printf("%d scripted steps (%d zoom in x0.7, %d pans of 1/4 view, %d zoom out x1/0.7):\n", stepCount,
        stepCount / 3, stepCount / 3, stepCount - 2 * (stepCount / 3));
    viewReplot.print("replot after the view change");
    fetch.print("level-of-detail fetch (worker)");
    setData.print("setData (rebuild graphs)");
    dataReplot.print("replot with the new data");
    QStringList levelText;
    for (auto it = levels.cbegin(); it != levels.cend(); ++it)
        levelText << QStringLiteral("%1 %2 times (up to %3 points per line)")
                         .arg(it.key())
                         .arg(levelCount.value(it.key()))
                         .arg(it.value());
    std::printf("  levels fetched: %s\n", qPrintable(levelText.join(QStringLiteral(", "))));
    std::sort(slowest.begin(), slowest.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (qsizetype i = 0; i < std::min<qsizetype>(3, slowest.size()); ++i)
        std::printf("  slow fetch: %s\n", qPrintable(slowest[i].second));
    Stats all;
    all.values = viewReplot.values + dataReplot.values;
    all.print("all replots");
    std::printf("goals: first timeline < 1000 ms: %s (%.0f ms); replot median < 16 ms: %s (%.2f ms)\n",
        firstMs < 1000 ? "met" : "NOT met", firstMs, median(all.values) < 16 ? "met" : "NOT met", median(all.values));
    return 0;
}
