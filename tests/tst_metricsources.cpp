// SPDX-License-Identifier: GPL-3.0-or-later
// Metric payloads as real tools produce them: a /metrics body stamped by the signed scrapeTime, Prometheus history
// from `promtool tsdb dump` / `dump-openmetrics` in their own order, the query_range JSON body, and the built-in
// profiles against what dcgm-exporter and kube-state-metrics print as deployed (Hostname as a pod name, FB_RESERVED,
// MIG, init containers and sidecars).
#include "ingest/metricmapping.h"
#include "ingest/metricstext.h"
#include "ingest/observationsorter.h"
#include "ingest/payloadimport.h"
#include "ingest/predicates.h"
#include "ingest/promqueryjson.h"
#include "testsupport.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace capaudit;
using test::checkError;
using test::findSample;
using test::near;

namespace {

constexpr qint64 kT0 = test::kIngestStart;

Status importBytes(
    const TelemetryPayload& payload, QByteArray bytes, UsageCollector& sink, MetricsImportSummary* summary = nullptr)
{
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    return importTelemetryPayload(payload, buffer, {}, sink, summary);
}

TelemetryPayload payload(const QString& path, const QString& format, const QString& profile)
{
    TelemetryPayload p;
    p.path = path;
    p.format = format;
    p.profile = profile;
    return p;
}

MappingSet profiles(const QStringList& names)
{
    MappingSet set;
    for (const QString& name : names)
        set.append(*MappingSet::builtinProfile(name));
    return set;
}

Status parseText(QByteArray text, const MappingSet& mappings, UsageCollector& sink, const MetricsTextOptions& options)
{
    QBuffer buffer(&text);
    buffer.open(QIODevice::ReadOnly);
    return parseMetricsText(buffer, QStringLiteral("dump.txt"), mappings, sink, options);
}

bool sameValue(double a, double b)
{
    return isMissing(a) ? isMissing(b) : near(a, b);
}

// Samples equal in order, keys and values.
void compareSamples(const QList<UsageSample>& actual, const QList<UsageSample>& expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const UsageSample &a = actual[i], &e = expected[i];
        QCOMPARE(a.time, e.time);
        QCOMPARE(a.node, e.node);
        QCOMPARE(a.resourceClass, e.resourceClass);
        QCOMPARE(a.tenant, e.tenant);
        QVERIFY(sameValue(a.capacity, e.capacity));
        QVERIFY(sameValue(a.allocated, e.allocated));
        QVERIFY2(sameValue(a.used, e.used), qPrintable(QStringLiteral("%1 vs %2").arg(a.used).arg(e.used)));
    }
}

// Three scrapes of a GPU node as Prometheus stored them: node_exporter (counter and gauges) and dcgm-exporter.
struct Series {
    QList<std::pair<QString, QString>> labels; // including __name__
    QList<double> values; // one per scrape
};

QList<Series> history()
{
    QList<Series> out;
    const QString instance = QStringLiteral("gpu-node-01");
    for (int cpu = 0; cpu < 2; ++cpu) {
        for (const char* mode : { "idle", "system", "user" }) {
            Series s;
            s.labels = { { "__name__", "node_cpu_seconds_total" }, { "cpu", QString::number(cpu) },
                { "instance", instance }, { "job", "node" }, { "mode", QLatin1String(mode) } };
            const double base = 1000.0 * (cpu + 1);
            s.values = { base, base + (mode[0] == 'i' ? 50 : 30), base + (mode[0] == 'i' ? 70 : 75) };
            out.append(s);
        }
    }
    out.append({ { { "__name__", "node_memory_MemTotal_bytes" }, { "instance", instance }, { "job", "node" } },
        { 68719476736.0, 68719476736.0, 68719476736.0 } });
    out.append({ { { "__name__", "node_memory_MemAvailable_bytes" }, { "instance", instance }, { "job", "node" } },
        { 34359738368.0, 3.2e10, 1.6e10 } });
    for (int gpu = 0; gpu < 2; ++gpu) {
        const QString uuid = QStringLiteral("GPU-%1").arg(gpu == 0 ? "f00" : "a00"); // GPU 1 sorts first
        for (const char* metric : { "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE" }) {
            Series s;
            s.labels = { { "__name__", QLatin1String(metric) }, { "gpu", QString::number(gpu) }, { "UUID", uuid },
                { "device", QStringLiteral("nvidia%1").arg(gpu) }, { "modelName", "NVIDIA H100 80GB HBM3" },
                { "Hostname", "dcgm-exporter-q8z2w" }, { "kubernetes_node", instance } };
            const bool util = metric[12] == 'G';
            s.values = util ? QList<double> { 10.0 * (gpu + 1), 55, 100 } : QList<double> { 40000, 40960, 1024 };
            out.append(s);
        }
    }
    return out;
}

