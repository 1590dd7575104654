// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/periodchoice.h"

#include "store/casestore.h"
#include "store/sqlitedb.h"

#include <QMap>

namespace capaudit::analytics {
namespace {

constexpr qint64 kHour = 3600;

qint64 floorTo(qint64 t, qint64 step)
{
    return t - ((t % step) + step) % step;
}

// The (start, end) -> providers of one SQL query's rows.
Result<QMap<std::pair<qint64, qint64>, QStringList>> periodsOf(sql::Database& db, const char* query)
{
    sql::Statement* select = db.prepare(query);
    if (!select)
        return db.lastError();
    QMap<std::pair<qint64, qint64>, QStringList> out;
    while (select->next()) {
        if (select->isNull(0) || select->isNull(1) || select->int64(1) <= select->int64(0))
            continue;
        QStringList& providers = out[{ select->int64(0), select->int64(1) }];
        if (!providers.contains(select->text(2)))
            providers.append(select->text(2));
    }
    if (select->failed())
        return select->error();
    select->reset();
    for (QStringList& providers : out)
        providers.sort();
    return out;
}

} // namespace

Result<QList<PeriodPreset>> periodPresets(CaseStore& store)
{
    QList<PeriodPreset> out;
    Result<Period> whole = store.periodCovered();
    if (!whole)
        return whole.error();
    if (whole->end > whole->start)
        out.append({ PeriodPreset::Kind::WholeCase, *whole, {} });
    sql::Database& db = store.database();
    const auto contracts = periodsOf(db,
        "SELECT c.period_start, c.period_end, p.name FROM attestation_contracts c "
        "JOIN providers p ON p.id = c.provider");
    if (!contracts)
        return contracts.error();
    for (auto it = contracts->cbegin(); it != contracts->cend(); ++it)
        out.append({ PeriodPreset::Kind::Contract, { it.key().first, it.key().second }, it.value() });
    // FOCUS BillingPeriodStart/End as the importer stored them (Unix seconds in the row's record).
    const auto billing = periodsOf(db,
        "SELECT DISTINCT json_extract(r.record_json, '$.BillingPeriodStart'), "
        "json_extract(r.record_json, '$.BillingPeriodEnd'), p.name FROM billing_records r "
        "JOIN providers p ON p.id = r.provider");
    if (!billing)
        return billing.error();
    for (auto it = billing->cbegin(); it != billing->cend(); ++it)
        out.append({ PeriodPreset::Kind::BillingPeriod, { it.key().first, it.key().second }, it.value() });
    return out;
}

Result<SnappedPeriod> snapToChargePeriods(CaseStore& store, const Period& proposed)
{
    SnappedPeriod out;
    out.proposed = proposed;
    if (proposed.end <= proposed.start) {
        out.period = proposed;
        return out; // the whole case: nothing is cut
    }
    // Whole hours first: the finest aggregate of the telemetry and of the hourly rollups the billing rules compare
    // with. Then the charge periods, whose bounds win (a provider's half-hour-shifted days stay whole).
    out.period = { floorTo(proposed.start, kHour), floorTo(proposed.end + kHour - 1, kHour) };
    sql::Database& db = store.database();
    // The Usage charge periods that contain T strictly inside (a period starting or ending at T is not cut).
    sql::Statement* around =
        db.prepare("SELECT count(*), min(charge_period_start), max(charge_period_end) FROM billing_records "
                   "WHERE charge_category = 'Usage' AND charge_period_start < ?1 AND charge_period_end > ?1 "
                   "AND charge_period_end - charge_period_start <= ?2");
    if (!around)
        return db.lastError();
    struct Cut {
        qint64 count = 0, start = 0, end = 0;
    };
    auto cutAt = [&](qint64 t) -> Result<Cut> {
        around->bind(1, t).bind(2, kLongestChargePeriod);
        Cut cut { 0, t, t };
        if (around->next() && around->int64(0) > 0)
            cut = { around->int64(0), around->int64(1), around->int64(2) };
        if (around->failed())
            return around->error();
        around->reset();
        return cut;
    };
    // Each round moves a bound outward past every period that contained it, by at most kLongestChargePeriod, and
    // only finitely many periods exist: the loop ends; the guard only bounds a pathological case file.
    for (int round = 0; round < 10000; ++round) {
        Result<Cut> atStart = cutAt(out.period.start);
        if (!atStart)
            return atStart.error();
        Result<Cut> atEnd = cutAt(out.period.end);
        if (!atEnd)
            return atEnd.error();
        if (atStart->count == 0 && atEnd->count == 0)
            break;
        out.rowsCut += atStart->count + atEnd->count;
        out.period.start = qMin(out.period.start, atStart->start);
        out.period.end = qMax(out.period.end, atEnd->end);
    }
    return out;
}

} // namespace capaudit::analytics
