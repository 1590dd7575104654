// SPDX-License-Identifier: GPL-3.0-or-later
// The auditor's tables (issue 16): the key column and the sentence first, the column chooser, Ctrl+F, Copy rows as
// TSV and the layout, sort and filters remembered per table across pages re-created.
#include "guitestcase.h"
#include "jobs/casesession.h"
#include "models/bundlefiltermodel.h"
#include "models/bundlemodel.h"
#include "models/findingmodel.h"
#include "pages/evidencepage.h"
#include "pages/findingspage.h"
#include "pages/trailpage.h"
#include "views/audittable.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace capaudit;

class TestTables : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void findingSentenceBesideItsKey();
    void columnChooserHidesAndRemembers();
    void sortOrderRestored();
    void filterAndCombosRestored();
    void ctrlFFocusesTheFilter();
    void ctrlFPicksTheInnermostFilter();
    void copyGivesTsvOfTheSelectedRows();

private:
    std::unique_ptr<EvidencePage> makeEvidencePage();

    QTemporaryDir m_dir;
    test::DemoCase m_case;
    std::unique_ptr<CaseSession> m_session;
};

void TestTables::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
    QCoreApplication::setOrganizationName(QStringLiteral("CapAuditTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_tables"));
    QVERIFY(m_dir.isValid());
    Result<test::DemoCase> demo = test::makeDemoCase(m_dir.path());
    QVERIFY2(demo.ok(), qPrintable(demo.error().toString()));
    m_case = *demo;
    m_session = std::make_unique<CaseSession>();
    const Status s = m_session->open(m_case.casePath);
    QVERIFY2(s.ok(), qPrintable(s.error().toString()));
}

void TestTables::init()
{
    QSettings().remove(QStringLiteral("tables")); // each test starts from the defaults
}

std::unique_ptr<EvidencePage> TestTables::makeEvidencePage()
{
    auto page = std::make_unique<EvidencePage>(m_session.get());
    page->resize(1280, 720);
    page->reload();
    return page;
}

void TestTables::findingSentenceBesideItsKey()
{
    FindingsPage page(m_session.get());
    const QHeaderView* header = page.view()->horizontalHeader();
    QCOMPARE(header->visualIndex(FindingModel::SeverityColumn), 0);
    QCOMPARE(header->visualIndex(FindingModel::RuleColumn), 1);
    QCOMPARE(header->visualIndex(FindingModel::TitleColumn), 2);
    // The models' enums are untouched: only the view's order changed.
    QCOMPARE(int(FindingModel::TitleColumn), page.model()->columnCount() - 1);
}

void TestTables::columnChooserHidesAndRemembers()
{
    {
        auto page = makeEvidencePage();
        AuditTable* table = AuditTable::of(page->view());
        QVERIFY(table);
        QMenu* menu = table->columnMenu(page.get());
        QAction* digest = nullptr;
        const QString digestTitle = page->model()->headerData(BundleModel::DigestColumn, Qt::Horizontal).toString();
        for (QAction* a : menu->actions())
            if (a->isCheckable() && a->text() == digestTitle)
                digest = a;
        QVERIFY(digest);
        QVERIFY(digest->isChecked());
        digest->setChecked(false); // as a click in the menu does
        QVERIFY(page->view()->isColumnHidden(BundleModel::DigestColumn));
        // Moving a column is remembered too.
        page->view()->horizontalHeader()->moveSection(
            page->view()->horizontalHeader()->visualIndex(BundleModel::AlgorithmColumn), 0);
        delete menu;
    }
    auto again = makeEvidencePage();
    QVERIFY(again->view()->isColumnHidden(BundleModel::DigestColumn));
    QVERIFY(!again->view()->isColumnHidden(BundleModel::ProviderColumn));
    QCOMPARE(again->view()->horizontalHeader()->visualIndex(BundleModel::AlgorithmColumn), 0);
}

