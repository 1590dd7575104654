// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-cli as a user runs it: exit codes, JSON output, help, and bundle creation from files on disk.
#include "evidence/bundlewriter.h"
#include "testpki.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace capaudit;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out, err;
};

Run cli(const QStringList& args, const QString& workingDirectory = {})
{
    QProcess p;
    p.setWorkingDirectory(workingDirectory);
    p.start(QStringLiteral(CAPAUDIT_CLI_PATH), args);
    p.waitForFinished(120000);
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError() };
}

QByteArray readAllOf(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void write(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

QJsonObject predicateOf(const QString& bundle)
{
    QFile f(bundle + QStringLiteral("/envelope.dsse.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject envelope = QJsonDocument::fromJson(f.readAll()).object();
    const QByteArray statement =
        QByteArray::fromBase64(envelope.value(QStringLiteral("payload")).toString().toLatin1());
    return QJsonDocument::fromJson(statement).object().value(QStringLiteral("predicate")).toObject();
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    test::TestPki m_pki;
    QString path(const QString& name) const
    {
        return m_dir.filePath(name);
    }
    // `bundle create` of the importable telemetry bundle (import/: a full predicate, two steps of usage) at OUT.
    Run createImportable(const QString& out) const
    {
        return cli({ QStringLiteral("bundle"), QStringLiteral("create"), QStringLiteral("--out"), out,
            QStringLiteral("--kind"), QStringLiteral("telemetry"), QStringLiteral("--key"),
            path(QStringLiteral("signer.key.pem")), QStringLiteral("--cert"), path(QStringLiteral("signer.pem")),
            QStringLiteral("--chain"), path(QStringLiteral("issuing.pem")), QStringLiteral("--predicate"),
            path(QStringLiteral("import/predicate.json")), path(QStringLiteral("import/usage.csv")) });
    }

private slots:
    void initTestCase()
    {
        m_pki = test::TestPki::create(QStringLiteral("Cli Provider"));
        m_pki.writeTrustStore(path(QStringLiteral("trust")));
        test::TestPki::create(QStringLiteral("Stranger")).writeTrustStore(path(QStringLiteral("other-trust")));
        write(path(QStringLiteral("signer.key.pem")), m_pki.signerKey.toPem());
        write(path(QStringLiteral("signer.pem")), m_pki.signer.toPem());
        write(path(QStringLiteral("issuing.pem")), m_pki.intermediate.toPem());
        // bundle create only signs what import accepts: a complete usage row and a predicate naming its payload.
        write(path(QStringLiteral("usage.csv")),
            "time,node,resource_class,tenant,allocated,used,capacity,state\n2026-01-01T00:00:00Z,n1,cpu,,,,64,up\n");
        write(path(QStringLiteral("predicate.json")),
            R"({"provider":"Cli Provider","meter":"provider","period":{"start":"2026-01-01T00:00:00Z","end":"2026-01-02T00:00:00Z"},)"
            R"("payloads":[{"path":"data/usage.csv","format":"capaudit-usage-csv/v1"}]})");
        // An importable telemetry bundle: a full predicate and a native usage CSV of two steps.
        write(path(QStringLiteral("import/usage.csv")),
            "time,node,resource_class,tenant,allocated,used,capacity,state\n"
            "2026-01-01T00:00:00Z,node-0,cpu,,,,64,up\n2026-01-01T00:00:00Z,node-0,cpu,tenant-0,4,3,,\n"
            "2026-01-01T00:05:00Z,node-0,cpu,,,,64,up\n2026-01-01T00:05:00Z,node-0,cpu,tenant-0,4,3,,\n");
        write(path(QStringLiteral("import/predicate.json")),
            R"({"provider":"Cli Provider","meter":"provider","resolutionSeconds":300,)"
            R"("period":{"start":"2026-01-01T00:00:00Z","end":"2026-01-01T00:10:00Z"},)"
            R"("payloads":[{"path":"data/usage.csv","format":"capaudit-usage-csv/v1"}]})");
    }

    void versionAndHelp()
    {
        const Run v = cli({ QStringLiteral("--version") });
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith("capaudit-cli "));
        const Run h = cli({ QStringLiteral("--help") });
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.out.contains("verify"));
        QVERIFY(h.out.contains("bundle create"));
        for (const QStringList& cmd : { QStringList { QStringLiteral("verify") },
                 QStringList { QStringLiteral("bundle"), QStringLiteral("create") } }) {
            const Run r = cli(cmd + QStringList { QStringLiteral("--help") });
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.contains("Usage:"), r.out.constData());
        }
    }

    void usageErrorsExitTwo()
    {
        QCOMPARE(cli({}).exitCode, 2);
        QCOMPARE(cli({ QStringLiteral("no-such-command") }).exitCode, 2);
        QCOMPARE(cli({ QStringLiteral("verify"), path(QStringLiteral("x")) }).exitCode, 2); // no --trust
        const Run missing = cli({ QStringLiteral("verify"), QStringLiteral("--trust"), path(QStringLiteral("trust")),
            path(QStringLiteral("does-not-exist")) });
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("does-not-exist"));
        QCOMPARE(cli({ QStringLiteral("verify"), QStringLiteral("--bogus") }).exitCode, 2);
    }

    void createAndVerify_data()
    {
        QTest::addColumn<QString>("out");
        QTest::newRow("directory") << QStringLiteral("b-dir");
        QTest::newRow("tgz") << QStringLiteral("b.tgz");
        QTest::newRow("zip") << QStringLiteral("b.zip");
    }
    void createAndVerify()
    {
        QFETCH(QString, out);
        const Run created = cli({ QStringLiteral("bundle"), QStringLiteral("create"), QStringLiteral("--out"),
            path(out), QStringLiteral("--kind"), QStringLiteral("telemetry"), QStringLiteral("--key"),
            path(QStringLiteral("signer.key.pem")), QStringLiteral("--cert"), path(QStringLiteral("signer.pem")),
            QStringLiteral("--chain"), path(QStringLiteral("issuing.pem")), QStringLiteral("--predicate"),
            path(QStringLiteral("predicate.json")), path(QStringLiteral("usage.csv")) });
        QVERIFY2(created.exitCode == 0, created.err.constData());

        const Run ok = cli({ QStringLiteral("verify"), QStringLiteral("--trust"), path(QStringLiteral("trust")),
            QStringLiteral("--json"), path(out) });
        QVERIFY2(ok.exitCode == 0, ok.out.constData());
        const QJsonObject verdict = QJsonDocument::fromJson(ok.out.trimmed()).object();
        QCOMPARE(verdict.value(QStringLiteral("verdict")).toString(), QStringLiteral("verified"));
        QCOMPARE(verdict.value(QStringLiteral("kind")).toString(), QStringLiteral("telemetry"));
        QVERIFY(verdict.value(QStringLiteral("checks")).toArray().size() >= 10);

        const Run untrusted = cli(
            { QStringLiteral("verify"), QStringLiteral("--trust"), path(QStringLiteral("other-trust")), path(out) });
        QCOMPARE(untrusted.exitCode, 1);
        QVERIFY2(untrusted.out.contains("UNTRUSTED"), untrusted.out.constData());
        QVERIFY(untrusted.out.contains("hint:"));

        // Creating over existing evidence is refused.
        const Run again = cli({ QStringLiteral("bundle"), QStringLiteral("create"), QStringLiteral("--out"), path(out),
            QStringLiteral("--kind"), QStringLiteral("telemetry"), QStringLiteral("--key"),
            path(QStringLiteral("signer.key.pem")), QStringLiteral("--provider"), QStringLiteral("Cli Provider"),
            QStringLiteral("--period"), QStringLiteral("2026-01-01..2026-01-02"), QStringLiteral("--format"),
            QStringLiteral("capaudit-usage-csv/v1"), path(QStringLiteral("usage.csv")) });
        QCOMPARE(again.exitCode, 2);
    }

    void tamperedBundleExitsOneWithJsonPerBundle()
    {
        const QString good = path(QStringLiteral("b-dir"));
        const QString bad = path(QStringLiteral("tampered"));
        QVERIFY(QDir().mkpath(bad + QStringLiteral("/data")));
        for (const QString& f : { QStringLiteral("envelope.dsse.json"), QStringLiteral("certs/chain.pem") }) {
            QDir().mkpath(QFileInfo(bad + QLatin1Char('/') + f).absolutePath());
            QVERIFY(QFile::copy(good + QLatin1Char('/') + f, bad + QLatin1Char('/') + f));
        }
        write(bad + QStringLiteral("/data/usage.csv"), "time,node\n2026-01-01T00:00:00Z,n2\n");
        const Run r = cli({ QStringLiteral("verify"), QStringLiteral("--trust"), path(QStringLiteral("trust")),
            QStringLiteral("--json"), good, bad });
        QCOMPARE(r.exitCode, 1);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
        const QJsonObject second = QJsonDocument::fromJson(lines[1]).object();
        QCOMPARE(first.value(QStringLiteral("verdict")).toString(), QStringLiteral("verified"));
        QCOMPARE(second.value(QStringLiteral("verdict")).toString(), QStringLiteral("rejected"));
        QVERIFY(lines[1].contains("digest mismatch"));
    }

    // ---- bundle create: the importer's own parsers before signing, predicates from flags ----
    void bundleCreateRefusesWhatImportWouldRefuse_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("reason");
        const QString csv = path(QStringLiteral("usage.csv"));
        QTest::newRow("no provider") << QStringList { QStringLiteral("--format"),
            QStringLiteral("capaudit-usage-csv/v1"), csv }
                                     << QStringLiteral("/provider");
        QTest::newRow("no format") << QStringList { QStringLiteral("--provider"), QStringLiteral("P"), csv }
                                   << QStringLiteral("--format");
        QTest::newRow("unknown format") << QStringList { QStringLiteral("--provider"), QStringLiteral("P"),
            QStringLiteral("--format"), QStringLiteral("csv"), csv }
                                        << QStringLiteral("is not one of");
        QTest::newRow("metric format without profile") << QStringList { QStringLiteral("--provider"),
            QStringLiteral("P"), QStringLiteral("--format"), QStringLiteral("prometheus-text"), csv }
                                                       << QStringLiteral("profile");
        QTest::newRow("bad period") << QStringList { QStringLiteral("--provider"), QStringLiteral("P"),
            QStringLiteral("--format"), QStringLiteral("capaudit-usage-csv/v1"), QStringLiteral("--period"),
            QStringLiteral("2026-02-01..2026-01-01"), csv }
                                    << QStringLiteral("--period");
        QTest::newRow("bad scrape time") << QStringList { QStringLiteral("--provider"), QStringLiteral("P"),
            QStringLiteral("--format"), QStringLiteral("prometheus-text"), QStringLiteral("--profile"),
            QStringLiteral("node-exporter"), QStringLiteral("--scrape-time"), QStringLiteral("yesterday"), csv }
                                         << QStringLiteral("--scrape-time");
        QTest::newRow("unparsable payload") << QStringList { QStringLiteral("--provider"), QStringLiteral("P"),
            QStringLiteral("--format"), QStringLiteral("capaudit-usage-csv/v1"), path(QStringLiteral("bad.csv")) }
                                            << QStringLiteral("bad.csv");
        QTest::newRow("telemetry without file") << QStringList { QStringLiteral("--provider"), QStringLiteral("P"),
            QStringLiteral("--format"), QStringLiteral("capaudit-usage-csv/v1") }
                                                << QStringLiteral("payload FILE");
    }
    void bundleCreateRefusesWhatImportWouldRefuse()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, reason);
        write(path(QStringLiteral("bad.csv")),
            "time,node,resource_class,tenant,allocated,used,capacity,state\n2026-01-01T00:00:00Z,n1,cpu,,,,lots,up\n");
        const QString out = path(QStringLiteral("refused-") + QString::fromLatin1(QTest::currentDataTag()));
        const Run r = cli(QStringList { QStringLiteral("bundle"), QStringLiteral("create"), QStringLiteral("--out"),
                              out, QStringLiteral("--kind"), QStringLiteral("telemetry"), QStringLiteral("--key"),
                              path(QStringLiteral("signer.key.pem")), QStringLiteral("--period"),
                              QStringLiteral("2026-01-01..2026-01-02") }
            + args); // a row's own --period comes later and wins
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(reason.toUtf8()), r.err.constData());
        QVERIFY(!QFileInfo::exists(out)); // nothing signed
    }

    void bundleCreateBuildsThePredicateFromFlags()
    {
        const QString out = path(QStringLiteral("flags-bundle"));
        const Run r = cli({ QStringLiteral("bundle"), QStringLiteral("create"), QStringLiteral("--out"), out,
            QStringLiteral("--kind"), QStringLiteral("telemetry"), QStringLiteral("--key"),
            path(QStringLiteral("signer.key.pem")), QStringLiteral("--cert"), path(QStringLiteral("signer.pem")),
            QStringLiteral("--chain"), path(QStringLiteral("issuing.pem")), QStringLiteral("--provider"),
            QStringLiteral("Cli Provider"), QStringLiteral("--period"), QStringLiteral("2026-01-01..2026-01-02"),
            QStringLiteral("--format"), QStringLiteral("capaudit-usage-csv/v1"), path(QStringLiteral("usage.csv")) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject predicate = predicateOf(out);
        QCOMPARE(predicate.value(QStringLiteral("provider")).toString(), QStringLiteral("Cli Provider"));
        QCOMPARE(predicate.value(QStringLiteral("period")).toObject().value(QStringLiteral("start")).toString(),
            QStringLiteral("2026-01-01T00:00:00Z"));
        const QJsonObject payload = predicate.value(QStringLiteral("payloads")).toArray().first().toObject();
        QCOMPARE(payload.value(QStringLiteral("path")).toString(), QStringLiteral("data/usage.csv"));
        QCOMPARE(payload.value(QStringLiteral("format")).toString(), QStringLiteral("capaudit-usage-csv/v1"));
        // What bundle create signs, lint (and import) accept.
        const Run lint = cli({ QStringLiteral("lint"), out });
        QVERIFY2(lint.exitCode == 0, lint.out.constData());
    }

    // scrapeTime is a telemetry payload key read by the metric importers (the scrape-time change); the flag writes it.
    void bundleCreateWritesScrapeTime()
    {
        write(path(QStringLiteral("node.prom")),
            "# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n"
            "# TYPE node_cpu_seconds_total counter\n"
            "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 1.5e+06\n");
        const QString out = path(QStringLiteral("scrape-bundle"));
        const Run r = cli({ QStringLiteral("bundle"), QStringLiteral("create"), QStringLiteral("--out"), out,
            QStringLiteral("--kind"), QStringLiteral("telemetry"), QStringLiteral("--key"),
            path(QStringLiteral("signer.key.pem")), QStringLiteral("--provider"), QStringLiteral("Cli Provider"),
            QStringLiteral("--period"), QStringLiteral("2026-01-01..2026-01-02"), QStringLiteral("--format"),
            QStringLiteral("prometheus-text"), QStringLiteral("--profile"), QStringLiteral("node-exporter"),
            QStringLiteral("--scrape-time"), QStringLiteral("2026-01-01T10:00:00Z"),
            path(QStringLiteral("node.prom")) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject payload = predicateOf(out).value(QStringLiteral("payloads")).toArray().first().toObject();
        QCOMPARE(payload.value(QStringLiteral("scrapeTime")).toString(), QStringLiteral("2026-01-01T10:00:00Z"));
        QCOMPARE(payload.value(QStringLiteral("profile")).toString(), QStringLiteral("node-exporter"));
    }

    void directoryPayloadKeepsItsName()
    {
        // A relative directory, with and without a trailing slash, is stored under data/<its name>/ once.
        write(path(QStringLiteral("scrapes/week1/usage.csv")), readAllOf(path(QStringLiteral("import/usage.csv"))));
        QJsonObject predicate =
            QJsonDocument::fromJson(readAllOf(path(QStringLiteral("import/predicate.json")))).object();
        predicate.insert(QStringLiteral("payloads"),
            QJsonArray { QJsonObject { { QStringLiteral("path"), QStringLiteral("data/scrapes/week1/usage.csv") },
                { QStringLiteral("format"), QStringLiteral("capaudit-usage-csv/v1") } } });
        write(path(QStringLiteral("scrapes-predicate.json")), QJsonDocument(predicate).toJson());
        for (const QString& argument : { QStringLiteral("scrapes"), QStringLiteral("scrapes/") }) {
            const QString out = path(QStringLiteral("dir-bundle-%1").arg(argument.size()));
            const Run r = cli({ QStringLiteral("bundle"), QStringLiteral("create"), QStringLiteral("--out"), out,
                                  QStringLiteral("--kind"), QStringLiteral("telemetry"), QStringLiteral("--key"),
                                  path(QStringLiteral("signer.key.pem")), QStringLiteral("--predicate"),
                                  path(QStringLiteral("scrapes-predicate.json")), argument },
                m_dir.path());
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QVERIFY2(QFileInfo::exists(out + QStringLiteral("/data/scrapes/week1/usage.csv")), qPrintable(argument));
        }
    }

    void attestationNeedsNoPayloadFile()
    {
        const QString out = path(QStringLiteral("attestation-bundle"));
        const Run r = cli({ QStringLiteral("bundle"), QStringLiteral("create"), QStringLiteral("--out"), out,
            QStringLiteral("--kind"), QStringLiteral("attestation"), QStringLiteral("--key"),
            path(QStringLiteral("signer.key.pem")), QStringLiteral("--predicate"),
            test::ingestFixture(QStringLiteral("attestation.json")) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/envelope.dsse.json")));
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("/data")));
        const Run lint = cli({ QStringLiteral("lint"), out }); // verifies, parses the claims
        QVERIFY2(lint.exitCode == 0, lint.out.constData());
    }

    // ---- lint: every problem in one pass ----
    void lintListsEveryProblemOnce()
    {
        const QString focus = test::ingestFixture(QStringLiteral("focus-1.0-sample-shapes.csv"));
        const Run r = cli({ QStringLiteral("lint"), QStringLiteral("--focus-version"), QStringLiteral("1.0"), focus });
        QCOMPARE(r.exitCode, 1);
        for (const char* expected :
            { "lines 6-9: BilledCost/decimal (2 rows, quarantined)", "line 7: BillingCurrency/not-null",
                "line 8: ChargeCategory/allowed-values", "line 5: PricingQuantity/sign", "line 10: row/field-count",
                "line 1: header/custom-column", "line 3: ListUnitPrice/negative-on-credit",
                "line 4: ContractedCost/not-null", "6 row(s) an import would quarantine" })
            QVERIFY2(r.out.contains(expected), qPrintable(QString::fromUtf8(r.out) + QLatin1String(expected)));

        const Run json = cli({ QStringLiteral("lint"), QStringLiteral("--json"), QStringLiteral("--focus-version"),
            QStringLiteral("1.2"), focus });
        QCOMPARE(json.exitCode, 1);
        const QJsonObject report = QJsonDocument::fromJson(json.out.trimmed()).object();
        QCOMPARE(report.value(QStringLiteral("quarantinedRows")).toInteger(), 5); // the refund is legal 1.2
        QCOMPARE(report.value(QStringLiteral("rows")).toInteger(), 8);
        QVERIFY(!report.value(QStringLiteral("ok")).toBool());

        // Notes alone (a later-version column) are not errors.
        const Run clean = cli({ QStringLiteral("lint"), QStringLiteral("--focus-version"), QStringLiteral("1.0"),
            test::ingestFixture(QStringLiteral("focus-1.2.csv")) });
        QVERIFY2(clean.exitCode == 0, clean.out.constData());
        QVERIFY(clean.out.contains("note:"));
        QCOMPARE(
            cli({ QStringLiteral("lint"), QStringLiteral("--focus-version"), QStringLiteral("2.0"), focus }).exitCode,
            2);
    }

    void lintListsEveryBadTelemetryLine()
    {
        // Line-based telemetry goes on past a bad line in lint (import still refuses the file at the first one).
        write(path(QStringLiteral("lint/usage.csv")),
            "time,node,resource_class,tenant,allocated,used,capacity,state\n"
            "2026-01-01T00:00:00Z,n1,cpu,,,,64,up\n"
            "2026-01-01T00:05:00Z,n1,cpu,,,,sixty-four,up\n"
            "2026-01-01T00:05:00Z,n1,cpu,t1,4,3,,\n"
            "not-a-time,n1,cpu,,,,64,up\n"
            "2026-01-01T00:10:00Z,n1,cpu,,,,-1,up\n");
        const Run csv = cli({ QStringLiteral("lint"), QStringLiteral("--format"),
            QStringLiteral("capaudit-usage-csv/v1"), path(QStringLiteral("lint/usage.csv")) });
        QCOMPARE(csv.exitCode, 1);
        for (const char* expected : { "usage.csv:3", "usage.csv:5", "usage.csv:6" })
            QVERIFY2(csv.out.contains(expected) || csv.err.contains(expected),
                qPrintable(QString::fromUtf8(csv.out + csv.err) + QLatin1String(expected)));

        write(path(QStringLiteral("lint/node.prom")),
            "# TYPE node_cpu_seconds_total counter\n"
            "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 12 1767225600000\n"
            "node_cpu_seconds_total{cpu=\"0\" mode=\"user\"} 3 1767225600000\n"
            "node_cpu_seconds_total{cpu=\"1\",mode=\"idle\"} twelve 1767225600000\n");
        const Run prom = cli({ QStringLiteral("lint"), QStringLiteral("--format"), QStringLiteral("prometheus-text"),
            QStringLiteral("--profile"), QStringLiteral("node-exporter"), path(QStringLiteral("lint/node.prom")) });
        QCOMPARE(prom.exitCode, 1);
        for (const char* expected : { "node.prom:3", "node.prom:4" })
            QVERIFY2(prom.out.contains(expected) || prom.err.contains(expected),
                qPrintable(QString::fromUtf8(prom.out + prom.err) + QLatin1String(expected)));
    }

    // ---- no silent PASS ----
    void checkFailsOnAVerifiedBundleThatDidNotImport()
    {
        // Signed directly (bundle create would refuse it): a verified bundle whose payload has a bad value on line 3.
        BundleSpec spec;
        spec.kind = BundleKind::Telemetry;
        spec.predicate = { { QStringLiteral("provider"), QStringLiteral("Cli Provider") },
            { QStringLiteral("period"),
                QJsonObject { { QStringLiteral("start"), QStringLiteral("2026-01-01T00:00:00Z") },
                    { QStringLiteral("end"), QStringLiteral("2026-01-02T00:00:00Z") } } },
            { QStringLiteral("payloads"),
                QJsonArray { QJsonObject { { QStringLiteral("path"), QStringLiteral("data/usage.csv") },
                    { QStringLiteral("format"), QStringLiteral("capaudit-usage-csv/v1") } } } } };
        spec.files = { { QStringLiteral("usage.csv"),
            "time,node,resource_class,tenant,allocated,used,capacity,state\n2026-01-01T00:00:00Z,n1,cpu,,,,64,up\n"
            "2026-01-01T00:05:00Z,n1,cpu,t1,many,,,\n" } };
        spec.key = m_pki.signerKey;
        spec.chain = { m_pki.signer, m_pki.intermediate };
        const QString bundle = path(QStringLiteral("unparsable-bundle"));
        QVERIFY(writeBundle(spec, bundle).ok());
        const QString caseFile = path(QStringLiteral("silent.capcase"));
        QCOMPARE(cli({ QStringLiteral("case"), QStringLiteral("init"), caseFile, QStringLiteral("--trust"),
                         path(QStringLiteral("trust")) })
                     .exitCode,
            0);
        QVERIFY(cli({ QStringLiteral("import"), caseFile, bundle }).exitCode != 0);
        const Run check = cli({ QStringLiteral("check"), caseFile });
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.out.contains("evidence.integrity") && check.out.contains("data/usage.csv line 3"),
            check.out.constData());
    }

    // The evidence viewer without a display: cited lines from the case's stored copy, parsed, with statistics.
    void rowsShowsTheCitedLinesFromTheCase()
    {
        const QString bundle = path(QStringLiteral("rows-bundle"));
        const Run created = createImportable(bundle);
        QVERIFY2(created.exitCode == 0, created.err.constData());
        const QString caseFile = path(QStringLiteral("rows.capcase"));
        QCOMPARE(cli({ QStringLiteral("case"), QStringLiteral("init"), caseFile, QStringLiteral("--trust"),
                         path(QStringLiteral("trust")) })
                     .exitCode,
            0);
        const Run imported = cli({ QStringLiteral("import"), caseFile, bundle });
        QVERIFY2(imported.exitCode == 0, imported.out + imported.err);
        const Run verified = cli({ QStringLiteral("verify"), QStringLiteral("--trust"), path(QStringLiteral("trust")),
            QStringLiteral("--json"), bundle });
        const QString digest =
            QJsonDocument::fromJson(verified.out.trimmed()).object().value(QStringLiteral("bundleDigest")).toString();
        QCOMPARE(digest.size(), 64);

        const Run rows = cli({ QStringLiteral("rows"), caseFile, digest.left(12), QStringLiteral("data/usage.csv"),
            QStringLiteral("--lines"), QStringLiteral("3-4"), QStringLiteral("--context"), QStringLiteral("1"),
            QStringLiteral("--json") });
        QVERIFY2(rows.exitCode == 0, rows.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(rows.out).object();
        QCOMPARE(json.value(QStringLiteral("bundle")).toString(), digest);
        QCOMPARE(json.value(QStringLiteral("sha256")).toString(),
            QString::fromLatin1(QCryptographicHash::hash(
                readAllOf(path(QStringLiteral("import/usage.csv"))), QCryptographicHash::Sha256)
                                    .toHex()));
        const QJsonArray list = json.value(QStringLiteral("rows")).toArray();
        QCOMPARE(list.size(), 4); // lines 2..5
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("line")).toInt(), 3);
        QVERIFY(list.at(1).toObject().value(QStringLiteral("cited")).toBool());
        QVERIFY(!list.at(0).toObject().value(QStringLiteral("cited")).toBool());
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("raw")).toString(),
            QStringLiteral("2026-01-01T00:00:00Z,node-0,cpu,tenant-0,4,3,,"));
        // allocated over the cited rows: the tenant row's 4 and the node row's empty cell.
        for (const QJsonValue& s : json.value(QStringLiteral("citedStatistics")).toArray())
            if (s.toObject().value(QStringLiteral("column")).toString() == u"allocated") {
                QCOMPARE(s.toObject().value(QStringLiteral("count")).toInt(), 2);
                QCOMPARE(s.toObject().value(QStringLiteral("empty")).toInt(), 1);
                QCOMPARE(s.toObject().value(QStringLiteral("sum")).toDouble(), 4.0);
            }

        const Run text = cli({ QStringLiteral("rows"), caseFile, digest.left(12), QStringLiteral("data/usage.csv"),
            QStringLiteral("--lines"), QStringLiteral("3") });
        QVERIFY2(text.out.contains(">        3  2026-01-01T00:00:00Z,node-0,cpu,tenant-0,4,3,,"), text.out.constData());
        const Run missing = cli({ QStringLiteral("rows"), caseFile, digest.left(12), QStringLiteral("data/usage.csv"),
            QStringLiteral("--lines"), QStringLiteral("99") });
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(
            missing.err.contains("line 99 is past the end of 'data/usage.csv' (5 lines)"), missing.err.constData());
    }

    void atOptionJudgesValidity()
    {
        const QString b = path(QStringLiteral("b-dir"));
        const Run before = cli({ QStringLiteral("verify"), QStringLiteral("--trust"), path(QStringLiteral("trust")),
            QStringLiteral("--at"), QStringLiteral("2024-01-01T00:00:00Z"), b });
        QCOMPARE(before.exitCode, 1);
        QVERIFY2(before.out.contains("signer.validity"), before.out.constData());
        QCOMPARE(cli({ QStringLiteral("verify"), QStringLiteral("--trust"), path(QStringLiteral("trust")),
                         QStringLiteral("--at"), QStringLiteral("not-a-time"), b })
                     .exitCode,
            2);
    }

    // Who may say what from the command line: trust add --provider, trust list, the hint of a refusal, and a
    // Sigstore trusted root.
    void trustScopes()
    {
        const QString caseFile = path(QStringLiteral("scopes.capcase"));
        const QString bundle = path(QStringLiteral("importable"));
        const Run created = createImportable(bundle);
        QVERIFY2(created.exitCode == 0, created.err.constData());
        const QString bare = path(QStringLiteral("bare-trust"));
        QVERIFY(QDir().mkpath(bare));
        QVERIFY(QFile::copy(path(QStringLiteral("other-trust/root.pem")), bare + QStringLiteral("/stranger.pem")));
        QCOMPARE(
            cli({ QStringLiteral("case"), QStringLiteral("init"), caseFile, QStringLiteral("--trust"), bare }).exitCode,
            0);
        write(path(QStringLiteral("cli-root.pem")), m_pki.root.toPem());
        QCOMPARE(cli({ QStringLiteral("trust"), QStringLiteral("add"), caseFile, path(QStringLiteral("cli-root.pem")),
                         QStringLiteral("--label"), QStringLiteral("Cli root"), QStringLiteral("--role"),
                         QStringLiteral("owner") })
                     .exitCode,
            2);
        // Trusted, but as an auditor: the bundle is rejected and the hint names the command that would authorize it.
        QCOMPARE(cli({ QStringLiteral("trust"), QStringLiteral("add"), caseFile, path(QStringLiteral("cli-root.pem")),
                         QStringLiteral("--label"), QStringLiteral("Cli root"), QStringLiteral("--role"),
                         QStringLiteral("auditor"), QStringLiteral("--provider"), QStringLiteral("Cli Provider") })
                     .exitCode,
            0);
        const Run refused = cli({ QStringLiteral("import"), caseFile, bundle, QStringLiteral("--json") });
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.out.contains("signer.authorized"), refused.out.constData());
        QVERIFY2(refused.out.contains("--role provider --provider 'Cli Provider'"), refused.out.constData());
        const Run verified =
            cli({ QStringLiteral("verify"), QStringLiteral("--trust"), path(QStringLiteral("trust")), bundle });
        QVERIFY2(verified.out.contains("scope 'Cli Provider'"), verified.out.constData());

        const Run added = cli({ QStringLiteral("trust"), QStringLiteral("add"), caseFile,
            path(QStringLiteral("cli-root.pem")), QStringLiteral("--label"), QStringLiteral("Cli root"),
            QStringLiteral("--role"), QStringLiteral("provider"), QStringLiteral("--provider"),
            QStringLiteral("Cli Provider"), QStringLiteral("--provider"), QStringLiteral("Cli Two") });
        QVERIFY2(added.exitCode == 0, added.err.constData());
        QVERIFY2(added.out.contains("scope: 'Cli Provider', 'Cli Two'"), added.out.constData());
        const Run imported = cli({ QStringLiteral("import"), caseFile, bundle });
        QVERIFY2(imported.exitCode == 0, imported.out.constData() + imported.err);

        const Run list = cli({ QStringLiteral("trust"), QStringLiteral("list"), caseFile });
        QVERIFY2(list.out.contains("scope: 'Cli Provider', 'Cli Two'"), list.out.constData());
        QVERIFY2(list.out.contains("scope: none (authorizes no evidence)"), list.out.constData());
        const Run json = cli({ QStringLiteral("trust"), QStringLiteral("list"), caseFile, QStringLiteral("--json"),
            QStringLiteral("--all") });
        const QJsonArray anchors =
            QJsonDocument::fromJson(json.out).object().value(QStringLiteral("anchors")).toArray();
        QCOMPARE(anchors.size(), 3); // the stranger, the auditor anchor (removed), the provider anchor
        QCOMPARE(anchors.last().toObject().value(QStringLiteral("providers")).toArray(),
            (QJsonArray { QStringLiteral("Cli Provider"), QStringLiteral("Cli Two") }));
        QCOMPARE(anchors.last().toObject().value(QStringLiteral("role")).toString(), QStringLiteral("provider"));
        QVERIFY(anchors.at(1).toObject().value(QStringLiteral("removedSeq")).toInt() > 0);
        const Run intact = cli({ QStringLiteral("verify-case"), caseFile });
        QVERIFY2(intact.exitCode == 0, intact.out.constData() + intact.err);
    }

    void trustedRootImport()
    {
        const QString trustedRoot =
            QStringLiteral(CAPAUDIT_SHARED_DIR "/testvectors/sigstore-conformance/trusted_root.public_good.json");
        if (!QFile::exists(trustedRoot))
            QSKIP("the Sigstore conformance vectors are not available");
        const QString caseFile = path(QStringLiteral("sigstore.capcase"));
        QCOMPARE(cli({ QStringLiteral("case"), QStringLiteral("init"), caseFile, QStringLiteral("--trust"),
                         path(QStringLiteral("trust")) })
                     .exitCode,
            0);
        const Run r = cli({ QStringLiteral("trust"), QStringLiteral("add"), caseFile, trustedRoot });
        QVERIFY2(r.exitCode == 0, r.out.constData() + r.err);
        QVERIFY2(r.out.contains("--provider NAME"), r.out.constData()); // unscoped Fulcio CAs authorize nothing
        const Run json = cli({ QStringLiteral("trust"), QStringLiteral("list"), caseFile, QStringLiteral("--json") });
        int fulcio = 0, rekor = 0;
        for (const QJsonValue a :
            QJsonDocument::fromJson(json.out).object().value(QStringLiteral("anchors")).toArray()) {
            const QJsonObject o = a.toObject();
            if (o.value(QStringLiteral("file")).toString().startsWith(QLatin1String("fulcio-"))) {
                ++fulcio;
                QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("root-certificate"));
                QCOMPARE(o.value(QStringLiteral("providers")).toArray(), QJsonArray());
            }
            if (o.value(QStringLiteral("file")).toString().startsWith(QLatin1String("rekor-"))) {
                ++rekor;
                QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("log-key"));
                QCOMPARE(o.value(QStringLiteral("role")).toString(), QStringLiteral("transparency-log"));
                QVERIFY(!o.value(QStringLiteral("origin")).toString().isEmpty());
            }
        }
        QVERIFY(fulcio >= 1);
        QVERIFY(rekor >= 1);
        // Scoped and pinned on import into another case.
        const QString pinned = path(QStringLiteral("sigstore-pinned.capcase"));
        QCOMPARE(cli({ QStringLiteral("case"), QStringLiteral("init"), pinned, QStringLiteral("--trust"),
                         path(QStringLiteral("trust")) })
                     .exitCode,
            0);
        const Run scoped = cli({ QStringLiteral("trust"), QStringLiteral("add"), pinned, trustedRoot,
            QStringLiteral("--provider"), QStringLiteral("Cli Provider"), QStringLiteral("--san"),
            QStringLiteral("ci@example.com"), QStringLiteral("--issuer"), QStringLiteral("https://accounts.example") });
        QVERIFY2(scoped.exitCode == 0, scoped.out.constData() + scoped.err);
        QVERIFY2(
            scoped.out.contains("identity: 'ci@example.com' from 'https://accounts.example'"), scoped.out.constData());
    }

    // The demo's forked log through the CLI: import says LOG under the second view and still imports it, verify-case
    // re-judges the chain (intact, one break), check fails on the critical evidence.log-consistency finding.
    void logSplitViewThroughTheCli()
    {
        const QString demo = path(QStringLiteral("split-demo"));
        QCOMPARE(
            cli({ QStringLiteral("demo"), QStringLiteral("--out"), demo, QStringLiteral("--days"), QStringLiteral("7"),
                    QStringLiteral("--step"), QStringLiteral("1h"), QStringLiteral("--nodes"), QStringLiteral("3"),
                    QStringLiteral("--faults"), QStringLiteral("log-split-view"), QStringLiteral("--quiet") })
                .exitCode,
            0);
        const QString casePath = path(QStringLiteral("split.capcase"));
        QCOMPARE(cli({ QStringLiteral("case"), QStringLiteral("init"), casePath, QStringLiteral("--trust"),
                         demo + QStringLiteral("/trust") })
                     .exitCode,
            0);
        QStringList args { QStringLiteral("import"), casePath };
        for (const QString& b :
            QDir(demo + QStringLiteral("/bundles")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot))
            args << demo + QStringLiteral("/bundles/") + b;
        const Run imported = cli(args);
        QCOMPARE(imported.exitCode, 0);
        QCOMPARE(imported.out.count("\nLOG       "), 1);
        QVERIFY2(imported.out.contains("split view"), imported.out.constData());
        const Run verified = cli({ QStringLiteral("verify-case"), casePath });
        QCOMPARE(verified.exitCode, 0);
        QVERIFY2(verified.out.contains("LOG       split-view 'capaudit.demo/log'"), verified.out.constData());
        QVERIFY2(verified.out.contains("2 log checkpoints of 1 log(s) with 1 break(s)"), verified.out.constData());
        const Run checked = cli({ QStringLiteral("check"), casePath, QStringLiteral("--json") });
        QCOMPARE(checked.exitCode, 1);
        const QJsonArray findings = QJsonDocument::fromJson(checked.out).object().value(u"findings").toArray();
        int split = 0;
        for (const QJsonValue& f : findings)
            if (f.toObject().value(u"rule").toString() == u"evidence.log-consistency") {
                ++split;
                QCOMPARE(f.toObject().value(u"severity").toString(), QStringLiteral("critical"));
            }
        QCOMPARE(split, 1);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
