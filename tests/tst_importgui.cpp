// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI's import (offscreen): the one dialog for files and folders mixed, the drop, the progress that knows its
// bundle count, the same outcome as `capaudit-cli import`, and the summary that keeps every rejected bundle's provider,
// failed check, full reason and hint, on screen and on the clipboard.
#include "demo/democonfig.h"
#include "dialogs/importdialog.h"
#include "dialogs/importprogressdialog.h"
#include "dialogs/importsummarydialog.h"
#include "evidence/truststore.h"
#include "guidrop.h"
#include "guitestcase.h"
#include "jobs/importjob.h"
#include "mainwindow.h"
#include "store/casestore.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace capaudit;

namespace {

enum Column { BundleColumn, ResultColumn, ProviderColumn, RowsColumn, CheckColumn, ReasonColumn, HintColumn };

QStringList outcomes(const QList<ImportResult>& results)
{
    QStringList out;
    for (const ImportResult& r : results)
        out.append(importOutcomeName(r.outcome));
    return out;
}

bool copyTree(const QString& from, const QString& to)
{
    if (QFileInfo(from).isFile())
        return QFile::copy(from, to);
    if (!QDir().mkpath(to))
        return false;
    for (const QFileInfo& e : QDir(from).entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot))
        if (!copyTree(e.absoluteFilePath(), QDir(to).filePath(e.fileName())))
            return false;
    return true;
}

QStringList trailActions(CaseStore& store)
{
    QStringList out;
    if (Result<QList<TrailEntry>> t = store.trail())
        for (const TrailEntry& e : *t)
            out.append(e.action);
    return out;
}

} // namespace

class TestImportGui : public QObject {
    Q_OBJECT

private:
    // A new case trusting the demo's trust store; returns its path.
    QString freshCase(const QString& name)
    {
        Result<TrustStore> trust = TrustStore::loadDirectory(m_demo.demoDir + QStringLiteral("/trust"));
        if (!trust)
            return {};
        const QString path = m_dir.filePath(name);
        Result<std::unique_ptr<CaseStore>> store = CaseStore::create(path, name, trust->anchors());
        return store ? path : QString();
    }
    QString bundlesFolder() const
    {
        return m_demo.demoDir + QStringLiteral("/bundles");
    }
    // The whole bundles folder through the GUI's job, as File > Import… runs it.
    BatchImportResult importThroughJob(const QString& casePath, QString* firstLabel = nullptr)
    {
        ImportJob job;
        ImportProgressDialog progress(&job); // made before start(), as MainWindow does
        QSignalSpy finished(&job, &ImportJob::finished);
        connect(&job, &ImportJob::bundleStarted, &job, [&](int index, int, const QString&) {
            if (index == 0 && firstLabel)
                *firstLabel = progress.findChild<QLabel*>(QStringLiteral("bundleLabel"))->text();
        });
        job.start(casePath, { bundlesFolder() }, false);
        if (!finished.wait(180000))
            return {};
        return job.batch();
    }