QString labelText(const QList<std::pair<QString, QString>>& labels, bool withName, const char* separator)
{
    QStringList parts;
    for (const auto& [k, v] : labels) {
        if (withName || k != QLatin1String("__name__"))
            parts.append(QStringLiteral("%1=\"%2\"").arg(k, v));
    }
    return QLatin1Char('{') + parts.join(QLatin1String(separator)) + QLatin1Char('}');
}

// promtool's order: label sets sorted by name, series compared label by label (labels.Compare).
QList<Series> promtoolOrder(QList<Series> series)
{
    for (Series& s : series)
        std::sort(s.labels.begin(), s.labels.end());
    std::sort(series.begin(), series.end(), [](const Series& a, const Series& b) { return a.labels < b.labels; });
    return series;
}

QString nameOf(const Series& s)
{
    for (const auto& [k, v] : s.labels) {
        if (k == QLatin1String("__name__"))
            return v;
    }
    return {};
}

QByteArray scrapeByScrape(const QList<Series>& series)
{
    QByteArray out = "# TYPE node_cpu_seconds_total counter\n";
    for (int t = 0; t < 3; ++t) {
        for (const Series& s : series)
            out += QStringLiteral("%1%2 %3 %4\n")
                       .arg(nameOf(s), labelText(s.labels, false, ","))
                       .arg(s.values[t], 0, 'g', 17)
                       .arg((kT0 + 60 * t) * 1000)
                       .toUtf8();
    }
    return out;
}

// Go's %g as promtool prints values: shortest digits, E-notation from an exponent of 6 (6.8719476736e+10).
QString goFloat(double v)
{
    if (v != 0 && (std::abs(v) >= 1e6 || std::abs(v) < 1e-4))
        return QString::number(v, 'e', QLocale::FloatingPointShortest);
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

QByteArray promtoolDump(const QList<Series>& series)
{
    QByteArray out;
    for (const Series& s : promtoolOrder(series)) {
        for (int t = 0; t < 3; ++t)
            out += QStringLiteral("%1 %2 %3\n")
                       .arg(labelText(s.labels, true, ", "))
                       .arg(goFloat(s.values[t]))
                       .arg((kT0 + 60 * t) * 1000)
                       .toUtf8();
    }
    return out;
}

QByteArray promtoolDumpOpenMetrics(const QList<Series>& series)
{
    QByteArray out;
    for (const Series& s : promtoolOrder(series)) {
        for (int t = 0; t < 3; ++t)
            out += QStringLiteral("%1%2 %3 %4.000\n")
                       .arg(nameOf(s), labelText(s.labels, false, ","))
                       .arg(goFloat(s.values[t]))
                       .arg(kT0 + 60 * t)
                       .toUtf8();
    }
    return out + "# EOF\n";
}

Status parseQueryJson(QByteArray body, UsageCollector& sink, const PromQueryJsonOptions& options = {},
    MetricsImportSummary* summary = nullptr)
{
    QBuffer buffer(&body);
    buffer.open(QIODevice::ReadOnly);
    return parsePromQueryJson(buffer, QStringLiteral("range.json"),
        profiles({ QStringLiteral("kube-state-metrics"), QStringLiteral("dcgm-exporter") }), sink, options, summary);
}

} // namespace

