// SPDX-License-Identifier: GPL-3.0-or-later
// Ingest of metrics payloads: OpenMetrics and Prometheus text through the built-in mapping profiles
// (kube-state-metrics, dcgm-exporter, node-exporter) and mapping files, OTLP JSON, and the payload dispatch by format.
#include "ingest/metricmapping.h"
#include "ingest/metricstext.h"
#include "ingest/otlpjson.h"
#include "ingest/payloadimport.h"
#include "testsupport.h"

#include <QBuffer>
#include <QFile>
#include <QTest>

using namespace capaudit;
using test::checkError;
using test::findSample;
using test::near;

namespace {

constexpr qint64 kT0 = test::kIngestStart;

MappingSet profiles(const QStringList& names)
{
    MappingSet set;
    for (const QString& name : names) {
        auto p = MappingSet::builtinProfile(name);
        if (!p)
            qFatal("profile %s: %s", qPrintable(name), qPrintable(p.error().toString()));
        set.append(*p);
    }
    return set;
}

Status parseMetricsFile(const QString& name, const MappingSet& mappings, UsageCollector& sink,
    const MetricsTextOptions& options = {}, MetricsImportSummary* summary = nullptr)
{
    QFile file(test::ingestFixture(name));
    if (!file.open(QIODevice::ReadOnly))
        return Error(name, QStringLiteral("cannot open fixture"));
    return parseMetricsText(file, name, mappings, sink, options, summary);
}

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT

private slots:
    // ---- OpenMetrics / Prometheus text ----
    void openMetricsKubeAndDcgm()
    {
        UsageCollector sink;
        MetricsImportSummary summary;
        const Status s = parseMetricsFile(QStringLiteral("ksm-dcgm.om.txt"),
            profiles({ QStringLiteral("kube-state-metrics"), QStringLiteral("dcgm-exporter") }), sink, {}, &summary);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(summary.dialect, MetricsDialect::OpenMetrics);
        QCOMPARE(summary.lines, 74);
        QCOMPARE(summary.unmappedSamples, 1); // scrape_duration_seconds
        QCOMPARE(summary.ignoredSamples, 3); // pods, ephemeral_storage, the pending pod
        const QString n1 = QStringLiteral("gpu-node-01"), n2 = QStringLiteral("gpu-node-02");
        const QString teamA = QStringLiteral("team-a"), ml = QStringLiteral("ml-research");
        for (const UsageSample& sample : sink.samples)
            QCOMPARE(sample.time, kT0);

        const UsageSample* cpu = findSample(sink.samples, kT0, n1, QStringLiteral("cpu"));
        QVERIFY(cpu);
        QCOMPARE(cpu->capacity, 128.0); // capacity wins over allocatable (126)
        QCOMPARE(cpu->state, NodeState::Up);
        QCOMPARE(findSample(sink.samples, kT0, n1, QStringLiteral("cpu"), teamA)->allocated, 16.5); // two containers
        QCOMPARE(findSample(sink.samples, kT0, n1, QStringLiteral("cpu"), ml)->allocated, 8.0);
        QCOMPARE(findSample(sink.samples, kT0, n1, QStringLiteral("memory"))->capacity, 1024.0);
        QCOMPARE(findSample(sink.samples, kT0, n1, QStringLiteral("memory"), teamA)->allocated, 128.0);

        const UsageSample* gpu = findSample(sink.samples, kT0, n1, QStringLiteral("gpu"));
        QCOMPARE(gpu->capacity, 8.0);
        QVERIFY(near(gpu->used, 0.03)); // GPUs 6 and 7 have no pod
        const UsageSample* gpuA = findSample(sink.samples, kT0, n1, QStringLiteral("gpu"), teamA);
        QCOMPARE(gpuA->allocated, 4.0);
        QVERIFY(near(gpuA->used, 0.87 + 0.91 + 0.78 + 0.95));
        QVERIFY(near(findSample(sink.samples, kT0, n1, QStringLiteral("gpu"), ml)->used, 0.12));

        const UsageSample* fb = findSample(sink.samples, kT0, n1, QStringLiteral("gpu-memory"));
        QVERIFY(fb);
        QCOMPARE(fb->capacity, 640.0); // used + free over 8 x 80 GiB
        QCOMPARE(fb->used, 0.5);
        QCOMPARE(findSample(sink.samples, kT0, n1, QStringLiteral("gpu-memory"), teamA)->used, 280.0);

        // Cordoned node: maintenance beats Ready; GPU capacity only from allocatable.
        QCOMPARE(findSample(sink.samples, kT0, n2, QStringLiteral("cpu"))->state, NodeState::Maintenance);
        QCOMPARE(findSample(sink.samples, kT0, n2, QStringLiteral("gpu"))->capacity, 4.0);
        QCOMPARE(findSample(sink.samples, kT0, n2, QStringLiteral("memory"))->capacity, 512.0);
        QCOMPARE(findSample(sink.samples, kT0, n2, QStringLiteral("cpu"), teamA)->allocated, 12.0);
        QVERIFY(!findSample(sink.samples, kT0, QString(), QStringLiteral("cpu"), ml)); // pending pod is not allocated
        QCOMPARE(sink.samples.size(), 15);
        QCOMPARE(summary.emittedSamples, 15);
    }

