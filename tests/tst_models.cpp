// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/checkrunner.h"
#include "analytics/comparison.h"
#include "analytics/policyselection.h"
#include "guitestcase.h"
#include "models/anchormodel.h"
#include "models/bidcomparisonmodel.h"
#include "models/bundlefiltermodel.h"
#include "models/bundlemodel.h"
#include "models/checkmodel.h"
#include "models/findingfiltermodel.h"
#include "models/findingmodel.h"
#include "models/subjectmodel.h"
#include "models/threewaymodel.h"
#include "models/trailmodel.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace capaudit;

// Every model of the GUI, filled from a real case and watched by QAbstractItemModelTester.
class TestModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void bundleModel();
    void bundleFilter_data();
    void bundleFilter();
    void checkModel();
    void subjectModel();
    void trailModel();
    void anchorModel();
    void findingModel();
    void findingFilter_data();
    void findingFilter();
    void bidComparisonModel();
    void threeWayModel();

private:
    const analytics::CheckReport& report();

    QTemporaryDir m_dir;
    test::DemoCase m_case;
    std::unique_ptr<CaseStore> m_store;
    QList<StoredBundle> m_bundles;
    std::optional<analytics::CheckReport> m_report;
};

void TestModels::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Result<test::DemoCase> demo = test::makeDemoCase(m_dir.path());
    QVERIFY2(demo.ok(), qPrintable(demo.error().toString()));
    m_case = *demo;
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_case.casePath);
    QVERIFY2(store.ok(), qPrintable(store.error().toString()));
    m_store = std::move(*store);
    Result<QList<StoredBundle>> bundles = m_store->bundles();
    QVERIFY(bundles.ok());
    m_bundles = *bundles;
    QCOMPARE(m_bundles.size(), m_case.verifiedInCase);
    QVERIFY(m_bundles.size() >= 3);
}

void TestModels::bundleModel()
{
    BundleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBundles(m_bundles);
    QCOMPARE(model.rowCount(), m_bundles.size());
    QCOMPARE(model.columnCount(), int(BundleModel::ColumnCount));
    for (int row = 0; row < model.rowCount(); ++row) {
        const StoredBundle& b = m_bundles.at(row);
        QCOMPARE(model.index(row, 0).data(BundleModel::DigestRole).toString(), b.digest);
        QCOMPARE(model.index(row, BundleModel::KindColumn).data().toString(), BundleModel::kindText(b.kind));
        QVERIFY(model.index(row, BundleModel::ProviderColumn).data().toString().startsWith(b.provider));
        QCOMPARE(model.index(row, BundleModel::VerdictColumn).data(BundleModel::VerdictRole).toInt(), int(b.verdict));
        QCOMPARE(model.index(row, BundleModel::DigestColumn).data(BundleModel::SortRole).toString(), b.digest);
        QVERIFY(!model.index(row, BundleModel::SignerColumn).data().toString().isEmpty());
    }
    QCOMPARE(model.headerData(BundleModel::DigestColumn, Qt::Horizontal).toString(), QStringLiteral("SHA-256"));
    model.setBundles({});
    QCOMPARE(model.rowCount(), 0);
}

void TestModels::bundleFilter_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QString>("text");
    QTest::newRow("all") << -1 << -1 << QString();
    QTest::newRow("telemetry") << int(BundleKind::Telemetry) << -1 << QString();
    QTest::newRow("attestation") << int(BundleKind::Attestation) << -1 << QString();
    QTest::newRow("billing") << int(BundleKind::Billing) << -1 << QString();
    QTest::newRow("verified") << -1 << int(VerdictKind::Verified) << QString();
    QTest::newRow("untrusted") << -1 << int(VerdictKind::Untrusted) << QString();
    QTest::newRow("first provider") << -1 << -1 << QStringLiteral("@provider0");
    QTest::newRow("no match") << -1 << -1 << QStringLiteral("no-such-thing-zzz");
}

