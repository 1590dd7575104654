// SPDX-License-Identifier: GPL-3.0-or-later
// Fault injection with nothing lost (docs/fuzzing.md "Fault injection"): SQLite I/O errors, short writes and sync
// failures from a VFS shim at every write of an import, disk full (RLIMIT_FSIZE in a child process) during import,
// report and bundle creation, an output that cannot be written, and two processes importing into one case. After
// each fault the case opens, verify-case says intact, every import either happened whole (with its trail entry) or
// not at all, and no half-written report or bundle is left.
#include "casefixture.h"
#include "faultvfs.h"
#include "reportwriter.h"
#include "store/caseimporter.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <limits>
#include <sys/resource.h>

using namespace capaudit;
using namespace capaudit::test;

namespace {

const QString kReportEntries = QStringLiteral("SELECT count(*) FROM audit_trail WHERE action = 'report-exported'");

// Runs capaudit-cli ARGS; with FSIZELIMIT > 0 the child may write no file beyond that many bytes (EFBIG instead of
// SIGXFSZ), which is how a full disk looks to a program.
struct CliRun {
    int exitCode = -1;
    QString output;
};

// With ADDRESSLIMIT > 0 the child's address space is capped there: allocations beyond it fail, as they do when a
// workstation runs out of memory.
CliRun runCli(const QStringList& args, qint64 fsizeLimit = 0, qint64 addressLimit = 0)
{
    QProcess process;
    if (fsizeLimit > 0 || addressLimit > 0)
        process.setChildProcessModifier([fsizeLimit, addressLimit] {
            if (fsizeLimit > 0) {
                const rlimit limit { rlim_t(fsizeLimit), rlim_t(fsizeLimit) };
                setrlimit(RLIMIT_FSIZE, &limit);
                signal(SIGXFSZ, SIG_IGN);
            }
            if (addressLimit > 0) {
                const rlimit limit { rlim_t(addressLimit), rlim_t(addressLimit) };
                setrlimit(RLIMIT_AS, &limit);
            }
        });
    process.setProcessChannelMode(QProcess::MergedChannels);
    // A child that runs out of memory may die before it can remove the bundle it unpacked: its temporary files go
    // to a directory this run removes, not to the machine's /tmp.
    QTemporaryDir scratch;
    if (addressLimit > 0 && scratch.isValid()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TMPDIR"), scratch.path());
        process.setProcessEnvironment(env);
    }
    process.start(QStringLiteral(CAPAUDIT_CLI_PATH), args);
    // A hang is a failure of its own (it was one: a thread pool waiting for a worker that could not start).
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return { -2,
            QStringLiteral("capaudit-cli did not finish within 120 s\n") + QString::fromUtf8(process.readAll()) };
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAll()) };
}

// Entries of DIR other than KEEP: leftovers of an interrupted write (QSaveFile temporaries, half files).
QStringList leftovers(const QString& dir, const QStringList& keep = {})
{
    QStringList out;
    for (const QString& name : QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        if (!keep.contains(name))
            out << name;
    return out;
}

} // namespace

class TestFaultInjection : public QObject, public CaseFixture {
    Q_OBJECT

    QString m_small; // a telemetry bundle small enough to fault every one of its writes in turn
    QString m_base; // a case holding the attestation bundle; each fault run works on a copy

    // Opens PATH afresh (no fault armed) and checks it is intact with EXPECTEDBUNDLES bundles, each with its trail
    // entry (verify-case checks the pairing).
    void checkIntact(const QString& path, qint64 expectedBundles, const QString& context)
    {
        FaultVfs::disarm();
        auto store = CaseStore::open(path);
        QVERIFY2(store.ok(), qPrintable(context + QStringLiteral(": ") + store.error().toString()));
        const CaseVerification v = verifyCase(**store);
        QVERIFY2(v.intact(), qPrintable(context + QStringLiteral(":\n") + listed(v.problems)));
        QCOMPARE(v.bundles, expectedBundles);
    }

    QString copyOfBase(const QString& name)
    {
        const QString copy = path(name);
        QFile::remove(copy);
        if (!QFile::copy(m_base, copy))
            qFatal("cannot copy the base case");
        return copy;
    }

