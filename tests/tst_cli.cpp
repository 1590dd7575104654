// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-cli as a user runs it: exit codes, JSON output, help, and bundle creation from files on disk.
#include "testpki.h"
#include "testsupport.h"

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

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(CAPAUDIT_CLI_PATH), args);
    p.waitForFinished(120000);
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError() };
}

void write(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
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

private slots:
    void initTestCase()
    {
        m_pki = test::TestPki::create(QStringLiteral("Cli Provider"));
        m_pki.writeTrustStore(path(QStringLiteral("trust")));
        test::TestPki::create(QStringLiteral("Stranger")).writeTrustStore(path(QStringLiteral("other-trust")));
        write(path(QStringLiteral("signer.key.pem")), m_pki.signerKey.toPem());
        write(path(QStringLiteral("signer.pem")), m_pki.signer.toPem());
        write(path(QStringLiteral("issuing.pem")), m_pki.intermediate.toPem());
        write(path(QStringLiteral("usage.csv")), "time,node\n2026-01-01T00:00:00Z,n1\n");
        write(path(QStringLiteral("predicate.json")), R"({"provider":"Cli Provider","meter":"provider"})");
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
            path(QStringLiteral("signer.key.pem")), path(QStringLiteral("usage.csv")) });
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
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