void TestModels::bundleFilter()
{
    QFETCH(int, kind);
    QFETCH(int, verdict);
    QFETCH(QString, text);
    if (text == QLatin1String("@provider0"))
        text = m_bundles.first().provider;
    BundleModel model;
    model.setBundles(m_bundles);
    BundleFilterModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.setKind(kind);
    proxy.setVerdict(verdict);
    proxy.setText(text);
    int expected = 0;
    for (const StoredBundle& b : std::as_const(m_bundles)) {
        const bool textOk = text.isEmpty() || b.provider.contains(text, Qt::CaseInsensitive)
            || b.signerSubject.contains(text, Qt::CaseInsensitive) || b.digest.contains(text, Qt::CaseInsensitive)
            || b.sourcePath.contains(text, Qt::CaseInsensitive);
        expected += (kind < 0 || int(b.kind) == kind) && (verdict < 0 || int(b.verdict) == verdict) && textOk;
    }
    QCOMPARE(proxy.rowCount(), expected);
    proxy.sort(BundleModel::SigningTimeColumn, Qt::DescendingOrder);
    for (int row = 1; row < proxy.rowCount(); ++row)
        QVERIFY(proxy.index(row - 1, BundleModel::SigningTimeColumn).data(BundleModel::SortRole).toString()
            >= proxy.index(row, BundleModel::SigningTimeColumn).data(BundleModel::SortRole).toString());
}

void TestModels::checkModel()
{
    CheckModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Verdict& verdict = m_bundles.first().details;
    QVERIFY(!verdict.checks.isEmpty());
    model.setChecks(verdict.checks);
    QCOMPARE(model.rowCount(), verdict.checks.size());
    bool sawSignature = false;
    for (int row = 0; row < model.rowCount(); ++row) {
        const Check& c = verdict.checks.at(row);
        QCOMPARE(model.index(row, 0).data(CheckModel::CheckIdRole).toString(), c.id);
        QCOMPARE(model.index(row, CheckModel::StatusColumn).data().toString(), CheckModel::statusText(c.status));
        QVERIFY(model.index(row, CheckModel::ReasonColumn).data().toString().startsWith(c.reason));
        if (c.id == QLatin1String(checks::kSignature)) {
            sawSignature = true;
            QCOMPARE(model.index(row, 0).data(CheckModel::StatusRole).toInt(), int(CheckStatus::Pass));
        }
    }
    QVERIFY(sawSignature);
}

void TestModels::subjectModel()
{
    SubjectModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<Subject>& subjects = m_bundles.first().details.subjects;
    QVERIFY(!subjects.isEmpty());
    model.setSubjects(subjects);
    QCOMPARE(model.rowCount(), subjects.size());
    QCOMPARE(model.index(0, SubjectModel::NameColumn).data().toString(), subjects.first().name);
    QCOMPARE(model.index(0, SubjectModel::DigestColumn).data().toString().size(), 64);
}

void TestModels::trailModel()
{
    Result<QList<TrailEntry>> trail = m_store->trail();
    QVERIFY(trail.ok());
    TrailModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(*trail);
    QCOMPARE(model.rowCount(), trail->size());
    QCOMPARE(model.index(0, TrailModel::ActionColumn).data().toString(), QLatin1String(trail::kCaseCreated));
    int imports = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.index(row, TrailModel::SeqColumn).data().toLongLong(), trail->at(row).seq);
        imports += model.index(row, TrailModel::ActionColumn).data().toString() == QLatin1String(trail::kImport);
    }
    QCOMPARE(imports, m_bundles.size());
    model.setFirstBrokenSeq(3);
    QVERIFY(!model.index(1, 0).data(TrailModel::BrokenRole).toBool());
    QVERIFY(model.index(2, 0).data(TrailModel::BrokenRole).toBool());
    model.setFirstBrokenSeq(0);
    QVERIFY(!model.index(2, 0).data(TrailModel::BrokenRole).toBool());
}