class TestMetricSources : public QObject {
    Q_OBJECT

private slots:
    // ---- scrapeTime and defaultNode: signed facts of a /metrics body ----
    void scrapeTimeStampsABareScrape()
    {
        const QByteArray body = test::readAll(test::ingestFixture(QStringLiteral("node-exporter-scrape.prom.txt")));
        TelemetryPayload p = payload(
            QStringLiteral("data/worker-12.prom"), QStringLiteral("prometheus-text"), QStringLiteral("node-exporter"));
        UsageCollector refused;
        Status s = importBytes(p, body, refused);
        QVERIFY(!s.ok()); // never stamped with "now"
        checkError(s.error(), QStringLiteral("data/worker-12.prom"), 9, QStringLiteral("node_cpu_seconds_total"),
            QStringLiteral("set scrapeTime"));
        QVERIFY(s.error().reason.contains(QLatin1String("data/worker-12.prom")));

        p.scrapeTime = kT0 + 15;
        UsageCollector noNode;
        s = importBytes(p, body, noNode);
        QVERIFY(!s.ok()); // node_exporter names no host
        QVERIFY(s.error().reason.contains(QLatin1String("no default node")));

        p.defaultNode = QStringLiteral("worker-12");
        UsageCollector sink;
        MetricsImportSummary summary;
        s = importBytes(p, body, sink, &summary);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(summary.counterBaselines, 10); // one scrape: CPU rates need the next one
        QCOMPARE(sink.samples.size(), 1);
        const UsageSample* mem = findSample(sink.samples, kT0 + 15, QStringLiteral("worker-12"), "memory");
        QVERIFY(mem);
        QCOMPARE(mem->capacity, 15.625); // 1.6777216e+10 bytes, E-notation
        QCOMPARE(mem->used, 15.625 - 11.25);
    }

    void timestampsInTheFileWinOverScrapeTime()
    {
        TelemetryPayload p = payload(
            QStringLiteral("data/m.prom"), QStringLiteral("prometheus-text"), QStringLiteral("kube-state-metrics"));
        p.scrapeTime = kT0 + 3600;
        UsageCollector sink;
        const Status s = importBytes(p,
            "kube_node_status_capacity{node=\"n1\",resource=\"cpu\",unit=\"core\"} 8 1767225600000\n"
            "kube_node_status_capacity{node=\"n2\",resource=\"cpu\",unit=\"core\"} 4\n",
            sink);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(findSample(sink.samples, kT0, "n1", "cpu")->capacity, 8.0);
        QCOMPARE(findSample(sink.samples, kT0 + 3600, "n2", "cpu")->capacity, 4.0);
    }

    void predicateCarriesScrapeFacts()
    {
        const auto parse = [](const char* json) {
            return parseTelemetryPredicate(QJsonDocument::fromJson(json).object(), QStringLiteral("statement"));
        };
        auto p =
            parse(R"({"provider": "acme", "period": {"start": "2026-01-01T00:00:00Z", "end": "2026-01-01T01:00:00Z"},
            "payloads": [
              {"path": "data/a.prom", "format": "prometheus-text", "profile": "node-exporter",
               "scrapeTime": "2026-01-01T00:00:15Z", "defaultNode": "worker-12"},
              {"path": "data/b.prom", "format": "prometheus-text", "profile": "node-exporter",
               "scrapeTime": "2026-01-01T00:00:30Z", "defaultNode": "worker-12"},
              {"path": "data/r.json", "format": "prometheus-query-range-json", "profile": "dcgm-exporter",
               "query": "DCGM_FI_DEV_GPU_UTIL", "step": "1m30s"}]})");
        QVERIFY2(p.ok(), qPrintable(p ? QString() : p.error().toString()));
        QCOMPARE(p->payloads.size(), 3);
        QCOMPARE(*p->payloads[0].scrapeTime, kT0 + 15);
        QCOMPARE(*p->payloads[1].scrapeTime, kT0 + 30); // each scrape file its own time
        QCOMPARE(p->payloads[0].defaultNode, QStringLiteral("worker-12"));
        QCOMPARE(p->payloads[2].query, QStringLiteral("DCGM_FI_DEV_GPU_UTIL"));
        QCOMPARE(p->payloads[2].stepMillis, 90000);