void TestTables::sortOrderRestored()
{
    {
        auto page = makeEvidencePage();
        page->view()->sortByColumn(BundleModel::ProviderColumn, Qt::DescendingOrder);
    }
    auto again = makeEvidencePage();
    const QHeaderView* header = again->view()->horizontalHeader();
    QCOMPARE(header->sortIndicatorSection(), int(BundleModel::ProviderColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    const QAbstractItemModel* shown = again->view()->model();
    QVERIFY(shown->rowCount() > 1);
    const QString first = shown->index(0, BundleModel::ProviderColumn).data().toString();
    const QString last = shown->index(shown->rowCount() - 1, BundleModel::ProviderColumn).data().toString();
    QVERIFY2(first >= last, qPrintable(first + QStringLiteral(" < ") + last));
}

void TestTables::filterAndCombosRestored()
{
    QString kindText;
    {
        auto page = makeEvidencePage();
        page->filterEdit()->setText(QStringLiteral("no such bundle"));
        auto* kind = page->findChild<QComboBox*>(QStringLiteral("bundleKind"));
        QVERIFY(kind);
        kind->setCurrentIndex(2);
        kindText = kind->currentText();
        QCOMPARE(page->proxy()->rowCount(), 0);
    }
    auto again = makeEvidencePage();
    QCOMPARE(again->filterEdit()->text(), QStringLiteral("no such bundle"));
    QCOMPARE(again->findChild<QComboBox*>(QStringLiteral("bundleKind"))->currentText(), kindText);
    QCOMPARE(again->proxy()->rowCount(), 0); // restored and applied
    again->filterEdit()->clear();
    QVERIFY(again->proxy()->rowCount() > 0);
}

void TestTables::ctrlFFocusesTheFilter()
{
    auto page = makeEvidencePage();
    page->show();
    page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(page.get()));
    page->view()->setFocus();
    QTRY_VERIFY(page->view()->hasFocus());
    QTest::keySequence(page->view(), QKeySequence::Find);
    QTRY_VERIFY(page->filterEdit()->hasFocus());

    // A page that had no filter got one, and Ctrl+F reaches it.
    TrailPage trail(m_session.get());
    trail.reload();
    trail.show();
    trail.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&trail));
    QVERIFY(trail.model());
    trail.view()->setFocus();
    QTRY_VERIFY(trail.view()->hasFocus());
    QTest::keySequence(trail.view(), QKeySequence::Find);
    QTRY_VERIFY(trail.filter()->hasFocus());
    const int all = trail.view()->model()->rowCount();
    QVERIFY(all > 0);
    trail.filter()->setText(QStringLiteral("no such entry"));
    QCOMPARE(trail.view()->model()->rowCount(), 0);
    trail.filter()->clear();
    QCOMPARE(trail.view()->model()->rowCount(), all);
}

void TestTables::ctrlFPicksTheInnermostFilter()
{
    // The findings page holds two filters: the findings' and, on its tab, the three-way match's.
    FindingsPage page(m_session.get());
    page.resize(1280, 720);
    page.show();
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    page.view()->setFocus();
    QTest::keySequence(page.view(), QKeySequence::Find);
    QTRY_VERIFY(page.filter()->hasFocus());

    auto* tabs = page.findChild<QTabWidget*>(QStringLiteral("findingTabs"));
    QVERIFY(tabs);
    tabs->setCurrentIndex(1);
    page.threeWayView()->setFocus();
    QTRY_VERIFY(page.threeWayView()->hasFocus());
    QTest::keySequence(page.threeWayView(), QKeySequence::Find);
    auto* threeWayFilter = page.findChild<QLineEdit*>(QStringLiteral("threeWayFilter"));
    QVERIFY(threeWayFilter);
    QTRY_VERIFY(threeWayFilter->hasFocus());
}

void TestTables::copyGivesTsvOfTheSelectedRows()
{
    auto page = makeEvidencePage();
    QTableView* view = page->view();
    view->setColumnHidden(BundleModel::DigestColumn, true);
    QVERIFY(view->model()->rowCount() >= 3);
    view->selectionModel()->select(
        view->model()->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->selectionModel()->select(view->model()->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QApplication::clipboard()->clear();
    QAction* copy = view->findChild<QAction*>(QStringLiteral("copyRows"));
    QVERIFY(copy);
    QCOMPARE(copy->shortcut(), QKeySequence(QKeySequence::Copy));
    copy->trigger();

    const QStringList lines = QApplication::clipboard()->text().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3); // the header line, then the two selected rows
    const QHeaderView* header = view->horizontalHeader();
    QStringList titles;
    for (int visual = 0; visual < header->count(); ++visual)
        if (const int logical = header->logicalIndex(visual); !header->isSectionHidden(logical))
            titles << view->model()->headerData(logical, Qt::Horizontal).toString();
    QCOMPARE(lines.first(), titles.join(u'\t'));
    QVERIFY(!lines.first().contains(view->model()->headerData(BundleModel::DigestColumn, Qt::Horizontal).toString()));
    const QStringList second = lines.at(2).split(u'\t');
    QCOMPARE(second.size(), titles.size());
    QCOMPARE(second.at(header->visualIndex(BundleModel::ProviderColumn)),
        view->model()->index(2, BundleModel::ProviderColumn).data().toString());
}

QTEST_MAIN(TestTables)
#include "tst_tables.moc"