void TestModels::anchorModel()
{
    Result<QList<CaseAnchor>> anchors = m_store->anchors(true);
    QVERIFY(anchors.ok());
    QVERIFY(!anchors->isEmpty());
    AnchorModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAnchors(*anchors);
    QCOMPARE(model.rowCount(), anchors->size());
    for (int row = 0; row < model.rowCount(); ++row) {
        const TrustAnchor& a = anchors->at(row).anchor;
        QCOMPARE(model.index(row, 0).data(AnchorModel::FingerprintRole).toString(), a.fingerprint);
        QCOMPARE(model.index(row, AnchorModel::RoleColumn).data().toString(), a.role);
        QCOMPARE(model.index(row, AnchorModel::KindColumn).data().toString(), AnchorModel::kindText(a.kind));
        QVERIFY(model.index(row, 0).data(AnchorModel::ActiveRole).toBool());
        // The demo scopes every root to the providers it speaks for; the column shows exactly those. A transparency
        // log key (the demo log of the log-split-view fault) vouches for checkpoints, never for a provider.
        if (a.role == QLatin1String(roles::kTransparencyLog)) {
            QVERIFY(a.providers.isEmpty());
            continue;
        }
        QVERIFY(!a.providers.isEmpty());
        QCOMPARE(model.index(row, AnchorModel::ScopeColumn).data().toString(), a.providers.join(QStringLiteral(", ")));
        QVERIFY(model.index(row, 0).data(Qt::ToolTipRole).toString().contains(a.providers.first()));
    }
    QCOMPARE(model.headerData(AnchorModel::ScopeColumn, Qt::Horizontal).toString(), QStringLiteral("May speak for"));
    QCOMPARE(model.columnCount(), int(AnchorModel::ColumnCount));
}

const analytics::CheckReport& TestModels::report()
{
    if (!m_report) {
        Result<analytics::Policy> policy = analytics::selectPolicy(*m_store, QString());
        if (!policy)
            qFatal("policy: %s", qPrintable(policy.error().toString()));
        analytics::CheckOptions options;
        options.policy = *policy;
        Result<analytics::CheckReport> r = analytics::runChecks(*m_store, options);
        if (!r)
            qFatal("checks: %s", qPrintable(r.error().toString()));
        m_report = *r;
    }
    return *m_report;
}

void TestModels::findingModel()
{
    const QList<analytics::Finding>& findings = report().findings;
    // The demo case carries every fault class: there is something to show, of more than one severity.
    QVERIFY(findings.size() >= 5);
    FindingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFindings(findings);
    QCOMPARE(model.rowCount(), findings.size());
    QCOMPARE(model.columnCount(), int(FindingModel::ColumnCount));
    bool sawAmount = false;
    for (int row = 0; row < model.rowCount(); ++row) {
        const analytics::Finding& f = findings.at(row);
        QCOMPARE(model.index(row, 0).data(FindingModel::FindingIdRole).toString(), f.id);
        QCOMPARE(model.index(row, 0).data(FindingModel::SeverityRole).toInt(), int(f.severity));
        QCOMPARE(model.index(row, FindingModel::RuleColumn).data().toString(), f.ruleId);
        QCOMPARE(model.index(row, FindingModel::ProviderColumn).data().toString(), f.provider);
        QCOMPARE(model.index(row, FindingModel::TitleColumn).data().toString(), f.title);
        QCOMPARE(model.index(row, 0).data(FindingModel::RangeStartRole).toLongLong(), f.range.start);
        QCOMPARE(model.index(row, 0).data(FindingModel::RangeEndRole).toLongLong(), f.range.end);
        QCOMPARE(model.index(row, FindingModel::SeverityColumn).data(FindingModel::SortRole).toInt(), int(f.severity));
        QCOMPARE(model.rowOf(f.id), row);
        if (!isMissing(f.amount)) {
            sawAmount = true;
            QVERIFY(model.index(row, FindingModel::AmountColumn).data().toString().contains(f.currency));
        } else {
            QVERIFY(model.index(row, FindingModel::AmountColumn).data().toString().isEmpty());
        }
        if (!f.node.isEmpty())
            QVERIFY(model.index(row, FindingModel::ScopeColumn).data().toString().contains(f.node));
    }
    QVERIFY2(sawAmount, "over-billing should come with an amount");
    QCOMPARE(model.rowOf(QStringLiteral("no/such")), -1);
    QCOMPARE(model.headerData(FindingModel::MeasuredColumn, Qt::Horizontal).toString(), QStringLiteral("Measured"));
    model.setFindings({});
    QCOMPARE(model.rowCount(), 0);
}