    // Imports m_small into a copy of the base case with FAULT at the Nth write/sync, for N = 1, 2, ... until an
    // import completes without the fault firing. Every run: all or nothing, and the case intact afterwards.
    void importUnderVfsFault(Fault fault)
    {
        int failures = 0, imported = 0;
        for (int nth = 1; nth < 2000; ++nth) {
            const QString casePath = copyOfBase(QStringLiteral("vfs-%1.capcase").arg(nth));
            bool fired = false;
            bool ok = false;
            {
                auto store = CaseStore::open(casePath);
                QVERIFY2(store.ok(), qPrintable(store.error().toString()));
                FaultVfs::arm(fault, nth);
                const ImportResult r = CaseImporter(**store).importBundle(m_small);
                // Closing checkpoints the WAL into the case file: its writes and syncs are faulted too.
                store->reset();
                fired = FaultVfs::fired();
                FaultVfs::disarm();
                ok = r.ok();
            }
            const QString context = QStringLiteral("fault at call %1").arg(nth);
            // Imported means the bundle and its trail entry are in the case; otherwise neither is.
            const qint64 bundles = scalar(casePath, QStringLiteral("SELECT count(*) FROM bundles"));
            QVERIFY2(bundles == (ok ? 2 : 1) || (!ok && fired && bundles == 2),
                qPrintable(context + QStringLiteral(": %1 bundles").arg(bundles)));
            checkIntact(casePath, bundles, context);
            if (QTest::currentTestFailed())
                return;
            QFile::remove(casePath);
            if (!fired) {
                QVERIFY2(ok, qPrintable(context + QStringLiteral(": import failed without a fault")));
                QVERIFY2(failures > 0, "no injected fault ever made the import fail");
                qInfo(
                    "%d fault points, %d ended in a failed import, %d in a completed one", nth - 1, failures, imported);
                return;
            }
            ok ? ++imported : ++failures;
        }
        QFAIL("the import never completed without hitting the fault");
    }

private slots:
    void initTestCase()
    {
        initFixture();
        FaultVfs::install();
        m_small = writeTelemetry(m_provider, path(QStringLiteral("small")), QStringLiteral("provider-a"),
            usageCsv(kStart, 6, 2, 1), kStart, 6);
        m_base = path(QStringLiteral("base.capcase"));
        auto store = newCase(QStringLiteral("base.capcase"));
        QVERIFY(store);
        const ImportResult r = CaseImporter(*store).importBundle(m_attestation);
        QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    }

    void vfsWriteErrorsDuringImport()
    {
        importUnderVfsFault(Fault::WriteError);
    }

    void vfsShortWritesDuringImport()
    {
        importUnderVfsFault(Fault::TornWrite);
    }

    void vfsSyncErrorsDuringImport()
    {
        importUnderVfsFault(Fault::SyncError);
    }

    void sqliteOutOfMemoryDuringImport()
    {
        // SQLite's own discipline: from the Nth allocation on, every SQLite allocation fails. An import makes
        // thousands, so every one of the first 60 and then 120 points spread over the rest are tried; each run is
        // all or nothing, and the case opens intact afterwards.
        int total = 0;
        {
            const QString casePath = copyOfBase(QStringLiteral("oom-count.capcase"));
            auto store = CaseStore::open(casePath);
            QVERIFY(store.ok());
            FaultVfs::arm(Fault::OutOfMemory, std::numeric_limits<int>::max());
            QVERIFY(CaseImporter(**store).importBundle(m_small).ok());
            store->reset();
            total = FaultVfs::calls();
            FaultVfs::disarm();
        }
        QVERIFY2(total > 100, "the allocator shim saw no SQLite allocations");
        QList<int> points;
        for (int nth = 1; nth <= 60; ++nth)
            points << nth;
        for (int i = 1; i <= 120; ++i)
            points << 60 + int(qint64(total - 60) * i / 120);
        int failures = 0, imported = 0;
        for (int nth : std::as_const(points)) {
            const QString casePath = copyOfBase(QStringLiteral("oom-%1.capcase").arg(nth));
            bool ok = false, fired = false;
            {
                auto store = CaseStore::open(casePath);
                QVERIFY2(store.ok(), qPrintable(store.error().toString()));
                FaultVfs::arm(Fault::OutOfMemory, nth);
                const ImportResult r = CaseImporter(**store).importBundle(m_small);
                store->reset();
                fired = FaultVfs::fired();
                FaultVfs::disarm();
                ok = r.ok();
                if (!ok)
                    QVERIFY2(!r.error.reason.isEmpty(), "a failed import gives no reason");
            }
            const QString context = QStringLiteral("out of memory from SQLite allocation %1 of %2").arg(nth).arg(total);
            const qint64 bundles = scalar(casePath, QStringLiteral("SELECT count(*) FROM bundles"));
            QVERIFY2(bundles == (ok ? 2 : 1) || (!ok && fired && bundles == 2),
                qPrintable(context + QStringLiteral(": %1 bundles").arg(bundles)));
            checkIntact(casePath, bundles, context);
            if (QTest::currentTestFailed())
                return;
            QFile::remove(casePath);
            ok ? ++imported : ++failures;
        }
        QVERIFY2(failures > 0, "no injected allocation failure made the import fail");
        qInfo("%lld points over %d SQLite allocations: %d failed imports, %d completed", qint64(points.size()), total,
            failures, imported);
    }

