// SPDX-License-Identifier: GPL-3.0-or-later
// The periods an auditor picks (analytics/periodchoice.h): presets from the case, and a proposed period snapped so it
// cuts no charge period — the same findings as `check --period` over the whole charge periods, and no way for one
// long row to widen every selection.
#include "analytics/periodchoice.h"
#include "casefixture.h"
#include "checksupport.h"
#include "guitestcase.h"
#include "store/casestore.h"
#include "util/jsonutil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace capaudit;
using namespace capaudit::analytics;

namespace {
constexpr qint64 kDay = 86400;
}

class TestPeriodChoice : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    test::DemoCase m_case;
    qint64 m_start = 0;
    int m_days = 7;

    std::unique_ptr<CaseStore> open(const QString& path)
    {
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(path);
        if (!store)
            qWarning() << store.error().toString();
        return store ? std::move(*store) : nullptr;
    }

    // Usage rows whose charge period strictly contains T.
    qint64 rowsAround(const QString& path, qint64 t)
    {
        return test::scalar(path,
            QStringLiteral("SELECT count(*) FROM billing_records WHERE charge_category = 'Usage' AND "
                           "charge_period_start < %1 AND charge_period_end > %1 AND "
                           "charge_period_end - charge_period_start <= %2")
                .arg(t)
                .arg(kLongestChargePeriod));
    }

    // A FOCUS Usage row added behind the store's back (what a provider could have signed), charge period FROM..TO.
    void addUsageRow(const QString& path, qint64 from, qint64 to)
    {
        QCOMPARE(
            test::execSql(path,
                QStringLiteral("INSERT INTO billing_records (bundle, seq, payload, line, provider, resource, tenant, "
                               "charge_period_start, charge_period_end, charge_category, billed_cost, "
                               "effective_cost, consumed_quantity, consumed_unit, currency, record_json) "
                               "SELECT bundle, seq + 1000000, payload, line, provider, resource, tenant, %1, %2, "
                               "'Usage', billed_cost, effective_cost, consumed_quantity, consumed_unit, currency, "
                               "record_json FROM billing_records LIMIT 1")
                    .arg(from)
                    .arg(to)),
            QString());
    }