    void prometheusTwinGivesIdenticalSamples()
    {
        const MappingSet mappings = profiles({ QStringLiteral("kube-state-metrics"), QStringLiteral("dcgm-exporter") });
        UsageCollector om, prom;
        MetricsImportSummary summary;
        QVERIFY(parseMetricsFile(QStringLiteral("ksm-dcgm.om.txt"), mappings, om).ok());
        const Status s = parseMetricsFile(QStringLiteral("ksm-dcgm.prom.txt"), mappings, prom, {}, &summary);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(summary.dialect, MetricsDialect::Prometheus);
        QCOMPARE(prom.samples.size(), om.samples.size());
        for (qsizetype i = 0; i < om.samples.size(); ++i) {
            const UsageSample &a = om.samples[i], &b = prom.samples[i];
            QCOMPARE(b.time, a.time);
            QCOMPARE(b.node, a.node);
            QCOMPARE(b.resourceClass, a.resourceClass);
            QCOMPARE(b.tenant, a.tenant);
            QVERIFY(isMissing(a.allocated) ? isMissing(b.allocated) : a.allocated == b.allocated);
            QVERIFY(isMissing(a.used) ? isMissing(b.used) : a.used == b.used);
            QVERIFY(isMissing(a.capacity) ? isMissing(b.capacity) : a.capacity == b.capacity);
            QCOMPARE(b.state, a.state);
        }
        // Forcing the wrong dialect is caught by the timestamp magnitude, not silently accepted.
        UsageCollector wrong;
        const Status w =
            parseMetricsFile(QStringLiteral("ksm-dcgm.prom.txt"), mappings, wrong, MetricsDialect::OpenMetrics);
        QVERIFY(!w.ok());
        checkError(w.error(), QStringLiteral("ksm-dcgm.prom.txt"), 3, QStringLiteral("timestamp"),
            QStringLiteral("milliseconds"));
    }

