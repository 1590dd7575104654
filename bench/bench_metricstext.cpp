// SPDX-License-Identifier: GPL-3.0-or-later
// Metric-text parsing throughput (issue 15: >= 150 MB/s per core on kube-state-metrics / dcgm-exporter text): the demo
// bank's own exporter output for one OpenMetrics provider (kube-state-metrics as OpenMetrics, dcgm-exporter as
// Prometheus text, with their built-in profiles), parsed from memory into a counting sink, so only the parser and the
// profile mapping are timed — no file system, no SQLite.
// Usage: bench_metricstext [STEPS=2000] [ROUNDS=5]
#include "benchutil.h"
#include "demo/democonfig.h"
#include "demo/demomodel.h"
#include "demo/telemetrypayloads.h"
#include "ingest/metricmapping.h"
#include "ingest/metricstext.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace capaudit;
using namespace capaudit::bench;

namespace {

class CountingSink final : public UsageSink {
public:
    Status addSample(const UsageSample&) override
    {
        ++count;
        return {};
    }
    qint64 count = 0;
};

struct Payload {
    const char* name;
    const char* profile;
    MetricsDialect dialect;
    QByteArray text;
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const qint64 steps = app.arguments().value(1, QStringLiteral("2000")).toLongLong();
    const int rounds = app.arguments().value(2, QStringLiteral("5")).toInt();

    demo::DemoConfig config;
    config.seed = 7;
    config.providers = 2; // provider 1 reports in OpenMetrics (demomodel.cpp)
    config.nodesPerProvider = 16;
    config.stepSeconds = 300;
    config.days = int((steps * config.stepSeconds + 86399) / 86400);
    const demo::DemoModel model = demo::buildModel(config);
    const demo::TelemetryPayloadSet set = demo::providerTelemetry(model, 1, 0, steps);
    QList<Payload> payloads { { "kube-state-metrics.om", "kube-state-metrics", MetricsDialect::OpenMetrics, {} },
        { "dcgm-exporter.prom", "dcgm-exporter", MetricsDialect::Prometheus, {} } };
    for (Payload& p : payloads)
        for (const BundleFile& f : set.files)
            if (f.name == QLatin1String(p.name))
                p.text = f.content;

    std::printf("payload\tMB\tsamples\tmedian wall s\tmedian CPU s\tMB/s per core (CPU)\n");
    double totalBytes = 0, totalCpu = 0;
    for (const Payload& p : payloads) {
        if (p.text.isEmpty()) {
            std::fprintf(stderr, "the demo wrote no %s\n", p.name);
            return 1;
        }
        const MappingSet mappings = *MappingSet::builtinProfile(QLatin1String(p.profile));
        QList<double> walls, cpus;
        qint64 samples = 0;
        for (int r = 0; r < rounds; ++r) {
            QBuffer in;
            in.setData(p.text);
            in.open(QIODevice::ReadOnly);
            CountingSink sink;
            MetricsImportSummary summary;
            QElapsedTimer timer;
            timer.start();
            const double cpu0 = cpuSeconds();
            const Status s = parseMetricsText(in, QLatin1String(p.name), mappings, sink, p.dialect, &summary);
            cpus.append(cpuSeconds() - cpu0);
            walls.append(double(timer.nsecsElapsed()) / 1e9);
            if (!s.ok()) {
                std::fprintf(stderr, "%s\n", qPrintable(s.error().toString()));
                return 1;
            }
            samples = sink.count;
        }
        const double mb = double(p.text.size()) / 1e6;
        std::printf("%s\t%.1f\t%lld\t%.3f\t%.3f\t%.0f\n", p.name, mb, static_cast<long long>(samples), median(walls),
            median(cpus), mb / median(cpus));
        totalBytes += mb;
        totalCpu += median(cpus);
    }
    std::printf("both\t%.1f\t\t\t%.3f\t%.0f (goal >= 150)\n", totalBytes, totalCpu, totalBytes / totalCpu);
    return 0;
}