void TestModels::findingFilter_data()
{
    QTest::addColumn<int>("severity");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("text");
    QTest::newRow("all") << 0 << QString() << QString() << QString();
    QTest::newRow("medium and above") << int(analytics::Severity::Medium) << QString() << QString() << QString();
    QTest::newRow("high and above") << int(analytics::Severity::High) << QString() << QString() << QString();
    QTest::newRow("first rule") << 0 << QStringLiteral("@rule0") << QString() << QString();
    QTest::newRow("first provider") << 0 << QString() << QStringLiteral("@provider0") << QString();
    QTest::newRow("rule and provider") << 0 << QStringLiteral("@rule0") << QStringLiteral("@provider0") << QString();
    QTest::newRow("text billing") << 0 << QString() << QString() << QStringLiteral("billing");
    QTest::newRow("no match") << 0 << QString() << QString() << QStringLiteral("zzz-no-such-finding");
}

void TestModels::findingFilter()
{
    QFETCH(int, severity);
    QFETCH(QString, rule);
    QFETCH(QString, provider);
    QFETCH(QString, text);
    const QList<analytics::Finding>& findings = report().findings;
    QVERIFY(!findings.isEmpty());
    if (rule == QLatin1String("@rule0"))
        rule = findings.first().ruleId;
    if (provider == QLatin1String("@provider0"))
        provider = findings.first().provider;
    FindingModel model;
    model.setFindings(findings);
    FindingFilterModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.setMinimumSeverity(severity);
    proxy.setRule(rule);
    proxy.setProvider(provider);
    proxy.setText(text);
    int expected = 0;
    for (const analytics::Finding& f : findings) {
        const bool textOk = text.isEmpty() || f.ruleId.contains(text, Qt::CaseInsensitive)
            || f.title.contains(text, Qt::CaseInsensitive) || f.id.contains(text, Qt::CaseInsensitive)
            || f.node.contains(text, Qt::CaseInsensitive) || f.tenant.contains(text, Qt::CaseInsensitive)
            || f.provider.contains(text, Qt::CaseInsensitive) || f.resourceClass.contains(text, Qt::CaseInsensitive)
            || f.region.contains(text, Qt::CaseInsensitive);
        expected += int(f.severity) >= severity && (rule.isEmpty() || f.ruleId == rule)
            && (provider.isEmpty() || f.provider == provider) && textOk;
    }
    QCOMPARE(proxy.rowCount(), expected);
    if (text == QLatin1String("billing"))
        QVERIFY(expected > 0);
    // Sorting by amount puts the largest first.
    proxy.sort(FindingModel::AmountColumn, Qt::DescendingOrder);
    for (int row = 1; row < proxy.rowCount(); ++row)
        QVERIFY(proxy.index(row - 1, FindingModel::AmountColumn).data(FindingModel::SortRole).toDouble()
            >= proxy.index(row, FindingModel::AmountColumn).data(FindingModel::SortRole).toDouble());
}