    void nodeExporterScrapePair()
    {
        MetricsTextOptions options(MetricsDialect::Auto);
        options.defaultNode = QStringLiteral("gpu-node-01");
        UsageCollector sink;
        MetricsImportSummary summary;
        const Status s = parseMetricsFile(QStringLiteral("node-exporter-pair.prom.txt"),
            profiles({ QStringLiteral("node-exporter") }), sink, options, &summary);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(summary.dialect, MetricsDialect::Prometheus);
        QCOMPARE(summary.counterBaselines, 20); // 4 CPUs x 5 busy modes in the first scrape
        const QString node = QStringLiteral("gpu-node-01");
        QVERIFY(!findSample(sink.samples, kT0, node, QStringLiteral("cpu"))); // a rate needs two scrapes
        const UsageSample* cpu = findSample(sink.samples, kT0 + 60, node, QStringLiteral("cpu"));
        QVERIFY(cpu);
        QVERIFY2(std::abs(cpu->used - 1.61) < 1e-6, qPrintable(QString::number(cpu->used, 'g', 17)));
        const UsageSample* mem0 = findSample(sink.samples, kT0, node, QStringLiteral("memory"));
        QCOMPARE(mem0->capacity, 1024.0);
        QCOMPARE(mem0->used, 256.0);
        QCOMPARE(findSample(sink.samples, kT0 + 60, node, QStringLiteral("memory"))->used, 274.0);
        QCOMPARE(sink.samples.size(), 3);
    }

    void counterResetAndDefaultTime()
    {
        QByteArray text = "# TYPE node_cpu_seconds_total counter\n"
                          "node_cpu_seconds_total{node=\"n1\",cpu=\"0\",mode=\"user\"} 500 1767225600000\n"
                          "node_cpu_seconds_total{node=\"n1\",cpu=\"0\",mode=\"user\"} 30 1767225660000\n"
                          "node_memory_MemTotal_bytes{node=\"n1\"} 1073741824\n";
        QBuffer buffer(&text);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        MetricsTextOptions options(MetricsDialect::Prometheus);
        options.defaultTime = kT0 + 120;
        UsageCollector sink;
        const Status s = parseMetricsText(
            buffer, QStringLiteral("m.prom"), profiles({ QStringLiteral("node-exporter") }), sink, options);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(sink.samples.size(), 2);
        QCOMPARE(
            findSample(sink.samples, kT0 + 60, QStringLiteral("n1"), QStringLiteral("cpu"))->used, 0.5); // 30 s / 60 s
        QCOMPARE(findSample(sink.samples, kT0 + 120, QStringLiteral("n1"), QStringLiteral("memory"))->capacity, 1.0);
    }

