// SPDX-License-Identifier: GPL-3.0-or-later
// CaseStore: queries for plotting and analytics (series at the right level of detail, coverage, commitments).
#include "store/casestore.h"
#include "store/samplecursor.h"
#include "store/sqlitedb.h"

#include <QMap>

#include <cmath>
#include <map>
#include <vector>

namespace capaudit {

namespace {

constexpr qint64 kDefaultResolution = 300;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The telemetry bundles a series draws from; ?1 provider id, ?2 meter (NULL: any), ?3 include untrusted.
constexpr const char* kBundleFilter =
    "SELECT b.id FROM bundles b WHERE b.kind = 'telemetry' AND b.provider = ?1 "
    "AND (?2 IS NULL OR " CAPAUDIT_AUTHORIZED_METER_SQL " = ?2) AND (?3 OR b.verdict = 'verified')";

Result<qint64> idOf(sql::Database& db, const char* sql, const QString& name, const QString& what)
{
    sql::Statement* select = db.prepare(sql);
    if (!select)
        return db.lastError();
    select->bind(1, name.isNull() ? QStringLiteral("") : name);
    if (select->next()) {
        const qint64 id = select->int64(0);
        select->reset();
        return id;
    }
    if (select->failed())
        return select->error();
    return Error(db.path(), 0, what, QStringLiteral("the case has no %1 '%2'").arg(what, name));
}

// Smallest telemetry step of the provider's bundles: the raw resolution.
Result<qint64> rawResolution(sql::Database& db, qint64 provider)
{
    sql::Statement* select =
        db.prepare("SELECT min(resolution) FROM bundles WHERE kind = 'telemetry' AND provider = ? AND resolution > 0");
    if (!select)
        return db.lastError();
    select->bind(1, provider);
    qint64 step = kDefaultResolution;
    if (select->next() && !select->isNull(0))
        step = select->int64(0);
    if (select->failed())
        return select->error();
    select->reset();
    return step;
}

} // namespace

QString seriesLevelName(SeriesLevel level)
{
    switch (level) {
    case SeriesLevel::Raw:
        return QStringLiteral("raw");
    case SeriesLevel::Hourly:
        return QStringLiteral("hourly");
    case SeriesLevel::Daily:
        return QStringLiteral("daily");
    }
    return QStringLiteral("raw");
}

namespace {

// One point of a series: a time, a tenant ('' for node rows) and its quantities.
struct SeriesPoint {
    qint64 time = 0;
    QString tenant;
    double allocated = kNaN, used = kNaN, capacity = kNaN, peakAllocated = kNaN, peakCapacity = kNaN;
};

// The parameters both levels' queries share: ?1 provider, ?2 meter, ?3 untrusted too (kBundleFilter), ?5..?6 the
// time range.
void bindSeriesFilter(sql::Statement& select, const SeriesQuery& q, qint64 provider)
{
    select.bind(1, provider)
        .bind(2, q.meter.isEmpty() ? QString() : q.meter)
        .bind(3, qint64(q.includeUntrusted))
        .bind(5, q.from)
        .bind(6, q.to);
}

// Rollup levels: means over the bucket's steps and peaks, per bucket and tenant, in time order.
Result<std::vector<SeriesPoint>> rollupPoints(
    sql::Database& db, const SeriesQuery& q, qint64 provider, qint64 resource, qint64 level)
{
    std::unique_ptr<sql::Statement> select = db.prepareOnce(
        QStringLiteral("SELECT r.bucket, t.name, sum(r.sum_allocated) / sum(r.steps), sum(r.sum_used) / sum(r.steps), "
                       "sum(r.sum_capacity) / sum(r.steps), max(r.max_allocated), max(r.max_capacity) "
                       "FROM rollups r JOIN tenants t ON t.id = r.tenant "
                       "WHERE r.level = ?7 AND r.provider = ?1 AND r.resource = ?4 AND r.bucket >= ?5 - ?7 + 1 "
                       "AND r.bucket < ?6 AND r.bundle IN (%1) GROUP BY r.bucket, r.tenant ORDER BY r.bucket")
            .arg(QString::fromLatin1(kBundleFilter)));
    if (!select)
        return db.lastError();
    bindSeriesFilter(*select, q, provider);
    select->bind(4, resource).bind(7, level);
    std::vector<SeriesPoint> out;
    while (select->next())
        out.push_back({ select->int64(0), select->text(1), select->real(2), select->real(3), select->real(4),
            select->real(5), select->real(6) });
    if (select->failed())
        return select->error();
    return out;
}

// The raw level: samples have no time index, so the hourly coverage rows give, per bundle, the seq range holding the
// requested hours and SampleCursor decodes only the blocks of that range. Quantities of one time and tenant add up
// across nodes and bundles (a missing value adds nothing; all missing stays missing).
Result<std::vector<SeriesPoint>> rawPoints(sql::Database& db, const SeriesQuery& q, qint64 provider, qint64 resource)
{
    std::unique_ptr<sql::Statement> ranges = db.prepareOnce(QStringLiteral(
        "SELECT bundle, min(first_seq), max(last_seq) FROM coverage WHERE level = 3600 AND provider = ?1 "
        "AND bucket > ?5 - 3600 AND bucket < ?6 AND bundle IN (%1) GROUP BY bundle ORDER BY bundle")
                                                                .arg(QString::fromLatin1(kBundleFilter)));
    if (!ranges)
        return db.lastError();
    bindSeriesFilter(*ranges, q, provider);
    struct Sum {
        double allocated = kNaN, used = kNaN, capacity = kNaN;
    };
    auto add = [](double& sum, double v) {
        if (!std::isnan(v))
            sum = std::isnan(sum) ? v : sum + v;
    };
    std::map<std::pair<qint64, qint64>, Sum> sums; // (time, tenant id)
    while (ranges->next()) {
        SampleCursor cursor(db, ranges->int64(0), ranges->int64(1), ranges->int64(2));
        while (cursor.next()) {
            const StoredSample& s = cursor.row();
            if (s.resource != resource || s.time < q.from || s.time >= q.to)
                continue;
            Sum& sum = sums[{ s.time, s.tenant }];
            add(sum.allocated, s.allocated);
            add(sum.used, s.used);
            add(sum.capacity, s.capacity);
        }
        if (cursor.failed())
            return cursor.error();
    }
    if (ranges->failed())
        return ranges->error();
    sql::Statement* name = db.prepare("SELECT name FROM tenants WHERE id = ?");
    if (!name)
        return db.lastError();
    QHash<qint64, QString> names;
    std::vector<SeriesPoint> out;
    out.reserve(sums.size());
    for (const auto& [key, sum] : sums) {
        auto it = names.constFind(key.second);
        if (it == names.constEnd()) {
            name->bind(1, key.second);
            if (!name->next())
                return name->failed() ? Result<std::vector<SeriesPoint>>(name->error())
                                      : Error(db.path(), 0, QStringLiteral("samples.tenant"),
                                          QStringLiteral("id %1 names no tenant").arg(key.second));
            it = names.insert(key.second, name->text(0));
            name->reset();
        }
        out.push_back({ key.first, *it, sum.allocated, sum.used, sum.capacity, sum.allocated, sum.capacity });
    }
    return out;
}

} // namespace

Result<TimeSeries> CaseStore::series(const SeriesQuery& q)
{
    Result<qint64> provider =
        idOf(m_db, "SELECT id FROM providers WHERE name = ?", q.provider, QStringLiteral("provider"));
    if (!provider)
        return provider.error();
    Result<qint64> resource =
        idOf(m_db, "SELECT id FROM resource_classes WHERE name = ?", q.resourceClass, QStringLiteral("resource class"));
    if (!resource)
        return resource.error();
    Result<qint64> step = rawResolution(m_db, *provider);
    if (!step)
        return step.error();
    if (q.to <= q.from || q.maxPoints <= 0)
        return Error(m_db.path(), 0, QStringLiteral("series"), QStringLiteral("empty time range or no points"));

    TimeSeries out;
    const qint64 span = q.to - q.from;
    if (span / *step <= q.maxPoints) {
        out.level = SeriesLevel::Raw;
        out.stepSeconds = *step;
    } else if (span / kRollupLevelHour <= q.maxPoints) {
        out.level = SeriesLevel::Hourly;
        out.stepSeconds = kRollupLevelHour;
    } else {
        out.level = SeriesLevel::Daily;
        out.stepSeconds = kRollupLevelDay;
    }

    Result<std::vector<SeriesPoint>> points = out.level == SeriesLevel::Raw
        ? rawPoints(m_db, q, *provider, *resource)
        : rollupPoints(m_db, q, *provider, *resource, out.stepSeconds);
    if (!points)
        return points.error();

    QHash<QString, qsizetype> tenantIndex;
    auto pointFor = [&](qint64 time) {
        if (out.times.isEmpty() || out.times.last() != time) {
            out.times.append(time);
            out.capacity.append(kNaN);
            out.peakCapacity.append(kNaN);
            for (TenantSeries& t : out.tenants) {
                t.allocated.append(kNaN);
                t.used.append(kNaN);
                t.peakAllocated.append(kNaN);
            }
        }
        return out.times.size() - 1;
    };
    for (const SeriesPoint& p : *points) {
        const qsizetype point = pointFor(p.time);
        if (p.tenant.isEmpty()) {
            out.capacity[point] = p.capacity;
            out.peakCapacity[point] = p.peakCapacity;
            // Node-level rows may also carry unattributed use (a GPU's utilisation without a pod label).
            if (std::isnan(p.allocated) && std::isnan(p.used))
                continue;
        }
        auto it = tenantIndex.constFind(p.tenant);
        if (it == tenantIndex.constEnd()) {
            TenantSeries series;
            series.tenant = p.tenant;
            series.allocated.fill(kNaN, out.times.size());
            series.used.fill(kNaN, out.times.size());
            series.peakAllocated.fill(kNaN, out.times.size());
            out.tenants.append(series);
            it = tenantIndex.insert(p.tenant, out.tenants.size() - 1);
        }
        TenantSeries& series = out.tenants[it.value()];
        series.allocated[point] = p.allocated;
        series.used[point] = p.used;
        series.peakAllocated[point] = p.peakAllocated;
    }
    std::sort(out.tenants.begin(), out.tenants.end(),
        [](const TenantSeries& a, const TenantSeries& b) { return a.tenant < b.tenant; });

    Result<QList<CommitmentLine>> commitments = this->commitments(q.provider, q.resourceClass);
    if (!commitments)
        return commitments.error();
    for (const CommitmentLine& c : *commitments) {
        if (c.period.start < q.to && (c.period.end == 0 || c.period.end > q.from))
            out.commitments.append(c);
    }
    return out;
}

Result<QList<CommitmentLine>> CaseStore::commitments(const QString& provider, const QString& resourceClass)
{
    sql::Statement* select = m_db.prepare(
        "SELECT p.name, r.name, c.region, c.unit, c.quantity, c.overcommit_limit, c.period_start, c.period_end, "
        "b.digest FROM attestation_commitments c JOIN providers p ON p.id = c.provider "
        "JOIN resource_classes r ON r.id = c.resource JOIN bundles b ON b.id = c.bundle "
        "WHERE (?1 IS NULL OR p.name = ?1) AND (?2 IS NULL OR r.name = ?2) ORDER BY c.bundle, c.seq");
    if (!select)
        return m_db.lastError();
    select->bind(1, provider.isEmpty() ? QString() : provider)
        .bind(2, resourceClass.isEmpty() ? QString() : resourceClass);
    QList<CommitmentLine> out;
    while (select->next()) {
        CommitmentLine c;
        c.provider = select->text(0);
        c.resourceClass = select->text(1);
        c.region = select->text(2);
        c.unit = select->text(3);
        c.quantity = select->real(4);
        c.overcommitLimit = select->real(5);
        c.period = { select->int64(6), select->int64(7) };
        c.bundleDigest = select->text(8);
        out.append(c);
    }
    if (select->failed())
        return select->error();
    return out;
}

Result<QList<CoverageBucket>> CaseStore::coverage(const QString& provider, qint64 from, qint64 to, SeriesLevel level)
{
    const qint64 size = level == SeriesLevel::Daily ? kRollupLevelDay : kRollupLevelHour;
    Result<qint64> providerId =
        idOf(m_db, "SELECT id FROM providers WHERE name = ?", provider, QStringLiteral("provider"));
    if (!providerId)
        return providerId.error();
    Result<qint64> step = rawResolution(m_db, *providerId);
    if (!step)
        return step.error();
    const qint64 first = from - ((from % size) + size) % size;
    QMap<qint64, CoverageBucket> buckets;
    for (qint64 start = first; start < to; start += size)
        buckets.insert(start, { start, std::max<qint64>(1, size / *step), 0, 0, CoverageBucket::Status::Missing });

    sql::Statement* select = m_db.prepare(
        "SELECT c.bucket, b.verdict, sum(c.steps) FROM coverage c JOIN bundles b ON b.id = c.bundle "
        "WHERE c.level = ?1 AND c.provider = ?2 AND c.bucket >= ?3 AND c.bucket < ?4 AND " CAPAUDIT_AUTHORIZED_METER_SQL
        " = 'provider' "
        "GROUP BY c.bucket, b.verdict");
    if (!select)
        return m_db.lastError();
    select->bind(1, size).bind(2, *providerId).bind(3, first).bind(4, to);
    while (select->next()) {
        auto it = buckets.find(select->int64(0));
        if (it == buckets.end())
            continue;
        (select->text(1) == u"verified" ? it->verifiedSteps : it->untrustedSteps) += select->int64(2);
    }
    if (select->failed())
        return select->error();
    QList<CoverageBucket> out;
    for (CoverageBucket& b : buckets) {
        b.verifiedSteps = std::min(b.verifiedSteps, b.expectedSteps);
        b.untrustedSteps = std::min(b.untrustedSteps, b.expectedSteps - b.verifiedSteps);
        if (b.verifiedSteps >= b.expectedSteps)
            b.status = CoverageBucket::Status::Verified;
        else if (b.verifiedSteps > 0)
            b.status = CoverageBucket::Status::Partial;
        else if (b.untrustedSteps > 0)
            b.status = CoverageBucket::Status::Untrusted;
        out.append(b);
    }
    return out;
}

Result<Period> CaseStore::periodCovered(const QString& provider)
{
    // From the predicates' periods, falling back to the hourly coverage for bundles whose predicate has none.
    sql::Statement* select = m_db.prepare(
        "SELECT min(v.s), max(v.e) FROM (SELECT b.period_start AS s, b.period_end AS e FROM bundles b "
        "  JOIN providers p ON p.id = b.provider WHERE b.kind = 'telemetry' AND b.period_end IS NOT NULL "
        "  AND (?1 IS NULL OR p.name = ?1) "
        "UNION ALL SELECT min(c.bucket), max(c.bucket) + 3600 FROM coverage c JOIN bundles b ON b.id = c.bundle "
        "  JOIN providers p ON p.id = b.provider WHERE c.level = 3600 AND b.period_end IS NULL "
        "  AND (?1 IS NULL OR p.name = ?1)) v");
    if (!select)
        return m_db.lastError();
    select->bind(1, provider.isEmpty() ? QString() : provider);
    Period period;
    if (select->next() && !select->isNull(0))
        period = { select->int64(0), select->int64(1) };
    if (select->failed())
        return select->error();
    select->reset();
    return period;
}

} // namespace capaudit
