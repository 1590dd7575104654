// SPDX-License-Identifier: GPL-3.0-or-later
// Memory of importing Prometheus history (issue 14): the same number of samples as one scrape, as scrapes one after
// another, and as `promtool tsdb dump` prints history (each series with all its timestamps, families grouped). Each
// case runs in its own process, so its peak RSS (VmHWM) is its own; the input file is written before the peak is reset.
// Usage: bench_metricsdump [samples=1000000] [timestamps=1000]
//        bench_metricsdump SAMPLES TIMESTAMPS single|scrapes|dump FILE   (one case; used by the first form)
#include "benchutil.h"
#include "ingest/metricmapping.h"
#include "ingest/metricstext.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace capaudit;
using namespace capaudit::bench;

namespace {

constexpr qint64 kStart = 1767225600; // 2026-01-01T00:00:00Z

class CountingSink final : public UsageSink {
public:
    Status addSample(const UsageSample&) override
    {
        ++count;
        return {};
    }
    qint64 count = 0;
};

// Series I: a kube-state-metrics request (gauge) on even I, a node_exporter CPU counter on odd I.
QByteArray seriesText(qint64 i)
{
    const QByteArray node = "node-" + QByteArray::number(i % 64);
    if (i % 2 == 0)
        return "{__name__=\"kube_pod_container_resource_requests\", container=\"app\", namespace=\"ns-"
            + QByteArray::number(i % 16) + "\", node=\"" + node + "\", pod=\"pod-" + QByteArray::number(i)
            + "\", resource=\"cpu\", unit=\"core\"}";
    return "{__name__=\"node_cpu_seconds_total\", cpu=\"" + QByteArray::number(i) + "\", instance=\"" + node
        + "\", mode=\"user\"}";
}

double value(qint64 i, qint64 t)
{
    return i % 2 == 0 ? 0.25 : 1000.0 + 0.5 * double(t) * double(i % 7 + 1);
}

void writeInput(const QString& path, qint64 samples, qint64 timestamps, const QByteArray& mode)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    const qint64 times = mode == "single" ? 1 : timestamps;
    const qint64 series = samples / times;
    QByteArray buf;
    auto line = [&](qint64 i, qint64 t) {
        buf += seriesText(i) + ' ' + QByteArray::number(value(i, t), 'g', 10) + ' '
            + QByteArray::number((kStart + 60 * t) * 1000) + '\n';
        if (buf.size() > (1 << 20)) {
            f.write(buf);
            buf.clear();
        }
    };
    if (mode == "dump") {
        for (qint64 i = 0; i < series; ++i)
            for (qint64 t = 0; t < times; ++t)
                line(i, t);
    } else {
        for (qint64 t = 0; t < times; ++t)
            for (qint64 i = 0; i < series; ++i)
                line(i, t);
    }
    f.write(buf);
}

int runCase(qint64 samples, qint64 timestamps, const QByteArray& mode, const QString& path)
{
    writeInput(path, samples, timestamps, mode);
    MappingSet mappings = *MappingSet::builtinProfile(QStringLiteral("kube-state-metrics"));
    mappings.append(*MappingSet::builtinProfile(QStringLiteral("node-exporter")));
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return 1;
    resetPeakRss();
    const qint64 before = procStatusKb("VmHWM");
    QElapsedTimer timer;
    timer.start();
    const double cpu0 = cpuSeconds();
    CountingSink sink;
    MetricsImportSummary summary;
    const Status s =
        parseMetricsText(in, path, mappings, sink, MetricsTextOptions(MetricsDialect::Prometheus), &summary);
    if (!s.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().toString()));
        return 1;
    }
    std::printf("%s\t%lld\t%.2f\t%.2f\t%lld\t%lld\t%lld\n", mode.constData(), static_cast<long long>(summary.samples),
        double(timer.elapsed()) / 1000.0, cpuSeconds() - cpu0, static_cast<long long>(procStatusKb("VmHWM")),
        static_cast<long long>(before), static_cast<long long>(sink.count));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 samples = args.value(1, QStringLiteral("1000000")).toLongLong();
    const qint64 timestamps = args.value(2, QStringLiteral("1000")).toLongLong();
    if (args.size() > 4)
        return runCase(samples, timestamps, args[3].toLatin1(), args[4]);

    QTemporaryDir dir;
    std::printf("case\tsamples\twall s\tcpu s\tpeak RSS KiB\tRSS before KiB\tusage samples\n");
    for (const char* mode : { "single", "scrapes", "dump" }) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(app.applicationFilePath(),
            { QString::number(samples), QString::number(timestamps), QLatin1String(mode),
                dir.filePath(QLatin1String(mode) + QStringLiteral(".prom")) });
        child.waitForFinished(-1);
        if (child.exitCode() != 0)
            return 1;
        QFile::remove(dir.filePath(QLatin1String(mode) + QStringLiteral(".prom")));
    }
    return 0;
}