        struct Bad {
            const char* entry;
            const char* field;
        };
        const Bad bad[] = {
            { R"({"path": "data/u.csv", "format": "capaudit-usage-csv/v1", "scrapeTime": "2026-01-01T00:00:00Z"})",
                "/payloads/0/scrapeTime" },
            { R"({"path": "data/o.json", "format": "otlp-json", "profile": "node-exporter", "scrapeTime": "2026-01-01T00:00:00Z"})",
                "/payloads/0/scrapeTime" },
            { R"({"path": "data/a.prom", "format": "prometheus-text", "profile": "node-exporter", "scrapeTime": "yesterday"})",
                "/payloads/0/scrapeTime" },
            { R"({"path": "data/r.json", "format": "prometheus-query-range-json", "profile": "dcgm-exporter"})",
                "/payloads/0/query" },
            { R"({"path": "data/r.json", "format": "prometheus-query-range-json", "profile": "dcgm-exporter", "query": "up", "step": "-5s"})",
                "/payloads/0/step" },
            { R"({"path": "data/a.prom", "format": "prometheus-text", "profile": "node-exporter", "query": "up"})",
                "/payloads/0/query" },
        };
        for (const Bad& b : bad) {
            const QByteArray json = QByteArray(R"({"provider": "acme", "period": {"start": "2026-01-01T00:00:00Z",
                "end": "2026-01-01T01:00:00Z"}, "payloads": [)")
                + b.entry + "]}";
            auto r = parse(json.constData());
            QVERIFY2(!r.ok(), b.entry);
            QCOMPARE(r.error().field, QString::fromLatin1(b.field));
        }
    }

    // ---- Prometheus history in any order ----
    void promtoolDumpsImportLikeScrapes()
    {
        const MappingSet mappings = profiles({ QStringLiteral("node-exporter"), QStringLiteral("dcgm-exporter") });
        const QList<Series> series = history();
        UsageCollector reference;
        Status s = parseText(scrapeByScrape(series), mappings, reference, MetricsDialect::Prometheus);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QVERIFY(!reference.samples.isEmpty());
        const UsageSample* cpu = findSample(reference.samples, kT0 + 60, "gpu-node-01", "cpu");
        QVERIFY(cpu && near(cpu->used, 120.0 / 60)); // 2 CPUs x (system + user) x 30 s over 60 s
        const UsageSample* gpu = findSample(reference.samples, kT0 + 120, "gpu-node-01", "gpu");
        QVERIFY(gpu && near(gpu->used, 2.0));

        const QByteArray dump = promtoolDump(series);
        const QByteArray om = promtoolDumpOpenMetrics(series);
        // The dump-openmetrics order interleaves families: the GPU with UUID GPU-a00 comes first with all three
        // of its metrics, then node_cpu..., then GPU-f00.
        QVERIFY(om.indexOf("UUID=\"GPU-a00\"") < om.indexOf("UUID=\"GPU-f00\""));
        QVERIFY(om.indexOf("DCGM_FI_DEV_GPU_UTIL{") < om.lastIndexOf("DCGM_FI_DEV_FB_FREE{"));
        for (const qint64 budget : { qint64(0), qint64(1) }) { // in memory, and spilled to disk at once
            MetricsTextOptions prom(MetricsDialect::Prometheus);
            prom.sortMemoryBudget = budget;
            UsageCollector fromDump;
            s = parseText(dump, mappings, fromDump, prom);
            QVERIFY2(s.ok(), qPrintable(s.error().toString()));
            compareSamples(fromDump.samples, reference.samples);

            MetricsTextOptions open(MetricsDialect::OpenMetrics);
            open.sortMemoryBudget = budget;
            UsageCollector fromOm;
            s = parseText(om, mappings, fromOm, open);
            QVERIFY2(s.ok(), qPrintable(s.error().toString()));
            compareSamples(fromOm.samples, reference.samples);
        }
    }

    void longScrapeHistorySpillsInScrapeOrder()
    {
        // 240 scrapes, each listing the series in another order (as label sets that come and go make an exporter
        // do): beyond the budget they go to the flat file and come back one scrape at a time, sorted; the samples
        // must be the ones the in-memory sort and the database's sort give, in the same order.
        const MappingSet mappings = profiles({ QStringLiteral("node-exporter"), QStringLiteral("dcgm-exporter") });
        const QList<Series> series = history();
        QByteArray text = "# TYPE node_cpu_seconds_total counter\n";
        for (int t = 0; t < 240; ++t) {
            for (qsizetype k = 0; k < series.size(); ++k) {
                const Series& one = series[(k + t) % series.size()];
                const double value = one.values[2] + (nameOf(one).endsWith(QLatin1String("_total")) ? 40.0 * t : 0);
                text += QStringLiteral("%1%2 %3 %4\n")
                            .arg(nameOf(one), labelText(one.labels, false, ","))
                            .arg(value, 0, 'g', 17)
                            .arg((kT0 + 60 * t) * 1000)
                            .toUtf8();
            }
        }
        QList<QList<UsageSample>> results;
        // In memory; the flat file (the series fit half the budget, the observations do not); the database. Each
        // also with a parsed-series cache so small that it starts over every few series, while parsing and during
        // replay (replay finds a series by the sorter's number for it, a table emptied with the cache).
        for (const qint64 cacheBytes : { qint64(0), qint64(700) }) {
            for (const qint64 budget : { qint64(1) << 30, qint64(8192), qint64(1) }) {
                MetricsTextOptions prom(MetricsDialect::Prometheus);
                prom.sortMemoryBudget = budget;
                prom.seriesCacheBytes = cacheBytes;
                UsageCollector sink;
                const Status s = parseText(text, mappings, sink, prom);
                QVERIFY2(s.ok(), qPrintable(s.error().toString()));
                results.append(sink.samples);
            }
        }
        QVERIFY(results[0].size() > 700);
        for (qsizetype i = 1; i < results.size(); ++i)
            compareSamples(results[i], results[0]);
    }

    void dumpErrorsStillNameTheLine()
    {
        const MappingSet mappings = profiles({ QStringLiteral("node-exporter") });
        UsageCollector sink;
        Status s =
            parseText("{instance=\"n1\", job=\"node\"} 1 1767225600000\n", mappings, sink, MetricsDialect::Prometheus);
        QVERIFY(!s.ok());
        checkError(s.error(), QStringLiteral("dump.txt"), 1, QString(), QStringLiteral("__name__"));
        // A duplicate found after reordering still points at its own line.
        s = parseText("{__name__=\"node_memory_MemTotal_bytes\", instance=\"n1\"} 8 1767225660000\n"
                      "{__name__=\"node_memory_MemTotal_bytes\", instance=\"n1\"} 9 1767225600000\n"
                      "{__name__=\"node_memory_MemTotal_bytes\", instance=\"n1\"} 9 1767225660000\n",
            mappings, sink, MetricsDialect::Prometheus);
        QVERIFY(!s.ok());
        checkError(s.error(), QStringLiteral("dump.txt"), 3, QStringLiteral("node_memory_MemTotal_bytes"),
            QStringLiteral("first on line 1"));
        // The same with a series cache that starts over at every series: the duplicate is still found.
        MetricsTextOptions tiny(MetricsDialect::Prometheus);
        tiny.seriesCacheBytes = 1;
        s = parseText("{__name__=\"node_memory_MemTotal_bytes\", instance=\"n1\"} 8 1767225660000\n"
                      "{__name__=\"node_memory_MemTotal_bytes\", instance=\"n2\"} 9 1767225660000\n"
                      "{__name__=\"node_memory_MemTotal_bytes\", instance=\"n1\"} 9 1767225660000\n",
            mappings, sink, tiny);
        QVERIFY(!s.ok());
        checkError(s.error(), QStringLiteral("dump.txt"), 3, QStringLiteral("node_memory_MemTotal_bytes"),
            QStringLiteral("first on line 1"));
    }

    void sorterKeepsScrapeOrderAcrossTheSpill_data()
    {
        QTest::addColumn<qint64>("budget");
        QTest::addColumn<QString>("times");
        QTest::addColumn<bool>("spilled");
        QTest::addColumn<bool>("sortedOnDisk");
        // The flat file keeps scrapes that come one after the other; anything else takes the database's sort.
        QTest::newRow("in memory, any order") << (qint64(1) << 30) << "random" << false << false;
        // Scrapes in turn in memory: each scrape is put in order on its own, or only checked when an exporter wrote
        // its series in the same order every time ("ordered", two lines of one series in a row).
        QTest::newRow("in memory, scrapes in turn") << (qint64(1) << 30) << "scrapes" << false << false;
        QTest::newRow("in memory, scrapes in series order") << (qint64(1) << 30) << "ordered" << false << false;
        QTest::newRow("spilled, scrapes in series order") << qint64(8192) << "ordered" << true << false;
        QTest::newRow("spilled, any order") << qint64(8192) << "random" << true << true;
        QTest::newRow("spilled, scrapes in turn") << qint64(8192) << "scrapes" << true << false;
        QTest::newRow("spilled, a scrape late") << qint64(8192) << "late" << true << true;
        QTest::newRow("spilled, one long time") << qint64(8192) << "one" << true << true;
    }

    void sorterKeepsScrapeOrderAcrossTheSpill()
    {
        QFETCH(qint64, budget);
        QFETCH(QString, times);
        QFETCH(bool, spilled);
        QFETCH(bool, sortedOnDisk);
        ObservationSorter sorter(QStringLiteral("x"), budget);
        const auto seriesOf = [&](qint64 line) -> qint64 {
            return times == QLatin1String("ordered") ? ((line - 1) % 50) / 2 : (line * 7919) % 37;
        };
        struct Expected {
            qint64 time, series, line; // series: order of first appearance
        };
        QList<Expected> expected;
        QList<qint64> firstSeen;
        for (qint64 line = 1; line <= 5000; ++line) {
            // "scrapes": 50 lines per time, the series of each in another order, as label sets that change make them.
            qint64 time = times == QLatin1String("random") ? QRandomGenerator::global()->bounded(50)
                : times == QLatin1String("one")            ? 7
                                                           : (line - 1) / 50;
            if (times == QLatin1String("late") && line == 4900)
                time = 3;
            const qint64 series = seriesOf(line);
            if (!firstSeen.contains(series))
                firstSeen.append(series);
            QVERIFY(sorter.add(time, line, double(line), "s" + QByteArray::number(series)).ok());
            expected.append({ time, firstSeen.indexOf(series), line });
        }
        QCOMPARE(sorter.spilled(), spilled);
        QCOMPARE(sorter.sortedOnDisk(), sortedOnDisk);
        // Time order; within a time, one series' observations together, each series in insertion order.
        std::stable_sort(expected.begin(), expected.end(), [](const Expected& a, const Expected& b) {
            return std::tie(a.time, a.series) < std::tie(b.time, b.series);
        });
        qsizetype i = 0;
        const Status s = sorter.replay([&](const ObservationSorter::Observation& o) -> Status {
            if (o.time != expected[i].time || o.line != expected[i].line || o.value != double(o.line)
                || o.series != "s" + QByteArray::number(seriesOf(o.line)))
                return Error(QStringLiteral("order"), QStringLiteral("mismatch at %1").arg(i));
            ++i;
            return {};
        });
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(i, expected.size());
    }

    // ---- query_range / query JSON ----
    void queryRangeMatrix()
    {
        UsageCollector sink;
        MetricsImportSummary summary;
        PromQueryJsonOptions options;
        options.stepMillis = 60000;
        const Status s = parseQueryJson(
            test::readAll(test::ingestFixture(QStringLiteral("query-range-matrix.json"))), sink, options, &summary);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(summary.samples, 10);
        QCOMPARE(summary.unmappedSamples, 1); // up
        const QString node = QStringLiteral("gpu-node-01"); // kubernetes_node, not the exporter pod's Hostname
        QCOMPARE(findSample(sink.samples, kT0, node, "gpu")->capacity, 8.0);
        QVERIFY(near(findSample(sink.samples, kT0, node, "gpu", "team-a")->used, 0.5));
        QVERIFY(near(findSample(sink.samples, kT0, node, "gpu")->used, 0.1)); // "1e+01" percent
        QVERIFY(!findSample(sink.samples, kT0 + 60, node, "gpu", "team-a")); // NaN: no value, not zero
        QVERIFY(near(findSample(sink.samples, kT0 + 120, node, "gpu", "team-a")->used, 0.75));
        for (qsizetype i = 1; i < sink.samples.size(); ++i)
            QVERIFY(sink.samples[i - 1].time <= sink.samples[i].time);
    }

    void queryVector()
    {
        UsageCollector sink;
        const Status s = parseQueryJson(R"({"status":"success","data":{"resultType":"vector","result":[
            {"metric":{"__name__":"kube_node_status_capacity","node":"n1","resource":"cpu","unit":"core"},
             "value":[1767225600.781,"64"]}]}})",
            sink);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(findSample(sink.samples, kT0, "n1", "cpu")->capacity, 64.0);
    }

    void queryJsonErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        const QByteArray cap = R"({"__name__":"kube_node_status_capacity","node":"n1","resource":"cpu"})";
        QTest::newRow("server error") << QByteArray(
            R"({"status":"error","errorType":"bad_data","error":"parse error"})")
                                      << "/status"
                                      << "bad_data: parse error";
        QTest::newRow("scalar") << QByteArray(
            R"({"status":"success","data":{"resultType":"scalar","result":[1767225600,"1"]}})")
                                << "/data/resultType"
                                << "not usage";
        QTest::newRow("no name") << QByteArray(
            R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"node":"n1"},"values":[[1767225600,"1"]]}]}})")
                                 << "/data/result/0/metric"
                                 << "label_replace";
        QTest::newRow("value not a string")
            << R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":)" + cap
                + R"(,"values":[[1767225600,1]]}]}})"
            << "/data/result/0/values/0/1"
            << "must be a string";
        QTest::newRow("bad value") << R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":)" + cap
                + R"(,"values":[[1767225600,"lots"]]}]}})"
                                   << "/data/result/0/values/0/1"
                                   << "not a sample value";
        QTest::newRow("milliseconds") << R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":)"
                + cap + R"(,"values":[[1767225600000,"1"]]}]}})"
                                      << "/data/result/0/values/0/0"
                                      << "Unix seconds";
        QTest::newRow("off the step grid")
            << R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":)" + cap
                + R"(,"values":[[1767225600,"1"],[1767225630,"1"]]}]}})"
            << "/data/result/0/values"
            << "step grid";
        QTest::newRow("time order") << R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":)" + cap
                + R"(,"values":[[1767225660,"1"],[1767225600,"1"]]}]}})"
                                    << "/data/result/0/values"
                                    << "increasing time";
        QTest::newRow("vector in matrix") << R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":)"
                + cap + R"(,"value":[1767225600,"1"]}]}})"
                                          << "/data/result/0"
                                          << "vector series in a matrix";
        QTest::newRow("truncated") << R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":)" + cap
                + R"(,"values":[[1767225600,"1"])"
                                   << "byte "
                                   << "not valid JSON";
        QTest::newRow("infinite capacity")
            << R"({"status":"success","data":{"resultType":"vector","result":[{"metric":)" + cap
                + R"(,"value":[1767225600,"+Inf"]}]}})"
            << "byte "
            << "not finite";
    }

    void queryJsonErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        UsageCollector sink;
        PromQueryJsonOptions options;
        options.stepMillis = 60000;
        const Status s = parseQueryJson(body, sink, options);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().file, QStringLiteral("range.json"));
        QVERIFY2(s.error().field.startsWith(field), qPrintable(s.error().field));
        QVERIFY2(s.error().field.contains(QLatin1String("byte")), qPrintable(s.error().field));
        QVERIFY2(s.error().reason.contains(reason), qPrintable(s.error().reason));
    }

    void queryJsonPayloadDispatch()
    {
        TelemetryPayload p = payload(QStringLiteral("data/range.json"), QString::fromLatin1(kQueryRangeJsonFormat),
            QStringLiteral("dcgm-exporter"));
        p.query = QStringLiteral("DCGM_FI_DEV_GPU_UTIL");
        p.stepMillis = 60000;
        UsageCollector sink;
        const Status s =
            importBytes(p, test::readAll(test::ingestFixture(QStringLiteral("query-range-matrix.json"))), sink);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QVERIFY(findSample(sink.samples, kT0 + 120, "gpu-node-01", "gpu", "team-a"));
    }

    // ---- profiles as the exporters are deployed ----
    void dcgmHostnameThatIsAPodIsNotANode()
    {
        const QByteArray body = test::readAll(test::ingestFixture(QStringLiteral("dcgm-k80-pod-hostname.prom.txt")));
        TelemetryPayload p = payload(
            QStringLiteral("data/k80.prom"), QStringLiteral("prometheus-text"), QStringLiteral("dcgm-exporter"));
        p.scrapeTime = kT0;
        UsageCollector refused;
        Status s = importBytes(p, body, refused);
        QVERIFY(!s.ok()); // not a phantom node named after the exporter pod
        checkError(
            s.error(), QStringLiteral("data/k80.prom"), 7, QStringLiteral("Hostname"), QStringLiteral("NODE_NAME"));
        QVERIFY(s.error().reason.contains(QLatin1String("dcgm-exporter-cmhft")));

        p.defaultNode = QStringLiteral("k80-node-2");
        UsageCollector sink;
        s = importBytes(p, body, sink);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        for (const UsageSample& sample : sink.samples)
            QCOMPARE(sample.node, QStringLiteral("k80-node-2"));
        QVERIFY(near(findSample(sink.samples, kT0, "k80-node-2", "gpu", "team-a")->used, 0.87));

        // Relabeled by Prometheus: kubernetes_node wins over Hostname, which is only the last resort.
        QByteArray relabeled = body;
        relabeled.replace(
            "Hostname=\"dcgm-exporter-cmhft\"", "Hostname=\"dcgm-exporter-cmhft\",kubernetes_node=\"k80-node-1\"");
        UsageCollector relabeledSink;
        p.defaultNode.clear();
        s = importBytes(p, relabeled, relabeledSink);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QVERIFY(findSample(relabeledSink.samples, kT0, "k80-node-1", "gpu-memory"));
    }

    void dcgmCapacityCountsReservedFramebuffer()
    {
        TelemetryPayload p = payload(
            QStringLiteral("data/h100.prom"), QStringLiteral("prometheus-text"), QStringLiteral("dcgm-exporter"));
        p.scrapeTime = kT0;
        UsageCollector sink;
        const Status s =
            importBytes(p, test::readAll(test::ingestFixture(QStringLiteral("dcgm-h100-vgpu.prom.txt"))), sink);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        const UsageSample* mem = findSample(sink.samples, kT0, "gpu-node-07", "gpu-memory");
        QVERIFY(mem);
        QCOMPARE(mem->capacity, 20.0); // 4096 + 15667 + 717 MiB: the 20 GiB vGPU, not 19.30
        QCOMPARE(mem->used, 4.0);
    }

    void migInstancesAreFractionsOfAGpu()
    {
        TelemetryPayload p = payload(
            QStringLiteral("data/mig.prom"), QStringLiteral("prometheus-text"), QStringLiteral("dcgm-exporter"));
        p.scrapeTime = kT0;
        UsageCollector sink;
        Status s = importBytes(p, test::readAll(test::ingestFixture(QStringLiteral("dcgm-mig.prom.txt"))), sink);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        const QString node = QStringLiteral("gpu-node-03");
        QVERIFY(near(findSample(sink.samples, kT0, node, "gpu", "team-a")->used, 0.7 / 7)); // 1g.10gb
        QVERIFY(near(findSample(sink.samples, kT0, node, "gpu", "ml-research")->used, 3.0 / 7)); // 3g.40gb
        // The whole GPU 1 (no MIG) counts once, from GPU_UTIL; its PROF_GR_ENGINE_ACTIVE is not added.
        QVERIFY(near(findSample(sink.samples, kT0, node, "gpu")->used, 0.25));

        QByteArray unknown = test::readAll(test::ingestFixture(QStringLiteral("dcgm-mig.prom.txt")));
        unknown.replace("1g.10gb", "1g.11gb");
        UsageCollector refused;
        s = importBytes(p, unknown, refused);
        QVERIFY(!s.ok());
        checkError(s.error(), QStringLiteral("data/mig.prom"), 3, QStringLiteral("GPU_I_PROFILE"),
            QStringLiteral("'1g.11gb' is not in the table"));
    }

    void kubeEffectiveRequestsWithInitContainersAndMig()
    {
        TelemetryPayload p = payload(
            QStringLiteral("data/ksm.prom"), QStringLiteral("prometheus-text"), QStringLiteral("kube-state-metrics"));
        p.scrapeTime = kT0;
        UsageCollector sink;
        const Status s =
            importBytes(p, test::readAll(test::ingestFixture(QStringLiteral("ksm-init-mig.prom.txt"))), sink);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        const QString node = QStringLiteral("gpu-node-03");
        // etl: max(app 0.3 + sidecar 0.2, init 0.4) = 0.5 (0.4 if the sidecar were taken for an init container);
        // web: 0.3; migrate: max(app 0.25, init 1.5) = 1.5 (0.6 if init containers were ignored).
        QVERIFY(near(findSample(sink.samples, kT0, node, "cpu", "team-a")->allocated, 2.3));
        // nvidia.com/mig-1g.10gb: seven slices are one GPU; two of them are 2/7 of a GPU.
        QVERIFY(near(findSample(sink.samples, kT0, node, "gpu")->capacity, 1.0));
        QVERIFY(near(findSample(sink.samples, kT0, node, "gpu", "ml-research")->allocated, 2.0 / 7));
    }
};

QTEST_GUILESS_MAIN(TestMetricSources)
#include "tst_metricsources.moc"
