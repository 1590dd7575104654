// SPDX-License-Identifier: GPL-3.0-or-later
// What the billing rules read: the provider-metered allocation from the hourly rollups (they hold the exact sum of
// every sample's allocation per bundle, provider, class, tenant and hour, so no raw row is read here) and the FOCUS
// rows. Both are cut by --period alike.
#include "analytics/billingdata.h"
#include "store/sqlitedb.h"
#include "util/prefetch.h"

#include <map>
#include <tuple>

namespace capaudit::analytics::detail {

namespace {

constexpr qint64 kHour = 3600;

bool meets(const Period& period, const Period& checked)
{
    if (checked.end <= checked.start)
        return true;
    if (period.end <= period.start) // an instant (a one-off charge): inside or not
        return period.start >= checked.start && period.start < checked.end;
    return period.end > checked.start && period.start < checked.end;
}

Status loadMeasured(CheckContext& c, MeasuredAllocation& measured)
{
    sql::Database& db = c.store.database();
    sql::Statement* select =
        db.prepare("SELECT r.provider, r.resource, r.tenant, r.bucket, r.sum_allocated, r.sum_used, r.bundle "
                   "FROM rollups r JOIN bundles b ON b.id = r.bundle "
                   "WHERE r.level = 3600 AND r.tenant != 0 AND b.kind = 'telemetry' AND " CAPAUDIT_AUTHORIZED_METER_SQL
                   " = 'provider'");
    if (!select)
        return db.lastError();
    // Summed in an order of names and digests, never of ids or rows (both follow the import order): floating-point
    // sums of three or more terms depend on their order, and the same evidence must give the same bytes.
    struct Row {
        SeriesKey key;
        qint64 bucket = 0;
        double allocated = 0, used = 0;
    };
    std::map<std::tuple<QString, QString, qint64, QString, QString>, Row> rows;
    while (select->next()) {
        const qint64 bucket = select->int64(3);
        // Each sample stands for the step its bundle's samples bear out, never for a resolution the provider declares.
        const double hours = double(c.effectiveStep(select->int64(6))) / double(kHour);
        const SeriesKey key { select->int64(0), select->int64(1), select->int64(2) };
        const StoredBundle* bundle = c.bundle(select->int64(6));
        rows[{ c.providerNames.value(key.provider), c.resourceNames.value(key.resource), bucket,
            c.tenantNames.value(key.tenant), bundle ? bundle->digest : QString() }] = { key, bucket,
            select->isNull(4) ? 0 : select->real(4) * hours, select->isNull(5) ? 0 : select->real(5) * hours };
    }
    if (select->failed())
        return select->error();
    for (const auto& [sortKey, row] : rows) {
        // Every bucket is kept: a charge period cut by --period needs its measured allocation outside the period to
        // pro-rate its billed quantity.
        measured.hours[row.key][row.bucket] += row.allocated;
        if (!c.inPeriod(row.bucket))
            continue;
        ClassFacts& cls = c.facts(std::get<0>(sortKey)).classes[std::get<1>(sortKey)];
        cls.allocatedUnitHours += row.allocated;
        cls.usedUnitHours += row.used;
    }
    return Status::success();
}

// Policy billing.nonConformantRows = reject: invoices (billing bundles) with any quarantined row.
Result<QSet<qint64>> rejectedBundles(CheckContext& c)
{
    QSet<qint64> out;
    if (!c.options.policy.rejectNonConformant())
        return out;
    sql::Database& db = c.store.database();
    sql::Statement* select =
        db.prepare("SELECT DISTINCT bundle FROM billing_records WHERE instr(record_json, '\"quarantine\":[') > 0");
    if (!select)
        return db.lastError();
    while (select->next())
        out.insert(select->int64(0));
    if (select->failed())
        return select->error();
    return out;
}

void attachContract(const CheckContext& c, BillingRow& row)
{
    const ProviderAttestation* a = c.attestationAt(row.provider, row.period.start);
    if (!a)
        return;
    row.contractCurrency = a->currency;
    if (!row.resourceClass.isEmpty() && a->prices.contains(row.resourceClass))
        row.attestedPrice = a->prices.value(row.resourceClass);
    row.tenantAttested = row.tenant.isEmpty() || a->tenants.isEmpty() || a->tenants.contains(row.tenant);
}

} // namespace

QString BillingRow::unreconciledReason() const
{
    if (quarantined)
        return QStringLiteral("quarantined row");
    if (category != u"Usage")
        return category.isEmpty() ? QStringLiteral("no ChargeCategory") : category;
    if (chargeClass == u"Correction")
        return QStringLiteral("Correction");
    if (tenant.isEmpty())
        return QStringLiteral("Usage without tenant");
    if (resourceClass.isEmpty())
        return QStringLiteral("Usage without resource class");
    if (isMissing(quantity))
        return QStringLiteral("Usage without ConsumedQuantity");
    return {};
}

double MeasuredAllocation::over(const SeriesKey& key, const Period& period) const
{
    const auto series = hours.constFind(key);
    if (series == hours.constEnd() || period.end <= period.start)
        return 0;
    double sum = 0;
    const qint64 first = period.start - ((period.start % kHour) + kHour) % kHour;
    for (auto it = series->lowerBound(first); it != series->end() && it.key() < period.end; ++it) {
        const qint64 covered = qMin(it.key() + kHour, period.end) - qMax(it.key(), period.start);
        if (covered > 0)
            sum += it.value() * double(covered) / double(kHour);
    }
    return sum;
}

QList<EvidenceRef> rowEvidence(const CheckContext& c, const QList<const BillingRow*>& rows, const QString& note)
{
    QMap<qint64, QPair<qint64, qint64>> lines; // bundle -> first, last line
    for (const BillingRow* r : rows) {
        auto it = lines.find(r->bundleId);
        if (it == lines.end())
            lines.insert(r->bundleId, { r->line, r->line });
        else
            *it = { qMin(it->first, r->line), qMax(it->second, r->line) };
    }
    QList<EvidenceRef> out;
    for (auto it = lines.cbegin(); it != lines.cend(); ++it) {
        const StoredBundle* b = c.bundle(it.key());
        out.append({ b ? b->digest : QString(), c.payloadPath(it.key(), 0), it->first, it->second, note });
    }
    return out;
}

Status loadBillingData(CheckContext& c, BillingData& data, ConsistencyCheck& consistency)
{
    if (Status s = loadMeasured(c, data.measured); !s)
        return s;
    Result<QSet<qint64>> rejected = rejectedBundles(c);
    if (!rejected)
        return rejected.error();
    Result<QList<StoredBillingRow>> stored =
        c.billingPrefetch ? c.billingPrefetch->take() : readStoredBilling(c.store.info().path);
    if (!stored)
        return stored.error();
    const Period checked = c.options.period;
    for (const StoredBillingRow& r : std::as_const(*stored)) {
        BillingRow row;
        row.period = r.period;
        if (!meets(row.period, checked))
            continue;
        ++c.report.billingRowsScanned;
        row.bundleId = r.bundleId;
        row.line = r.line;
        row.key = r.key;
        row.provider = c.providerNames.value(row.key.provider);
        row.resourceClass = row.key.resource ? c.resourceNames.value(row.key.resource) : QString();
        row.tenant = row.key.tenant ? c.tenantNames.value(row.key.tenant) : QString();
        row.category = r.category;
        row.cost = r.cost;
        row.quantity = r.quantity;
        row.unit = r.unit;
        row.currency = r.currency;
        row.invoiceId = r.invoiceId;
        row.chargeClass = r.chargeClass;
        row.resourceId = r.resourceId;
        // Quarantined rows (and, under reject, their whole invoice) are described by billing.data-quality; their
        // money is still listed as unreconciled.
        row.quarantined = r.quarantineMarked || rejected->contains(row.bundleId);
        attachContract(c, row);

        const Period inside = clipToChecked(row.period, checked);
        const double seconds = double(row.period.end - row.period.start);
        row.share = seconds > 0 ? double(inside.end - inside.start) / seconds : 1.0;
        if (row.share < 1 && row.reconcilable()) {
            const double full = data.measured.over(row.key, row.period);
            if (full > 0)
                row.share = data.measured.over(row.key, inside) / full;
        }
        if (!row.quarantined)
            consistency.row(row, r.amounts);
        if (row.reconcilable()) {
            ProviderFacts& facts = c.facts(row.provider);
            ClassFacts& cls = facts.classes[row.resourceClass];
            cls.billedQuantity += row.quantity * row.share;
            // Amounts in another currency than the contract's are not added to it (billing.currency lists them).
            if (!row.foreignCurrency()) {
                facts.currency = row.currency;
                facts.billedCostTotal += row.cost * row.share;
                cls.billedCost += row.cost * row.share;
            }
        }
        data.rows.append(row);
    }
    return Status::success();
}

} // namespace capaudit::analytics::detail