    void processOutOfMemoryDuringImport()
    {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        QSKIP("sanitizer runtimes reserve terabytes of address space; RLIMIT_AS cannot model memory exhaustion");
#endif
        // The whole capaudit-cli process runs out of memory (RLIMIT_AS): Qt, OpenSSL, libarchive and the importer's
        // own allocations fail at points a SQLite shim cannot reach, and the process may abort with std::bad_alloc.
        // Whatever it does, the case is intact and the import happened whole or not at all. The limits sweep from
        // where the program can barely start to where the import succeeds.
        qint64 low = 8 << 20, high = 4LL << 30;
        auto runs = [&](qint64 limit) { return runCli({ QStringLiteral("--version") }, 0, limit).exitCode == 0; };
        QVERIFY(runs(high));
        while (high - low > (4 << 20)) {
            const qint64 mid = (low + high) / 2;
            (runs(mid) ? high : low) = mid;
        }
        const qint64 starts = high;
        int failed = 0, succeeded = 0;
        // 1 MiB apart: a thread's stack reservation (8 MiB), a parser buffer or a SQLite page cache each tip over at
        // a different limit.
        for (int step = 0; step < 40; ++step) {
            const qint64 limit = starts + step * (1LL << 20);
            const QString casePath = copyOfBase(QStringLiteral("as-%1.capcase").arg(step));
            const CliRun run = runCli({ QStringLiteral("import"), casePath, m_bundle }, 0, limit);
            const QString context =
                QStringLiteral("address space %1 MiB: exit %2\n%3").arg(limit >> 20).arg(run.exitCode).arg(run.output);
            QVERIFY2(run.exitCode != -2, qPrintable(context));
            const qint64 bundles = scalar(casePath, QStringLiteral("SELECT count(*) FROM bundles"));
            QVERIFY2(bundles == (run.exitCode == 0 ? 2 : 1), qPrintable(context));
            checkIntact(casePath, bundles, context);
            if (QTest::currentTestFailed())
                return;
            run.exitCode == 0 ? ++succeeded : ++failed;
            QFile::remove(casePath);
        }
        qInfo("process starts at %lld MiB; 40 limits from there: %d imports failed, %d succeeded", starts >> 20, failed,
            succeeded);
        QVERIFY2(failed > 0, "no limit made the import run out of memory");
        QVERIFY2(succeeded > 0, "the import never succeeded within the limits tried");
    }

    void importUnderDiskFull()
    {
        // Limits below and around the case's size: the WAL or the checkpoint runs out of room at different points.
        for (qint64 limit : { 8LL << 10, 64LL << 10, 192LL << 10, 512LL << 10 }) {
            const QString casePath = copyOfBase(QStringLiteral("full-%1.capcase").arg(limit));
            const CliRun run = runCli({ QStringLiteral("import"), casePath, m_bundle }, limit);
            const QString context =
                QStringLiteral("limit %1: exit %2\n%3").arg(limit).arg(run.exitCode).arg(run.output);
            // A failed import names the full disk and exits 2 (an I/O error), whether the disk filled while the
            // archive was extracted, while rows were stored or at COMMIT: a full disk is never a finding about the
            // bundle, so it is neither recorded as rejected nor held against the provider by `check`.
            QVERIFY2(run.exitCode == 0
                    || (run.exitCode == 2
                        && (run.output.contains(QLatin1String("File too large"))
                            || run.output.contains(QLatin1String("disk I/O error"))
                            || run.output.contains(QLatin1String("disk is full")))),
                qPrintable(context));
            const qint64 bundles = scalar(casePath, QStringLiteral("SELECT count(*) FROM bundles"));
            QVERIFY2(bundles == (run.exitCode == 0 ? 2 : 1), qPrintable(context));
            checkIntact(casePath, bundles, context);
            QVERIFY2(scalar(casePath,
                         QStringLiteral("SELECT count(*) FROM audit_trail WHERE action = 'import-rejected' "
                                        "OR (action = 'import-failed' AND "
                                        "json_extract(details, '$.error.local') IS NOT 1)"))
                    == 0,
                qPrintable(context));
            if (run.exitCode != 0) {
                const CliRun check = runCli({ QStringLiteral("check"), casePath, QStringLiteral("--json") });
                QVERIFY2(!check.output.contains(QLatin1String("evidence.import-failed"))
                        && !check.output.contains(QLatin1String("\"verdict\": \"rejected\"")),
                    qPrintable(context + QStringLiteral("\n") + check.output.left(2000)));
            }
            // With room again the same import succeeds: nothing half-done stands in its way.
            const CliRun again = runCli({ QStringLiteral("import"), casePath, m_bundle });
            QVERIFY2(again.exitCode == 0, qPrintable(again.output));
            checkIntact(casePath, 2, context);
        }
    }

