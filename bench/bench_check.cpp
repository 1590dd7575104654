// SPDX-License-Identifier: GPL-3.0-or-later
// Compliance checks on a large case (issue 5): analytics::runChecks with the case's policy (as `capaudit-cli check`
// selects it), with 1 and with 2 raw-row scanning threads, ROUNDS rounds each, after one warm-up run that brings the
// case into the page cache. Prints wall and CPU time, samples and billing rows scanned, and findings.
// Usage: bench_check CASE [rounds=3] [threads=1,2]
#include "analytics/checkrunner.h"
#include "analytics/policyselection.h"
#include "benchutil.h"
#include "store/casestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace capaudit;
using namespace capaudit::bench;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_check CASE [rounds=3] [threads=1,2]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int rounds = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 3;
    QList<int> threadCounts;
    for (const QString& t : QString::fromLocal8Bit(argc > 3 ? argv[3] : "1,2").split(QLatin1Char(',')))
        threadCounts << t.toInt();

    QElapsedTimer t;
    t.start();
    auto store = CaseStore::open(path);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error().toString()));
        return 1;
    }
    Result<analytics::Policy> policy = analytics::selectPolicy(**store, {});
    if (!policy) {
        std::fprintf(stderr, "%s\n", qPrintable(policy.error().toString()));
        return 1;
    }
    std::printf(
        "case %s opened in %.1f ms; policy %s\n", qPrintable(path), t.nsecsElapsed() / 1e6, qPrintable(policy->name));

    QMap<int, QList<double>> walls, cpus;
    auto run = [&](int threads, bool print) -> bool {
        analytics::CheckOptions options;
        options.policy = *policy;
        options.threads = threads;
        const double cpu0 = cpuSeconds();
        QElapsedTimer timer;
        timer.start();
        Result<analytics::CheckReport> report = analytics::runChecks(**store, options);
        const double wall = timer.nsecsElapsed() / 1e9;
        const double cpu = cpuSeconds() - cpu0;
        if (!report) {
            std::fprintf(stderr, "%s\n", qPrintable(report.error().toString()));
            return false;
        }
        if (print) {
            QStringList bySeverity;
            const QMap<analytics::Severity, int> counts = report->countBySeverity();
            for (auto it = counts.cbegin(); it != counts.cend(); ++it)
                bySeverity << QStringLiteral("%1 %2").arg(analytics::severityName(it.key())).arg(it.value());
            std::printf(
                "threads %d: %6.2f s wall  %6.2f s CPU  %lld samples (%.1f M/s, %lld read raw)  %lld billing rows  "
                "%lld findings (%s)\n",
                threads, wall, cpu, static_cast<long long>(report->samplesScanned),
                double(report->samplesScanned) / wall / 1e6, static_cast<long long>(report->rawSamplesRead),
                static_cast<long long>(report->billingRowsScanned), static_cast<long long>(report->findings.size()),
                qPrintable(bySeverity.join(QStringLiteral(", "))));
            std::fflush(stdout);
        }
        walls[threads] << wall;
        cpus[threads] << cpu;
        return true;
    };
    if (!run(threadCounts.value(0, 1), true)) // warm-up: page cache
        return 1;
    walls.clear();
    cpus.clear();
    for (int round = 0; round < rounds; ++round) {
        for (int threads : threadCounts) {
            if (!run(threads, true))
                return 1;
        }
    }
    for (int threads : threadCounts) {
        // Issue 5 asked for < 10 s on a 100-million-sample case; issue 13's rules must keep it under 2 s.
        const double wall = median(walls[threads]);
        std::printf("median, %d thread(s): %.2f s wall, %.2f s CPU (goal < 2 s: %s)\n", threads, wall,
            median(cpus[threads]), wall < 2 ? "met" : "NOT met");
    }
    return 0;
}