private slots:
    void initTestCase()
    {
        const demo::DemoConfig config = test::bankConfig(QStringLiteral("none"), m_days);
        m_start = config.startSeconds();
        Result<test::DemoCase> made = test::makeDemoCase(m_dir.path(), config);
        QVERIFY2(made, qPrintable(made ? QString() : made.error().toString()));
        m_case = *made;
    }

    void presetsComeFromTheCase()
    {
        std::unique_ptr<CaseStore> store = open(m_case.casePath);
        QVERIFY(store);
        Result<QList<PeriodPreset>> presets = periodPresets(*store);
        QVERIFY(presets);
        Result<Period> whole = store->periodCovered();
        QVERIFY(whole);
        QVERIFY(!presets->isEmpty());
        QCOMPARE(presets->first().kind, PeriodPreset::Kind::WholeCase);
        QCOMPARE(presets->first().period.start, whole->start);
        QCOMPARE(presets->first().period.end, whole->end);
        int contracts = 0, billing = 0;
        for (const PeriodPreset& p : std::as_const(*presets)) {
            QVERIFY(p.period.end > p.period.start);
            if (p.kind == PeriodPreset::Kind::Contract) {
                ++contracts;
                QCOMPARE(p.period.start, m_start); // the demo's contracts cover its days
                QCOMPARE(p.providers.size(), 3);
            } else if (p.kind == PeriodPreset::Kind::BillingPeriod) {
                ++billing;
                QVERIFY(!p.providers.isEmpty());
                QCOMPARE(p.period.start, m_start); // a calendar month from the first day
            }
        }
        QCOMPARE(contracts, 1);
        QVERIFY(billing >= 1);
    }

    void aDragIsSnappedToWholeChargePeriods()
    {
        std::unique_ptr<CaseStore> store = open(m_case.casePath);
        QVERIFY(store);
        // As a Shift+drag gives it: seconds, inside two days.
        const Period drag { m_start + kDay + 19 * 3600 + 16 * 60 + 19, m_start + 3 * kDay + 15 * 3600 + 28 * 60 + 42 };
        Result<SnappedPeriod> snapped = snapToChargePeriods(*store, drag);
        QVERIFY(snapped);
        QVERIFY(snapped->moved());
        QVERIFY(snapped->rowsCut > 0);
        // The demo bills by day: the drag becomes whole days around it.
        QCOMPARE(snapped->period.start, m_start + kDay);
        QCOMPARE(snapped->period.end, m_start + 4 * kDay);
        QCOMPARE(rowsAround(m_case.casePath, snapped->period.start), 0);
        QCOMPARE(rowsAround(m_case.casePath, snapped->period.end), 0);
        // Snapping is idempotent.
        Result<SnappedPeriod> again = snapToChargePeriods(*store, snapped->period);
        QVERIFY(again && !again->moved() && again->rowsCut == 0);
        // The whole case stays the whole case.
        Result<SnappedPeriod> whole = snapToChargePeriods(*store, {});
        QVERIFY(whole && !whole->moved());
    }

    // The checks over the snapped drag say exactly what `check --period` over the same days says.
    void snappedDragGivesTheFindingsOfTheEquivalentPeriod()
    {
        std::unique_ptr<CaseStore> store = open(m_case.casePath);
        QVERIFY(store);
        const Period drag { m_start + kDay + 5000, m_start + 3 * kDay + 777 };
        Result<SnappedPeriod> snapped = snapToChargePeriods(*store, drag);
        QVERIFY(snapped);
        store.reset();
        Result<Period> typed = parsePeriod(QStringLiteral("2026-09-02..2026-09-05"));
        QVERIFY(typed);
        QCOMPARE(snapped->period.start, typed->start);
        QCOMPARE(snapped->period.end, typed->end);
        const CheckReport a = test::check(m_case.casePath, defaultPolicy(), snapped->period);
        const CheckReport b = test::check(m_case.casePath, defaultPolicy(), *typed);
        QCOMPARE(canonicalJson(a.toJson()), canonicalJson(b.toJson()));
        // On the honest bank no billing rule fires on whole days.
        for (const Finding& f : a.findings)
            QVERIFY2(!f.ruleId.startsWith(u"billing."), qPrintable(test::dump(a.findings)));
    }

    void oneLongRowCannotWidenEverySelection()
    {
        const QString copy = m_dir.filePath(QStringLiteral("long.capcase"));
        QVERIFY(QFile::copy(m_case.casePath, copy));
        addUsageRow(copy, m_start - 200 * kDay, m_start + 200 * kDay); // a "year" of usage in one row
        std::unique_ptr<CaseStore> store = open(copy);
        QVERIFY(store);
        Result<SnappedPeriod> snapped = snapToChargePeriods(*store, { m_start + kDay + 60, m_start + 2 * kDay - 60 });
        QVERIFY(snapped);
        QCOMPARE(snapped->period.start, m_start + kDay);
        QCOMPARE(snapped->period.end, m_start + 2 * kDay);
    }

    // A provider's half-hour-shifted days stay whole: the charge period's bounds win over whole hours.
    void shiftedChargePeriodsStayWhole()
    {
        const QString copy = m_dir.filePath(QStringLiteral("shifted.capcase"));
        QVERIFY(QFile::copy(m_case.casePath, copy));
        addUsageRow(copy, m_start + 5 * kDay + 1800, m_start + 6 * kDay + 1800);
        std::unique_ptr<CaseStore> store = open(copy);
        QVERIFY(store);
        Result<SnappedPeriod> snapped = snapToChargePeriods(*store, { m_start + 5 * kDay + 7200, m_start + 6 * kDay });
        QVERIFY(snapped);
        QCOMPARE(snapped->period.start, m_start + 5 * kDay); // the day that contains the shifted row's start
        QCOMPARE(snapped->period.end, m_start + 7 * kDay); // the shifted row ends inside the next day
        QCOMPARE(rowsAround(copy, snapped->period.start), 0);
        QCOMPARE(rowsAround(copy, snapped->period.end), 0);
    }
};

QTEST_GUILESS_MAIN(TestPeriodChoice)
#include "tst_periodchoice.moc"
