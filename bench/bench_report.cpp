// SPDX-License-Identifier: GPL-3.0-or-later
// Report generation time on the default demo case (30 days, 5-minute steps, 3 providers, every fault), or on an
// existing case. Usage: bench_report [CASE] [rounds=3]. Prints the median of each phase.
#include "demo/demogenerator.h"
#include "reportcomposer.h"
#include "reportrenderer.h"
#include "reportwriter.h"
#include "store/caseimporter.h"
#include "store/casestore.h"

#include <QApplication>
#include <QBuffer>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace capaudit;
using namespace capaudit::reports;

namespace {

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int rounds = args.size() > 2 ? std::max(1, args[2].toInt()) : 3;
    QTemporaryDir dir;
    QString casePath = args.size() > 1 ? args[1] : QString();
    if (casePath.isEmpty()) {
        QElapsedTimer t;
        t.start();
        const demo::DemoConfig config; // the defaults `capaudit-cli demo` uses
        Result<demo::DemoSummary> summary = demo::generateDemo(config, dir.filePath(QStringLiteral("demo")));
        if (!summary) {
            std::fprintf(stderr, "demo: %s\n", qPrintable(summary.error().toString()));
            return 2;
        }
        Result<TrustStore> trust = TrustStore::loadDirectory(dir.filePath(QStringLiteral("demo/trust")));
        casePath = dir.filePath(QStringLiteral("bench.capcase"));
        Result<std::unique_ptr<CaseStore>> created =
            CaseStore::create(casePath, QStringLiteral("Benchmark"), trust->anchors());
        if (!created) {
            std::fprintf(stderr, "case: %s\n", qPrintable(created.error().toString()));
            return 2;
        }
        CaseImporter importer(**created);
        for (const demo::DemoBundle& b : summary->bundles)
            (void)importer.importBundle(dir.filePath(QStringLiteral("demo/") + b.path));
        std::printf("default demo case: %lld usage rows, %d bundles (generated and imported in %.1f s)\n",
            static_cast<long long>(summary->usageRows), int(summary->bundles.size()), t.elapsed() / 1000.0);
    }
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(casePath);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error().toString()));
        return 2;
    }
    QList<double> compose, render, total;
    int pages = 0;
    for (int i = 0; i < rounds; ++i) {
        ReportOptions options;
        options.outputPath = dir.filePath(QStringLiteral("report-%1.pdf").arg(i));
        QElapsedTimer t;
        t.start();
        Result<ReportData> data = composeReport(**store, options);
        if (!data)
            return 2;
        compose.append(t.nsecsElapsed() / 1e9);
        t.restart();
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        Result<int> n = writeReportPdf(*data, options, &buffer);
        if (!n)
            return 2;
        render.append(t.nsecsElapsed() / 1e9);
        t.restart();
        Result<ReportResult> r = writeReport(**store, options); // end to end, as `capaudit-cli report` runs it
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().toString()));
            return 2;
        }
        total.append(t.nsecsElapsed() / 1e9);
        pages = r->pages;
    }
    std::printf("report (%d pages), median of %d rounds: compose %.2f s (checks, series, forecasts, comparison), "
                "render %.2f s, end to end %.2f s\n",
        pages, rounds, median(compose), median(render), median(total));
    return 0;
}