    void reportUnderDiskFull()
    {
        const QString casePath = copyOfBase(QStringLiteral("report-full.capcase"));
        QVERIFY(runCli({ QStringLiteral("import"), casePath, m_bundle }).exitCode == 0);
        const QString outDir = path(QStringLiteral("report-full"));
        QVERIFY(QDir().mkpath(outDir));
        const QString out = outDir + QStringLiteral("/report.pdf");
        const CliRun run = runCli({ QStringLiteral("report"), casePath, QStringLiteral("--out"), out }, 32 << 10);
        QVERIFY2(run.exitCode == 2, qPrintable(run.output));
        QVERIFY2(run.output.contains(QLatin1String("report.pdf")), qPrintable(run.output));
        QVERIFY2(leftovers(outDir).isEmpty(), qPrintable(leftovers(outDir).join(QLatin1Char(' '))));
        QCOMPARE(scalar(casePath, kReportEntries), 0);
        checkIntact(casePath, 2, QStringLiteral("report under disk full"));
    }

    // verify-case writes a stored bundle's envelope and chain out to re-verify it, never its data files: a case
    // whose payloads outgrow the free space still verifies (the room here is a fifth of the payload).
    void verifyCaseNeedsNoRoomForPayloads()
    {
        const QString casePath = copyOfBase(QStringLiteral("verify-full.capcase"));
        QVERIFY(runCli({ QStringLiteral("import"), casePath, m_bundle }).exitCode == 0);
        QVERIFY2(m_csv.size() > (64 << 10), qPrintable(QString::number(m_csv.size())));
        const CliRun run = runCli({ QStringLiteral("verify-case"), casePath }, m_csv.size() / 5);
        QVERIFY2(run.exitCode == 0 && run.output.contains(QLatin1String("intact")), qPrintable(run.output));
    }

    void reportWithUnwritableManifest()
    {
        // The PDF can be written, its manifest cannot (a directory is in the way): no report without its manifest.
        const QString casePath = copyOfBase(QStringLiteral("report-manifest.capcase"));
        const QString outDir = path(QStringLiteral("report-manifest"));
        QVERIFY(QDir().mkpath(outDir + QStringLiteral("/report.pdf.manifest.json")));
        auto store = CaseStore::open(casePath);
        QVERIFY(store.ok());
        reports::ReportOptions options;
        options.outputPath = outDir + QStringLiteral("/report.pdf");
        const auto written = reports::writeReport(**store, options);
        QVERIFY(!written.ok());
        QCOMPARE(leftovers(outDir), QStringList { QStringLiteral("report.pdf.manifest.json") });
        store->reset();
        checkIntact(casePath, 1, QStringLiteral("unwritable manifest"));
    }

    void reportUnderVfsFaults()
    {
        // A report is its PDF, manifest and "report-exported" trail entry together. Fail each SQLite write of a
        // report run in turn (the policy it saves, the trail entry, the checkpoint): either everything is there or
        // nothing is, and the case stays intact.
        const QString casePath = copyOfBase(QStringLiteral("report-vfs.capcase"));
        const QString outDir = path(QStringLiteral("report-vfs"));
        int failures = 0;
        for (int nth = 1; nth < 200; ++nth) {
            QDir(outDir).removeRecursively();
            QVERIFY(QDir().mkpath(outDir));
            const qint64 entriesBefore = scalar(casePath, kReportEntries);
            bool fired = false, ok = false;
            {
                auto store = CaseStore::open(casePath);
                QVERIFY(store.ok());
                reports::ReportOptions options;
                options.outputPath = outDir + QStringLiteral("/report.pdf");
                FaultVfs::arm(Fault::WriteError, nth);
                ok = reports::writeReport(**store, options).ok();
                store->reset();
                fired = FaultVfs::fired();
                FaultVfs::disarm();
            }
            const QString context = QStringLiteral("report, fault at write %1").arg(nth);
            const bool recorded = scalar(casePath, kReportEntries) == entriesBefore + 1;
            const QStringList files = leftovers(outDir);
            if (files.isEmpty())
                QVERIFY2(!ok && !recorded, qPrintable(context + QStringLiteral(": trail entry without its report")));
            else
                QVERIFY2(recorded && files.size() == 2,
                    qPrintable(context + QStringLiteral(": ") + files.join(QLatin1Char(' '))));
            checkIntact(casePath, 1, context);
            if (QTest::currentTestFailed())
                return;
            if (!fired) {
                QVERIFY(ok);
                QVERIFY2(failures > 0, "no injected fault made the report fail");
                qInfo("%d fault points, %d failed reports", nth - 1, failures);
                return;
            }
            failures += ok ? 0 : 1;
        }
        QFAIL("the report never completed without hitting the fault");
    }

