// SPDX-License-Identifier: GPL-3.0-or-later
// Every billed unit reconciled in money (issue 13): the billing faults of the demo bank found at their exact scope and
// amount, honest bills clean, cutting the period inventing nothing, and the thresholds deciding.
#include "analytics/billingdata.h"
#include "analytics/rulecatalog.h"
#include "checksupport.h"
#include "guitestcase.h"
#include "testsupport.h"
#include "util/jsonutil.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace capaudit;
using namespace capaudit::analytics;
using test::bankConfig;
using test::check;
using test::dump;
using test::ofRule;
using test::policyFrom;
using test::seconds;

namespace {

const char* const kBillingFaults =
    "unreconciled-charge,list-price-billing,overlapping-charges,sub-tolerance-overbilling,foreign-currency,"
    "unknown-tenant";

QList<Finding> billingFindings(const CheckReport& report)
{
    QList<Finding> out;
    for (const Finding& f : report.findings)
        if (f.ruleId.startsWith(QLatin1String("billing.")))
            out.append(f);
    return out;
}

} // namespace

class TestBillingMoney : public QObject {
    Q_OBJECT

    QTemporaryDir m_faultyDir, m_cleanDir;
    test::DemoCase m_faulty, m_clean;
    QJsonArray m_faults;
    CheckReport m_report, m_cleanReport;

private slots:
    void initTestCase()
    {
        Result<test::DemoCase> faulty =
            test::makeDemoCase(m_faultyDir.path(), bankConfig(QLatin1String(kBillingFaults)));
        QVERIFY2(faulty, qPrintable(faulty ? QString() : faulty.error().toString()));
        m_faulty = *faulty;
        Result<test::DemoCase> clean = test::makeDemoCase(m_cleanDir.path(), bankConfig(QStringLiteral("none")));
        QVERIFY2(clean, qPrintable(clean ? QString() : clean.error().toString()));
        m_clean = *clean;
        Result<QJsonObject> faults = parseJsonObject(
            test::readAll(m_faulty.demoDir + QStringLiteral("/faults.json")), QStringLiteral("faults.json"));
        QVERIFY(faults);
        m_faults = faults->value(QStringLiteral("faults")).toArray();
        QCOMPARE(m_faults.size(), 6);
        m_report = check(m_faulty.casePath);
        m_cleanReport = check(m_clean.casePath);
    }