    void labelEscapesReachTheTenant()
    {
        const QByteArray mapping = R"({"mappings": [{"metric": "quota_cores", "target": "allocated",
            "resourceClass": "cpu", "node": "node", "tenant": "team"}]})";
        auto set = MappingSet::fromJsonBytes(mapping, QStringLiteral("mapping.json"));
        QVERIFY2(set.ok(), qPrintable(set.error().toString()));
        QByteArray text = "# TYPE quota_cores gauge\n"
                          "quota_cores{node=\"n1\",team=\"R\\\\D \\\"Vision\\\"\\nBerlin\"} 2.5 1767225600\n"
                          "# EOF\n";
        QBuffer buffer(&text);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        UsageCollector sink;
        const Status s = parseMetricsText(buffer, QStringLiteral("q.om"), *set, sink);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(sink.samples.size(), 1);
        QCOMPARE(sink.samples[0].tenant, QStringLiteral("R\\D \"Vision\"\nBerlin"));
        QCOMPARE(sink.samples[0].allocated, 2.5);
    }

    void metricsErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("dialect");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        const int Auto = int(MetricsDialect::Auto), Om = int(MetricsDialect::OpenMetrics),
                  Prom = int(MetricsDialect::Prometheus);
        const QByteArray cap = "kube_node_status_capacity{node=\"n1\",resource=\"cpu\",unit=\"core\"} ";
        QTest::newRow("openmetrics without EOF")
            << "# TYPE kube_node_status_capacity gauge\n# UNIT x_bytes bytes\n" + cap + "8 1767225600\n"
            << Auto << qint64(3) << ""
            << "# EOF";
        QTest::newRow("EOF in declared prometheus") << cap + "8 1767225600000\n# EOF\n"
                                                    << Prom << qint64(2) << ""
                                                    << "Prometheus";
        QTest::newRow("content after EOF") << cap + "8 1767225600\n# EOF\n" + cap + "8 1767225600\n"
                                           << Om << qint64(3) << ""
                                           << "after '# EOF'";
        QTest::newRow("no timestamp") << cap + "8\n"
                                      << Prom << qint64(1) << "kube_node_status_capacity"
                                      << "no timestamp";
        QTest::newRow("seconds in prometheus") << cap + "8 1767225600\n"
                                               << Prom << qint64(1) << "timestamp"
                                               << "looks like seconds";
        QTest::newRow("float ms in prometheus") << cap + "8 1767225600000.5\n"
                                                << Prom << qint64(1) << "timestamp"
                                                << "integer";
        QTest::newRow("NaN on a mapped metric") << "# comment\n" + cap + "NaN 1767225600000\n"
                                                << Prom << qint64(2) << "kube_node_status_capacity"
                                                << "not finite";
        QTest::newRow("negative capacity") << cap + "-8 1767225600000\n"
                                           << Prom << qint64(1) << "kube_node_status_capacity"
                                           << "negative";
        QTest::newRow("bad escape") << QByteArray("kube_node_status_capacity{node=\"n\\t1\"} 8 1767225600000\n") << Prom
                                    << qint64(1) << "node"
                                    << "escape";
        QTest::newRow("unterminated label")
            << QByteArray("kube_node_status_capacity{node=\"n1} 8 1767225600000\n") << Prom << qint64(1) << "node"
            << "unterminated";
        QTest::newRow("duplicate series") << cap + "8 1767225600000\n" + cap + "9 1767225600000\n"
                                          << Prom << qint64(2) << "kube_node_status_capacity"
                                          << "duplicate";
        QTest::newRow("missing node label")
            << QByteArray("kube_node_status_capacity{resource=\"cpu\"} 8 1767225600000\n") << Prom << qint64(1)
            << "node|k8s.node.name"
            << "no node label";
        QTest::newRow("bad value") << cap + "eight 1767225600000\n"
                                   << Prom << qint64(1) << "kube_node_status_capacity"
                                   << "not a sample value";
        QTest::newRow("unknown type") << QByteArray("# TYPE kube_node_status_capacity gauges\n") << Prom << qint64(1)
                                      << "kube_node_status_capacity"
                                      << "unknown metric type";
        QTest::newRow("state not 0 or 1")
            << QByteArray("kube_node_status_condition{node=\"n1\",condition=\"Ready\",status=\"true\"} 2 "
                          "1767225600000\n")
            << Prom << qint64(1) << "kube_node_status_condition"
            << "0 or 1";
        QTest::newRow("empty line in openmetrics") << cap + "8 1767225600\n\n# EOF\n"
                                                   << Om << qint64(2) << ""
                                                   << "empty line";
        QTest::newRow("gpu util above 100 %")
            << QByteArray("DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",Hostname=\"n1\"} 250 1767225600000\n") << Prom << qint64(1)
            << "DCGM_FI_DEV_GPU_UTIL"
            << "more than one whole device";
        QTest::newRow("dcgm without gpu label")
            << QByteArray("DCGM_FI_DEV_GPU_UTIL{Hostname=\"n1\"} 25 1767225600000\n") << Prom << qint64(1) << "gpu"
            << "device label";
        QTest::newRow("free without capacity")
            << QByteArray("DCGM_FI_DEV_FB_FREE{gpu=\"0\",Hostname=\"n1\"} 1024 1767225600000\n") << Prom << qint64(1)
            << "gpu-memory"
            << "no capacity or used";
        QTest::newRow("rate on a gauge") << QByteArray("# TYPE node_cpu_seconds_total gauge\n"
                                                       "node_cpu_seconds_total{node=\"n1\",mode=\"user\"} 5 "
                                                       "1767225600000\n")
                                         << Prom << qint64(2) << "node_cpu_seconds_total"
                                         << "counter";
        // A series checked once stays checked only while the # TYPE lines say the same: a later scrape that calls
        // the family a gauge is refused at its first sample.
        QTest::newRow("rate on a family that turns gauge")
            << QByteArray("# TYPE node_cpu_seconds_total counter\n"
                          "node_cpu_seconds_total{node=\"n1\",mode=\"user\"} 5 1767225600000\n"
                          "# TYPE node_cpu_seconds_total counter\n"
                          "node_cpu_seconds_total{node=\"n1\",mode=\"user\"} 6 1767225660000\n"
                          "# TYPE node_cpu_seconds_total gauge\n"
                          "node_cpu_seconds_total{node=\"n1\",mode=\"user\"} 7 1767225720000\n")
            << Prom << qint64(6) << "node_cpu_seconds_total"
            << "counter";
    }

    void metricsErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, dialect);
        QFETCH(qint64, line);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        QBuffer buffer(&body);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        UsageCollector sink;
        const Status s = parseMetricsText(buffer, QStringLiteral("scrape.txt"),
            profiles({ QStringLiteral("kube-state-metrics"), QStringLiteral("dcgm-exporter"),
                QStringLiteral("node-exporter") }),
            sink, MetricsDialect(dialect));
        QVERIFY(!s.ok());
        checkError(s.error(), QStringLiteral("scrape.txt"), line, field, reason);
    }

    // ---- OTLP JSON ----
    void otlpExport()
    {
        QFile mappingFile(test::ingestFixture(QStringLiteral("otlp-mapping.json")));
        QVERIFY(mappingFile.open(QIODevice::ReadOnly));
        auto mappings = MappingSet::forPayload(QString(), mappingFile.readAll(), QStringLiteral("data/mapping.json"));
        QVERIFY2(mappings.ok(), qPrintable(mappings.error().toString()));
        QFile file(test::ingestFixture(QStringLiteral("otlp-metrics.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        UsageCollector sink;
        MetricsImportSummary summary;
        const Status s = parseOtlpJson(file, QStringLiteral("otlp.json"), *mappings, sink, {}, &summary);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        const QString n1 = QStringLiteral("gpu-node-01"), cpu = QStringLiteral("cpu");
        QCOMPARE(sink.samples.size(), 6);
        QCOMPARE(summary.samples, 10);
        QCOMPARE(summary.unmappedSamples, 2); // network counter, latency histogram
        QCOMPARE(summary.counterBaselines, 2);
        // asInt as string and as number, timeUnixNano as string and as number.
        QCOMPARE(findSample(sink.samples, kT0, n1, cpu)->capacity, 126.0);
        QCOMPARE(findSample(sink.samples, kT0 + 60, n1, cpu)->capacity, 126.0);
        QCOMPARE(findSample(sink.samples, kT0, n1, QStringLiteral("memory"), QStringLiteral("team-a"))->used, 96.0);
        // Cumulative sum points out of order in the file; the rate is taken in time order.
        QCOMPARE(findSample(sink.samples, kT0 + 60, n1, cpu, QStringLiteral("team-a"))->used, 14.0);
        QCOMPARE(findSample(sink.samples, kT0 + 60, n1, cpu, QStringLiteral("ml-research"))->used, 1.5);
        QVERIFY(!findSample(sink.samples, kT0, n1, cpu, QStringLiteral("team-a")));
        // Delta sum: increase over its own interval; host.name names the node.
        QCOMPARE(findSample(sink.samples, kT0 + 60, QStringLiteral("gpu-node-02"), cpu)->used, 42.0);
        for (qsizetype i = 1; i < sink.samples.size(); ++i)
            QVERIFY(sink.samples[i - 1].time <= sink.samples[i].time);
    }

    void otlpErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        const auto doc = [](const QByteArray& metric) {
            return "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"k8s.node.name\",\"value\":"
                   "{\"stringValue\":\"n1\"}}]},\"scopeMetrics\":[{\"metrics\":["
                + metric + "]}]}]}";
        };
        const QByteArray at = "/resourceMetrics/0/scopeMetrics/0/metrics/0";
        QTest::newRow("syntax error") << QByteArray("{\n  \"resourceMetrics\": [\n    {,\n") << qint64(3) << ""
                                      << "invalid JSON";
        QTest::newRow("no resourceMetrics") << QByteArray("{\"resourceSpans\": []}") << qint64(0) << "/resourceMetrics"
                                            << "missing";
        QTest::newRow("mapped histogram") << doc(R"({"name":"k8s.node.allocatable_cpu","histogram":{"dataPoints":[]}})")
                                          << qint64(0) << QString::fromLatin1(at) << "only gauge and sum";
        QTest::newRow("missing time") << doc(
            R"({"name":"k8s.node.allocatable_cpu","gauge":{"dataPoints":[{"asInt":"4"}]}})")
                                      << qint64(0) << QString::fromLatin1(at + "/gauge/dataPoints/0/timeUnixNano")
                                      << "nanoseconds";
        QTest::newRow("time in seconds") << doc(
            R"({"name":"k8s.node.allocatable_cpu","gauge":{"dataPoints":[{"asInt":"4","timeUnixNano":"1767225600"}]}})")
                                         << qint64(0) << QString::fromLatin1(at + "/gauge/dataPoints/0/timeUnixNano")
                                         << "before 1973";
        QTest::newRow("no value") << doc(
            R"({"name":"k8s.node.allocatable_cpu","gauge":{"dataPoints":[{"timeUnixNano":"1767225600000000000"}]}})")
                                  << qint64(0) << QString::fromLatin1(at + "/gauge/dataPoints/0")
                                  << "neither asDouble nor asInt";
        QTest::newRow("NaN value") << doc(
            R"({"name":"k8s.node.allocatable_cpu","gauge":{"dataPoints":[{"asDouble":"NaN","timeUnixNano":"1767225600000000000"}]}})")
                                   << qint64(0) << QString::fromLatin1(at + "/gauge/dataPoints/0") << "not finite";
        QTest::newRow("rate on a gauge") << doc(R"({"name":"container.cpu.time","gauge":{"dataPoints":[]}})")
                                         << qint64(0) << QString::fromLatin1(at) << "used_rate";
        QTest::newRow("duplicate point") << doc(
            R"({"name":"k8s.node.allocatable_cpu","gauge":{"dataPoints":[{"asInt":"4","timeUnixNano":"1767225600000000000"},{"asInt":"5","timeUnixNano":"1767225600000000000"}]}})")
                                         << qint64(0) << QString::fromLatin1(at + "/gauge/dataPoints/1") << "duplicate";
    }

    void otlpErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, line);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        QFile mappingFile(test::ingestFixture(QStringLiteral("otlp-mapping.json")));
        QVERIFY(mappingFile.open(QIODevice::ReadOnly));
        auto mappings = MappingSet::fromJsonBytes(mappingFile.readAll(), QStringLiteral("mapping.json"));
        QVERIFY(mappings.ok());
        QBuffer buffer(&body);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        UsageCollector sink;
        const Status s = parseOtlpJson(buffer, QStringLiteral("otlp.json"), *mappings, sink);
        QVERIFY(!s.ok());
        checkError(s.error(), QStringLiteral("otlp.json"), line, field, reason);
    }

    // ---- mapping files, built-in profiles and payload dispatch ----
    void mappingFileErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown target") << QByteArray(
            R"({"mappings":[{"metric":"m","target":"usage","resourceClass":"cpu","node":"n"}]})")
                                        << "/mappings/0/target"
                                        << "not a mapping target";
        QTest::newRow("misspelt key") << QByteArray(
            R"({"mappings":[{"metric":"m","target":"used","resourceClass":"cpu","node":"n","tennant":"ns"}]})")
                                      << "/mappings/0/tennant"
                                      << "unknown key";
        QTest::newRow("no node labels") << QByteArray(
            R"({"mappings":[{"metric":"m","target":"used","resourceClass":"cpu"}]})")
                                        << "/mappings/0/node"
                                        << "at least one label";
        QTest::newRow("class and label") << QByteArray(
            R"({"mappings":[{"metric":"m","target":"used","resourceClass":"cpu","resourceLabel":"r","resources":{"cpu":"cpu"},"node":"n"}]})")
                                         << "/mappings/0/resourceClass"
                                         << "either";
        QTest::newRow("tenant on capacity") << QByteArray(
            R"({"mappings":[{"metric":"m","target":"capacity","resourceClass":"cpu","node":"n","tenant":"ns"}]})")
                                            << "/mappings/0/tenant"
                                            << "per tenant";
        QTest::newRow("bad scale") << QByteArray(
            R"({"mappings":[{"metric":"m","target":"used","resourceClass":"cpu","node":"n","scale":"GB"}]})")
                                   << "/mappings/0/scale"
                                   << "positive number";
        QTest::newRow("bad state") << QByteArray(
            R"({"mappings":[{"metric":"m","target":"state","node":"n","state":"broken"}]})")
                                   << "/mappings/0/state"
                                   << "maintenance";
        QTest::newRow("version 2") << QByteArray(R"({"version":2,"mappings":[]})") << "/version"
                                   << "unsupported";
    }

    void mappingFileErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        auto set = MappingSet::fromJsonBytes(json, QStringLiteral("data/mapping.json"));
        QVERIFY(!set.ok());
        checkError(set.error(), QStringLiteral("data/mapping.json"), 0, field, reason);
    }

    void builtinProfilesParse()
    {
        for (const QString& name : MappingSet::builtinProfileNames()) {
            auto set = MappingSet::builtinProfile(name);
            QVERIFY2(set.ok(), qPrintable(set.error().toString()));
            QVERIFY(!set->isEmpty());
        }
        QVERIFY(!MappingSet::builtinProfile(QStringLiteral("cadvisor")).ok());
        QVERIFY(!MappingSet::forPayload(QString(), QByteArray(), QStringLiteral("m.json")).ok());
    }

    void payloadDispatch()
    {
        TelemetryPayload payload { QStringLiteral("data/otlp.json"), QStringLiteral("otlp-json"), QString(),
            QStringLiteral("data/mapping.json") };
        QFile data(test::ingestFixture(QStringLiteral("otlp-metrics.json")));
        QVERIFY(data.open(QIODevice::ReadOnly));
        UsageCollector sink;
        Status s = importTelemetryPayload(
            payload, data, test::readAll(test::ingestFixture(QStringLiteral("otlp-mapping.json"))), sink);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(sink.samples.size(), 6);

        // The declared format is authoritative: a Prometheus file declared as OpenMetrics is rejected.
        payload = { QStringLiteral("data/scrape.txt"), QStringLiteral("openmetrics-text"),
            QStringLiteral("kube-state-metrics"), QString() };
        QFile prom(test::ingestFixture(QStringLiteral("ksm-dcgm.prom.txt")));
        QVERIFY(prom.open(QIODevice::ReadOnly));
        s = importTelemetryPayload(payload, prom, {}, sink);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().file, QStringLiteral("data/scrape.txt"));

        payload = { QStringLiteral("data/otlp.json"), QStringLiteral("otlp-json"), QString(),
            QStringLiteral("data/mapping.json") };
        s = importTelemetryPayload(payload, data, QByteArray("{\"mappings\": 3}"), sink);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().file, QStringLiteral("data/mapping.json"));
        QCOMPARE(s.error().field, QStringLiteral("/mappings"));
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