    void bundleCreateUnderDiskFull()
    {
        const QString outDir = path(QStringLiteral("bundle-full"));
        QVERIFY(QDir().mkpath(outDir));
        const QString data = path(QStringLiteral("big-usage.csv"));
        QFile csv(data);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write(usageCsv(kStart, 400, 4, 3));
        csv.close();
        const QString key = path(QStringLiteral("signer.key.pem"));
        QFile keyFile(key);
        QVERIFY(keyFile.open(QIODevice::WriteOnly));
        keyFile.write(m_provider.signerKey.toPem());
        keyFile.close();
        for (const QString& name : { QStringLiteral("b.tar.gz"), QStringLiteral("b.zip"), QStringLiteral("b-dir") }) {
            const QString out = outDir + QLatin1Char('/') + name;
            const CliRun run =
                runCli({ QStringLiteral("bundle"), QStringLiteral("create"), QStringLiteral("--out"), out,
                           QStringLiteral("--kind"), QStringLiteral("telemetry"), QStringLiteral("--key"), key,
                           QStringLiteral("--provider"), QStringLiteral("Provider A"), QStringLiteral("--period"),
                           QStringLiteral("2026-01-01T00:00:00Z..2026-01-03T00:00:00Z"), QStringLiteral("--format"),
                           QStringLiteral("capaudit-usage-csv/v1"), data },
                    16 << 10);
            QVERIFY2(run.exitCode == 2, qPrintable(name + QStringLiteral(": ") + run.output));
            QVERIFY2(leftovers(outDir).isEmpty(),
                qPrintable(name + QStringLiteral(": ") + leftovers(outDir).join(QLatin1Char(' '))));
        }
    }

    void twoProcessesImportIntoOneCase()
    {
        // Two capaudit-cli processes import different bundles into the same case at the same time: SQLite's lock
        // serialises them (the second waits), both succeed, and both imports and trail entries are there.
        const QString casePath = copyOfBase(QStringLiteral("two.capcase"));
        QProcess first, second;
        for (QProcess* p : { &first, &second })
            p->setProcessChannelMode(QProcess::MergedChannels);
        first.start(QStringLiteral(CAPAUDIT_CLI_PATH), { QStringLiteral("import"), casePath, m_bundle });
        second.start(QStringLiteral(CAPAUDIT_CLI_PATH), { QStringLiteral("import"), casePath, m_small });
        QVERIFY(first.waitForFinished(120000) && second.waitForFinished(120000));
        QVERIFY2(first.exitCode() == 0, first.readAll().constData());
        QVERIFY2(second.exitCode() == 0, second.readAll().constData());
        checkIntact(casePath, 3, QStringLiteral("two importers"));
    }

    void importWhileAnotherConnectionWrites()
    {
        // The GUI (another connection) holds the write lock for a while; the CLI import waits for it and succeeds.
        const QString casePath = copyOfBase(QStringLiteral("held.capcase"));
        auto holder = CaseStore::open(casePath);
        QVERIFY(holder.ok());
        QVERIFY((*holder)->database().exec("BEGIN IMMEDIATE").ok());
        QProcess cli;
        cli.setProcessChannelMode(QProcess::MergedChannels);
        cli.start(QStringLiteral(CAPAUDIT_CLI_PATH), { QStringLiteral("import"), casePath, m_small });
        QVERIFY(!cli.waitForFinished(1500)); // still waiting for the lock
        QVERIFY((*holder)->database().exec("COMMIT").ok());
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAll().constData());
        holder->reset();
        checkIntact(casePath, 2, QStringLiteral("held lock"));
    }
};

QTEST_MAIN(TestFaultInjection)
#include "tst_faultinjection.moc"