    void everyBillingFaultIsFoundAtItsScopeAndAmount_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < 6; ++i)
            QTest::newRow(qPrintable(m_faults.at(i).toObject().value(QStringLiteral("fault")).toString())) << i;
    }

    void everyBillingFaultIsFoundAtItsScopeAndAmount()
    {
        QFETCH(int, index);
        const QJsonObject fault = m_faults.at(index).toObject();
        const QString rule = fault.value(QStringLiteral("rule")).toString();
        const QJsonObject expected = fault.value(QStringLiteral("expected")).toObject();
        const Period window { seconds(fault.value(QStringLiteral("start"))),
            seconds(fault.value(QStringLiteral("end"))) };
        QVERIFY(window.start > 0 && window.end > window.start);
        const QList<Finding> candidates = ofRule(m_report, rule);
        QList<Finding> found;
        for (const Finding& f : candidates) {
            bool ok = f.provider == fault.value(QStringLiteral("provider")).toString() && f.range.start == window.start
                && f.range.end == window.end;
            for (const char* key : { "tenant", "resourceClass", "node" }) {
                const QString want = fault.value(QLatin1String(key)).toString();
                const QString got = QByteArray(key) == "tenant" ? f.tenant
                    : QByteArray(key) == "node"                 ? f.node
                                                                : f.resourceClass;
                ok = ok && (want.isEmpty() || got == want);
            }
            if (ok)
                found.append(f);
        }
        QVERIFY2(found.size() == 1,
            qPrintable(QStringLiteral("%1 at its scope: %2 found among\n%3")
                           .arg(fault.value(QStringLiteral("fault")).toString())
                           .arg(found.size())
                           .arg(dump(candidates))));
        const Finding& f = found.first();
        const double want = expected.value(QStringLiteral("amount")).toDouble();
        QVERIFY(want > 1);
        QVERIFY2(qAbs(f.amount - want) <= 0.01 * want,
            qPrintable(QStringLiteral("amount %1, injected %2").arg(f.amount).arg(want)));
        QCOMPARE(f.currency, expected.value(QStringLiteral("currency")).toString());
        QVERIFY(f.severity >= Severity::High);
        QVERIFY(!f.evidence.isEmpty());
        QVERIFY(m_report.failed());
    }

    // Money no measured delivery accounts for is listed line by line, never dropped.
    void unreconciledRowsAreListed()
    {
        const auto adjustment = std::find_if(m_report.reconciliation.cbegin(), m_report.reconciliation.cend(),
            [](const ReconciliationLine& l) { return l.status == u"unreconciled" && l.reason == u"Adjustment"; });
        QVERIFY(adjustment != m_report.reconciliation.cend());
        QVERIFY(test::near(adjustment->amount, 400.0));
        QCOMPARE(adjustment->rows, qint64(1));
        QVERIFY(!adjustment->withinTolerance);
        for (const ReconciliationLine& l : m_report.reconciliation)
            QVERIFY(l.status == u"reconciled" || !l.reason.isEmpty());
    }

    void honestBillsStayClean()
    {
        QVERIFY2(billingFindings(m_cleanReport).isEmpty(), qPrintable(dump(billingFindings(m_cleanReport))));
        QVERIFY(!m_cleanReport.reconciliation.isEmpty());
        for (const ReconciliationLine& line : m_cleanReport.reconciliation) {
            QVERIFY2(line.withinTolerance && line.status == u"reconciled",
                qPrintable(QString::fromUtf8(canonicalJson(line.toJson()))));
            // Billed at the attested price to the cent.
            QVERIFY(qAbs(line.billedCost - line.expectedCost) < 0.01);
        }
    }

    // --period cutting daily charge periods (at odd seconds, in the middle of hours) pro-rates billed and measured
    // alike: nothing is invented.
    void cuttingChargePeriodsInventsNothing_data()
    {
        QTest::addColumn<qint64>("startOffset");
        QTest::addColumn<qint64>("length");
        QTest::newRow("ends mid-day") << qint64(0) << qint64(3 * 86400 + 12 * 3600);
        QTest::newRow("both ends mid-hour") << qint64(86400 + 5 * 3600 + 1234) << qint64(4 * 86400 + 777);
        QTest::newRow("inside one day") << qint64(2 * 86400 + 3600) << qint64(6 * 3600 + 1800);
    }

    void cuttingChargePeriodsInventsNothing()
    {
        QFETCH(qint64, startOffset);
        QFETCH(qint64, length);
        const qint64 start = m_cleanReport.providers.first().attestedPeriod.start;
        QVERIFY(start > 0);
        const CheckReport cut =
            check(m_clean.casePath, defaultPolicy(), { start + startOffset, start + startOffset + length });
        QVERIFY2(billingFindings(cut).isEmpty(), qPrintable(dump(billingFindings(cut))));
        QVERIFY(!cut.reconciliation.isEmpty());
        double billed = 0, whole = 0;
        for (const ReconciliationLine& line : cut.reconciliation) {
            QVERIFY(line.period.start >= start + startOffset && line.period.end <= start + startOffset + length);
            billed += line.billedCost;
        }
        for (const ReconciliationLine& line : m_cleanReport.reconciliation)
            whole += line.billedCost;
        QVERIFY(billed > 0 && billed < whole);
    }

    // The same cut on the faulty bank keeps what lies inside: the foreign-currency rows are found when the period
    // holds them and gone when it does not.
    void cuttingKeepsWhatIsInside()
    {
        const QJsonObject currency = m_faults.at(4).toObject();
        QCOMPARE(currency.value(QStringLiteral("fault")).toString(), QStringLiteral("foreign-currency"));
        const qint64 start = seconds(currency.value(QStringLiteral("start")));
        const CheckReport before = check(m_faulty.casePath, defaultPolicy(), { start - 86400, start });
        QVERIFY(ofRule(before, QLatin1String(rules::kBillingCurrency)).isEmpty());
        const CheckReport during = check(m_faulty.casePath, defaultPolicy(), { start + 43200, start + 86400 });
        const QList<Finding> found = ofRule(during, QLatin1String(rules::kBillingCurrency));
        QCOMPARE(found.size(), 1);
        const double whole =
            currency.value(QStringLiteral("expected")).toObject().value(QStringLiteral("amount")).toDouble();
        // Half of the first of two days (seconds share: the rows are not reconciled against telemetry).
        QVERIFY2(found.first().amount > 0.15 * whole && found.first().amount < 0.35 * whole,
            qPrintable(QString::number(found.first().amount)));
    }

    void thresholdsDecide()
    {
        // Invoice tolerance above the injected 0.9 %: the steady over-billing passes (and nothing else appears).
        const Policy lenient = test::policyFrom(
            R"({"name":"lenient","rules":{"billing.reconciliation":{"thresholds":{"invoiceRelativeTolerance":0.02}}}})");
        const CheckReport r = check(m_faulty.casePath, lenient);
        const QJsonObject sub = m_faults.at(3).toObject();
        QCOMPARE(sub.value(QStringLiteral("fault")).toString(), QStringLiteral("sub-tolerance-overbilling"));
        for (const Finding& f : ofRule(r, QLatin1String(rules::kBillingReconciliation)))
            QVERIFY(f.tenant != sub.value(QStringLiteral("tenant")).toString()
                || f.provider != sub.value(QStringLiteral("provider")).toString());
        // A disabled rule reports nothing; the others still do.
        const Policy off = test::policyFrom(R"({"name":"off","rules":{"billing.price":{"enabled":false}}})");
        const CheckReport withoutPrice = check(m_faulty.casePath, off);
        QVERIFY(ofRule(withoutPrice, QLatin1String(rules::kBillingPrice)).isEmpty());
        QVERIFY(!ofRule(withoutPrice, QLatin1String(rules::kBillingOverlap)).isEmpty());
    }

    // A charge period is measured over exactly its seconds: hours it covers partly count pro rata, so a daily period
    // shifted by half an hour is measured over 24 hours, not over the 25 buckets it touches.
    void measuredOverExactlyTheSeconds()
    {
        detail::MeasuredAllocation m;
        const detail::SeriesKey key { 1, 2, 3 };
        for (qint64 h = 0; h < 48; ++h)
            m.hours[key][h * 3600] = double(h + 1);
        QCOMPARE(m.over(key, { 0, 3600 }), 1.0);
        QCOMPARE(m.over(key, { 1800, 5400 }), 0.5 * 1 + 0.5 * 2);
        double shifted = 0.5 * 1 + 0.5 * 25; // the two half hours at either end
        for (int h = 2; h <= 24; ++h)
            shifted += h;
        QCOMPARE(m.over(key, { 1800, 1800 + 86400 }), shifted);
        QCOMPARE(m.over(key, { 1800, 1800 }), 0.0);
        QCOMPARE(m.over({ 1, 2, 4 }, { 0, 86400 }), 0.0);
        // Before the Unix epoch the bucket alignment still holds (negative seconds floor, not truncate).
        m.hours[key][-3600] = 7;
        QCOMPARE(m.over(key, { -1800, 0 }), 3.5);
    }

    void outputIsDeterministic()
    {
        QCOMPARE(canonicalJson(check(m_faulty.casePath).toJson()), canonicalJson(m_report.toJson()));
    }
};

QTEST_GUILESS_MAIN(TestBillingMoney)
#include "tst_billingmoney.moc"