void TestModels::bidComparisonModel()
{
    const analytics::CheckReport& r = report();
    QVERIFY(r.providers.size() >= 2);
    BidComparisonModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const analytics::BidComparison equal = analytics::compareBids(r, analytics::ComparisonWeights::defaults());
    model.setComparison(equal);
    QCOMPARE(model.rowCount(), r.providers.size());
    QCOMPARE(model.columnCount(), int(BidComparisonModel::ColumnCount));
    for (int row = 0; row < model.rowCount(); ++row) {
        const analytics::BidderScore& b = equal.bidders.at(row);
        QCOMPARE(model.index(row, BidComparisonModel::RankColumn).data().toInt(), row + 1);
        QCOMPARE(model.index(row, 0).data(BidComparisonModel::ProviderRole).toString(), b.provider);
        QCOMPARE(
            model.index(row, BidComparisonModel::TotalColumn).data(BidComparisonModel::ScoreRole).toDouble(), b.total);
        // The total is the weighted sum of the criterion columns, with equal weights their mean.
        double sum = 0;
        for (int c = BidComparisonModel::DeliveryColumn; c <= BidComparisonModel::AssuranceColumn; ++c)
            sum += model.index(row, c).data(BidComparisonModel::ScoreRole).toDouble();
        QVERIFY2(qAbs(sum / 5 - b.total) < 1e-6, qPrintable(QStringLiteral("%1 vs %2").arg(sum / 5).arg(b.total)));
    }
    // All the weight on one criterion: the totals become that criterion's scores.
    analytics::ComparisonWeights costOnly;
    for (const analytics::CriterionInfo& info : analytics::comparisonCriteria())
        costOnly.weights.insert(info.id, info.id == QLatin1String(analytics::criteria::kCost) ? 1.0 : 0.0);
    model.setComparison(analytics::compareBids(r, costOnly));
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, BidComparisonModel::TotalColumn).data(BidComparisonModel::ScoreRole).toDouble(),
            model.index(row, BidComparisonModel::CostColumn).data(BidComparisonModel::ScoreRole).toDouble());
    model.setComparison({});
    QCOMPARE(model.rowCount(), 0);
}

// Issue 18: the three-way match of the demo case's check run, one row per line, every column and role answering.
void TestModels::threeWayModel()
{
    const analytics::CheckReport& r = report();
    QVERIFY(!r.threeWay.isEmpty());
    ThreeWayModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLines(r.threeWay);
    QCOMPARE(model.rowCount(), int(r.threeWay.size()));
    QCOMPARE(model.columnCount(), int(ThreeWayModel::ColumnCount));
    int idle = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const analytics::ThreeWayLine& l = r.threeWay.at(row);
        QCOMPARE(model.index(row, ThreeWayModel::ProviderColumn).data().toString(), l.provider);
        QCOMPARE(model.index(row, ThreeWayModel::KindColumn).data(ThreeWayModel::KindRole).toString(), l.kind);
        QCOMPARE(model.index(row, ThreeWayModel::StatusColumn).data(ThreeWayModel::DiffersRole).toBool(),
            l.status == u"differs");
        QCOMPARE(model.index(row, 0).data(ThreeWayModel::FindingIdsRole).toStringList(), l.findings);
        QCOMPARE(model.index(row, ThreeWayModel::DifferenceColumn).data(ThreeWayModel::SortRole).toDouble(),
            ThreeWayModel::difference(l));
        if (l.kind == u"idle") {
            ++idle;
            QVERIFY(!model.index(row, ThreeWayModel::DeliveredColumn).data().isValid()); // not a leg of idle lines
            QCOMPARE(model.index(row, ThreeWayModel::DifferenceColumn).data(ThreeWayModel::SortRole).toDouble(),
                l.idleAmount);
        } else if (l.kind == u"match") {
            QCOMPARE(model.index(row, ThreeWayModel::InvoicedColumn).data(ThreeWayModel::SortRole).toDouble(),
                l.invoicedAmount);
            QCOMPARE(model.index(row, ThreeWayModel::AllocatedColumn).data(ThreeWayModel::SortRole).toDouble(),
                l.allocatedQuantity);
        }
        QVERIFY(!model.index(row, ThreeWayModel::PeriodColumn).data().toString().isEmpty());
    }
    QVERIFY(idle > 0);
    for (int c = 0; c < ThreeWayModel::ColumnCount; ++c)
        QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());
    model.setLines({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestModels)
#include "tst_models.moc"