    QTemporaryDir m_dir;
    test::DemoCase m_demo;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("CapAuditTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_importgui"));
        QVERIFY(m_dir.isValid());
        demo::DemoConfig config;
        config.seed = 5;
        config.days = 7;
        config.stepSeconds = 3600;
        config.providers = 2;
        config.nodesPerProvider = 3;
        config.faults = demo::allFaultKinds();
        Result<test::DemoCase> demo = test::makeDemoCase(m_dir.path(), config);
        QVERIFY2(demo.ok(), qPrintable(demo.error().toString()));
        m_demo = *demo;
    }

    void progressKnowsTheBundleCountOfAFolder()
    {
        const int count = int(expandBundlePaths({ bundlesFolder() }).size());
        QVERIFY(count > 3);
        QString label;
        const BatchImportResult batch = importThroughJob(freshCase(QStringLiteral("progress.capcase")), &label);
        QCOMPARE(int(batch.results.size()), count);
        QVERIFY2(label.contains(QStringLiteral("Bundle 1 of %1").arg(count)), qPrintable(label));
    }

    void guiAndCliGiveTheSameResult()
    {
        const QString viaGui = freshCase(QStringLiteral("gui.capcase"));
        const QString viaCli = freshCase(QStringLiteral("cli.capcase"));
        const BatchImportResult batch = importThroughJob(viaGui);
        QVERIFY(!batch.results.isEmpty());
        QVERIFY(!batch.rolledBack);
        QProcess cli;
        cli.start(QStringLiteral(CAPAUDIT_CLI_PATH),
            { QStringLiteral("import"), viaCli, bundlesFolder(), QStringLiteral("--json") });
        QVERIFY(cli.waitForFinished(180000));
        const QJsonObject json = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QStringList cliOutcomes;
        for (const QJsonValue& r : json.value(u"results").toArray())
            cliOutcomes.append(r.toObject().value(u"outcome").toString());
        QCOMPARE(cliOutcomes, outcomes(batch.results));
        QCOMPARE(json.value(u"rolledBack").toBool(), false);
        auto gui = CaseStore::open(viaGui);
        auto cliCase = CaseStore::open(viaCli);
        QVERIFY(gui && cliCase);
        QCOMPARE((*cliCase)->bundles()->size(), (*gui)->bundles()->size());
        QCOMPARE(trailActions(**cliCase), trailActions(**gui));
    }

    void summaryKeepsProviderCheckReasonAndHint()
    {
        const BatchImportResult batch = importThroughJob(freshCase(QStringLiteral("summary.capcase")));
        ImportSummaryDialog dialog(batch);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* list = dialog.findChild<QTreeWidget*>(QStringLiteral("importResults"));
        QVERIFY(list);
        QCOMPARE(list->topLevelItemCount(), int(batch.results.size()));
        QCOMPARE(list->textElideMode(), Qt::ElideNone);
        QVERIFY(list->wordWrap());
        // Resizable, not fixed.
        const QSize before = dialog.size();
        dialog.resize(before + QSize(200, 100));
        QCOMPARE(dialog.size(), before + QSize(200, 100));

        int rejected = 0, withHint = 0;
        QStringList expected;
        for (int i = 0; i < batch.results.size(); ++i) {
            const ImportResult& r = batch.results.at(i);
            if (r.outcome != ImportOutcome::Rejected)
                continue;
            ++rejected;
            const Check* failed = r.verdict.firstFailure();
            QVERIFY2(failed, qPrintable(r.path));
            QTreeWidgetItem* item = list->topLevelItem(i);
            // The provider the rejected bundle's statement claims, not an empty cell, and marked as a mere claim.
            QVERIFY2(!r.provider.isEmpty(), qPrintable(r.path));
            QCOMPARE(item->text(ProviderColumn), QStringLiteral("%1 (claimed, not verified)").arg(r.provider));
            QVERIFY2(item->text(CheckColumn).contains(failed->id), qPrintable(item->text(CheckColumn)));
            QCOMPARE(item->text(ReasonColumn), failed->reason); // in full
            QCOMPARE(item->text(HintColumn), failed->hint);
            withHint += !failed->hint.isEmpty();
            expected << item->text(ProviderColumn) << failed->id << failed->reason << failed->hint;
        }
        QVERIFY2(rejected >= 2, "the demo faults reject bundles");
        QVERIFY(withHint > 0);
        // Wrapped to its full height, not cut to one line.
        for (int i = 0; i < batch.results.size(); ++i)
            if (batch.results.at(i).outcome == ImportOutcome::Rejected)
                QTRY_VERIFY(list->visualItemRect(list->topLevelItem(i)).height() > 2 * list->fontMetrics().height());

        QApplication::clipboard()->clear();
        auto* copy = dialog.findChild<QPushButton*>(QStringLiteral("copySummary"));
        QVERIFY(copy);
        copy->click();
        const QString copied = QApplication::clipboard()->text();
        for (const QString& text : std::as_const(expected))
            if (!text.isEmpty())
                QVERIFY2(copied.contains(text), qPrintable(text));
        QVERIFY(copied.contains(QLatin1Char('\t')));

        // Ctrl+C copies the selected rows only.
        QApplication::clipboard()->clear();
        list->setFocus();
        list->clearSelection();
        for (int i = 0; i < batch.results.size(); ++i)
            if (batch.results.at(i).outcome == ImportOutcome::Rejected) {
                list->setCurrentItem(list->topLevelItem(i));
                break;
            }
        QTest::keySequence(list, QKeySequence::Copy);
        const QStringList lines = QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2); // header and the row
        QVERIFY(lines.at(1).contains(list->currentItem()->text(ReasonColumn)));
    }

    void importDialogTakesFilesAndFoldersMixed()
    {
        const QDir folder(bundlesFolder());
        QString archive, directory;
        for (const QFileInfo& e : folder.entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name)) {
            if (e.isFile() && archive.isEmpty())
                archive = e.absoluteFilePath();
            if (e.isDir() && directory.isEmpty()
                && QFileInfo::exists(e.absoluteFilePath() + QStringLiteral("/envelope.dsse.json")))
                directory = e.absoluteFilePath();
        }
        QVERIFY(!archive.isEmpty() && !directory.isEmpty());
        ImportDialog dialog;
        auto* start = dialog.findChild<QPushButton*>(QStringLiteral("startImport"));
        QVERIFY(start && !start->isEnabled());
        // A bundle folder picked through its envelope stands for the folder; a listed path is not added twice.
        dialog.addPaths({ archive, directory + QStringLiteral("/envelope.dsse.json"), archive });
        QCOMPARE(dialog.paths(), (QStringList { archive, directory }));
        QCOMPARE(dialog.bundleCount(), 2);
        QVERIFY(start->isEnabled());

        // A drop of a folder of bundles beside them.
        QCOMPARE(test::dropPaths(&dialog, { folder.absolutePath() }), QString());
        QCOMPARE(dialog.paths().size(), 3);
        QCOMPARE(dialog.bundleCount(), int(expandBundlePaths({ folder.absolutePath() }).size()));
        QVERIFY(!dialog.commitEach());
    }

    void dropOfFilesAndFoldersOnTheWindowImportsThemAll()
    {
        const QString casePath = freshCase(QStringLiteral("drop.capcase"));
        MainWindow window;
        QVERIFY(window.openCaseFile(casePath).ok());
        const QDir folder(bundlesFolder());
        const QFileInfoList entries = folder.entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(entries.size() > 3);
        // One archive or bundle folder alone, plus a folder holding two more.
        const QString sub = m_dir.filePath(QStringLiteral("dropped-folder"));
        QVERIFY(QDir().mkpath(sub));
        for (int i = 1; i <= 2; ++i) {
            const QString target = sub + QLatin1Char('/') + entries.at(i).fileName();
            QVERIFY(copyTree(entries.at(i).absoluteFilePath(), target));
        }
        QSignalSpy finished(&window, &MainWindow::importFinished);
        QCOMPARE(test::dropPaths(&window, { entries.at(0).absoluteFilePath(), sub }), QString());
        QVERIFY(finished.wait(120000));
        const auto results = finished.first().first().value<QList<ImportResult>>();
        QCOMPARE(results.size(), 3);
    }
};

QTEST_MAIN(TestImportGui)
#include "tst_importgui.moc"
