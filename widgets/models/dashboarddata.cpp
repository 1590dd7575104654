// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/dashboarddata.h"

#include "chartstyle.h"
#include "store/audittrail.h"
#include "util/timeutil.h"

#include <QJsonObject>

#include <algorithm>

namespace capaudit {

namespace {

constexpr qint64 kDay = 86400;
constexpr int kMaxDays = 400; // a strip column stays at least a few pixels wide
constexpr int kTrendPoints = 120; // a small chart: daily means on any realistic period

qint64 floorDay(qint64 t)
{
    return t - ((t % kDay) + kDay) % kDay;
}

// Marks the days of [P.start, P.end) that fall in the strip.
template <typename Fn> void forDays(const DashboardData& d, const Period& p, Fn fn)
{
    if (p.end <= p.start)
        return;
    const qint64 from = std::max(p.start, d.firstDay);
    const qint64 to = std::min(p.end, d.firstDay + qint64(d.dayCount) * kDay);
    for (qint64 t = floorDay(from); t < to; t += kDay)
        fn(int((t - d.firstDay) / kDay));
}

// The better of two states: the strip shows the best evidence a day has.
CoverageState better(CoverageState a, CoverageState b)
{
    return int(a) < int(b) ? a : b;
}

struct Attempt {
    QString provider;
    BundleKind kind;
    Period period;
    CoverageState state;
};

QList<Attempt> refusedAttempts(CaseStore& store, Status& status)
{
    QList<Attempt> out;
    Result<QList<TrailEntry>> trail = store.trail();
    if (!trail) {
        status = trail.error();
        return out;
    }
    for (const TrailEntry& e : *trail) {
        CoverageState state;
        if (e.action == QLatin1String(trail::kImportRejected))
            state = CoverageState::Rejected;
        else if (e.action == QLatin1String(trail::kImportFailed))
            state = CoverageState::Unreadable;
        else
            continue;
        // Older cases did not record the claimed period of a refused bundle: such attempts cannot be placed.
        const QJsonObject period = e.details.value(QStringLiteral("period")).toObject();
        const auto start = parseTimestamp(period.value(QStringLiteral("start")).toString());
        const auto end = parseTimestamp(period.value(QStringLiteral("end")).toString());
        if (!start || !end)
            continue;
        out.append({ e.details.value(QStringLiteral("provider")).toString(),
            bundleKindFromName(e.details.value(QStringLiteral("kind")).toString()),
            { start->toSecsSinceEpoch(), end->toSecsSinceEpoch() }, state });
    }
    return out;
}

Period unite(Period a, const Period& b)
{
    if (b.end <= b.start)
        return a;
    if (a.end <= a.start)
        return b;
    return { std::min(a.start, b.start), std::max(a.end, b.end) };
}

Status addCoverage(CaseStore& store, const QString& provider, bool stored, const QList<StoredBundle>& bundles,
    const QList<Attempt>& attempts, DashboardData& d)
{
    const QList<BundleKind> kinds { BundleKind::Telemetry, BundleKind::Billing, BundleKind::Attestation };
    for (BundleKind kind : kinds) {
        EvidenceDays row { provider, kind, QList<CoverageState>(d.dayCount, CoverageState::Missing),
            QList<bool>(d.dayCount, false) };
        if (kind == BundleKind::Telemetry && stored) {
            Result<QList<CoverageBucket>> buckets =
                store.coverage(provider, d.firstDay, d.firstDay + qint64(d.dayCount) * kDay, SeriesLevel::Daily);
            if (!buckets)
                return buckets.error();
            for (const CoverageBucket& b : *buckets) {
                const qint64 i = (b.start - d.firstDay) / kDay;
                if (i < 0 || i >= d.dayCount)
                    continue;
                switch (b.status) {
                case CoverageBucket::Status::Verified:
                    row.days[i] = CoverageState::Verified;
                    break;
                case CoverageBucket::Status::Partial:
                    row.days[i] = CoverageState::Partial;
                    break;
                case CoverageBucket::Status::Untrusted:
                    row.days[i] = CoverageState::Untrusted;
                    break;
                case CoverageBucket::Status::Missing:
                    break;
                }
            }
        } else {
            for (const StoredBundle& b : bundles) {
                if (b.provider != provider || b.kind != kind)
                    continue;
                const CoverageState s = b.untrusted() ? CoverageState::Untrusted : CoverageState::Verified;
                forDays(d, b.period, [&](int i) { row.days[i] = better(row.days[i], s); });
            }
        }
        for (const Attempt& a : attempts) {
            if (a.provider != provider || a.kind != kind)
                continue;
            forDays(d, a.period, [&](int i) {
                row.attempted[i] = true;
                row.days[i] = better(row.days[i], a.state);
            });
        }
        d.coverage.append(row);
    }
    return {};
}

Status addTrends(CaseStore& store, const QString& provider, const QStringList& classes, DashboardData& d)
{
    for (const QString& rc : classes) {
        SeriesQuery q;
        q.provider = provider;
        q.resourceClass = rc;
        q.from = d.span.start;
        q.to = d.span.end;
        q.maxPoints = kTrendPoints;
        Result<TimeSeries> s = store.series(q);
        if (!s)
            return s.error();
        if (s->times.isEmpty() || (s->capacity.isEmpty() && s->commitments.isEmpty()))
            continue;
        ClassTrend t;
        t.provider = provider;
        t.resourceClass = rc;
        t.unit = s->commitments.isEmpty() ? QString() : s->commitments.first().unit;
        t.level = s->level;
        t.times = reports::timeKeys(s->times);
        t.delivered = QVector<double>(s->capacity.begin(), s->capacity.end());
        t.committed = reports::committedTotal(*s);
        d.trends.append(t);
    }
    return {};
}

} // namespace

Result<DashboardData> loadDashboard(CaseStore& store, const Period& period)
{
    DashboardData d;
    Result<QStringList> providers = store.providers();
    if (!providers)
        return providers.error();
    Result<QStringList> classes = store.resourceClasses();
    if (!classes)
        return classes.error();
    Result<QList<StoredBundle>> bundles = store.bundles();
    if (!bundles)
        return bundles.error();
    Status status;
    const QList<Attempt> attempts = refusedAttempts(store, status);
    if (!status)
        return status.error();

    Result<Period> covered = store.periodCovered();
    if (!covered)
        return covered.error();
    d.casePeriod = *covered;
    d.span = period;
    if (d.span.end <= d.span.start) {
        // The whole case: what the telemetry covers (a contract's attested period can run for years).
        d.span = *covered;
        for (const Attempt& a : attempts)
            if (a.kind == BundleKind::Telemetry)
                d.span = unite(d.span, a.period);
    }
    if (d.span.end <= d.span.start)
        return d;
    d.firstDay = floorDay(d.span.start);
    d.dayCount = int(std::min<qint64>(kMaxDays, (d.span.end - d.firstDay + kDay - 1) / kDay));

    QStringList names = *providers;
    for (const Attempt& a : attempts)
        if (!a.provider.isEmpty() && !names.contains(a.provider))
            names.append(a.provider); // a provider whose every bundle was refused still has a row
    std::sort(names.begin(), names.end());
    for (const QString& p : std::as_const(names)) {
        const bool stored = providers->contains(p);
        if (Status s = addCoverage(store, p, stored, *bundles, attempts, d); !s)
            return s.error();
        if (!stored)
            continue;
        if (Status s = addTrends(store, p, *classes, d); !s)
            return s.error();
    }
    return d;
}

} // namespace capaudit
