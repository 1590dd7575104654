// SPDX-License-Identifier: GPL-3.0-or-later
// The three-way match of procurement, for metered compute: per provider, invoice period and resource class, the
// contract (commitment x price), the delivery (capacity up, allocation to tenants), FOCUS billing and the invoice
// side by side. Findings come from threewayrules.cpp; this file gathers the legs.
#include "analytics/threewaymatch.h"

#include "util/timeutil.h"

#include <QJsonArray>

#include <algorithm>

namespace capaudit::analytics {

QJsonObject ThreeWayLine::toJson() const
{
    QJsonObject json { { QStringLiteral("kind"), kind }, { QStringLiteral("provider"), provider },
        { QStringLiteral("resourceClass"), resourceClass }, { QStringLiteral("currency"), currency },
        { QStringLiteral("start"), formatUnixSeconds(period.start) },
        { QStringLiteral("end"), formatUnixSeconds(period.end) },
        { QStringLiteral("invoices"), QJsonArray::fromStringList(invoices) }, { QStringLiteral("status"), status },
        { QStringLiteral("findings"), QJsonArray::fromStringList(findings) } };
    auto put = [&](const char* key, double v) {
        if (!isMissing(v))
            json.insert(QLatin1String(key), v);
    };
    if (kind == u"match") {
        put("committedQuantity", committedQuantity);
        put("contractedPrice", contractedPrice);
        put("expectedCharge", expectedCharge);
        put("deliveredQuantity", deliveredQuantity);
        put("allocatedQuantity", allocatedQuantity);
        put("billedQuantity", billedQuantity);
        put("billedAmount", billedAmount);
        put("invoicedQuantity", invoicedQuantity);
        put("invoicedAmount", invoicedAmount);
        put("duplicateQuantity", duplicateQuantity);
        put("duplicateAmount", duplicateAmount);
        put("invoicedMinusBilled", invoicedMinusBilled());
        put("invoicedMinusAllocated", invoicedMinusAllocated());
    } else if (kind == u"idle") {
        put("committedQuantity", committedQuantity);
        put("allocatedQuantity", allocatedQuantity);
        put("contractedPrice", contractedPrice);
        put("idleQuantity", idleQuantity);
        put("idleAmount", idleAmount);
    } else {
        put("creditOwed", creditOwed);
        put("creditGiven", creditGiven);
        put("invoicedAmount", invoicedAmount);
    }
    return json;
}

namespace detail {

ThreeWayLegs::ThreeWayLegs(CheckContext& c, const BillingData& billing)
    : m_c(c)
    , m_billing(billing)
{
    for (auto it = c.resourceNames.cbegin(); it != c.resourceNames.cend(); ++it)
        m_resourceIds.insert(it.value(), it.key());
    for (auto it = c.providerNames.cbegin(); it != c.providerNames.cend(); ++it)
        m_providerIds.insert(it.value(), it.key());
}

double ThreeWayLegs::committed(const ProviderAttestation& a, const QString& cls, const Period& p) const
{
    double unitHours = 0;
    for (const CommitmentLine& line : a.commitments) {
        if (line.resourceClass != cls)
            continue;
        const Period in = line.period.end > line.period.start ? line.period : a.period;
        unitHours += line.quantity * double(overlapSeconds(p, in)) / 3600.0;
    }
    return unitHours;
}

double ThreeWayLegs::delivered(const QString& provider, const QString& cls, const Period& p) const
{
    const qint64 resource = m_resourceIds.value(cls);
    if (!resource)
        return 0;
    const QString prefix = regionKeyOf(provider, QString());
    QList<DeliveredRun> runs;
    for (int i = 0; i < m_c.regions.size(); ++i) {
        if (!m_c.regions.at(i).startsWith(prefix))
            continue;
        for (const BundleScan& scan : std::as_const(m_c.scans))
            runs.append(scan.delivered.value({ resource, i }));
    }
    double unitHours = 0;
    for (const DeliveredRun& run : sumDelivered(runs))
        unitHours += run.value * double(overlapSeconds({ run.first, run.last + run.step }, p)) / 3600.0;
    return unitHours;
}

QList<SeriesKey> ThreeWayLegs::series(const QString& provider, const QString& cls) const
{
    const qint64 providerId = m_providerIds.value(provider);
    const qint64 resource = m_resourceIds.value(cls);
    QList<SeriesKey> keys;
    for (auto it = m_billing.measured.hours.cbegin(); it != m_billing.measured.hours.cend(); ++it)
        if (it.key().provider == providerId && it.key().resource == resource)
            keys.append(it.key());
    // Summed in tenant-name order: ids and hash order follow the import order, and floating-point sums of three or
    // more terms depend on their order.
    std::sort(keys.begin(), keys.end(), [this](const SeriesKey& a, const SeriesKey& b) {
        return m_c.tenantNames.value(a.tenant) < m_c.tenantNames.value(b.tenant);
    });
    return keys;
}

double ThreeWayLegs::allocated(const QString& provider, const QString& cls, const Period& p) const
{
    double unitHours = 0;
    for (const SeriesKey& key : series(provider, cls))
        unitHours += m_billing.measured.over(key, p);
    return unitHours;
}

double ThreeWayLegs::idle(const ProviderAttestation& a, const QString& cls, const Period& p) const
{
    const QList<SeriesKey> keys = series(a.provider, cls);
    double unitHours = 0;
    for (qint64 hour = p.start - ((p.start % 3600) + 3600) % 3600; hour < p.end; hour += 3600) {
        const Period slice { qMax(hour, p.start), qMin(hour + 3600, p.end) };
        const double committedHere = committed(a, cls, slice);
        double allocatedHere = 0;
        for (const SeriesKey& key : keys)
            allocatedHere += m_billing.measured.over(key, slice);
        unitHours += qMax(0.0, committedHere - allocatedHere);
    }
    return unitHours;
}

QList<const BillingRow*> ThreeWayLegs::billed(
    const QString& provider, const QString& cls, const Period& p, double& quantity, double& amount) const
{
    QList<const BillingRow*> candidates;
    for (const BillingRow& row : m_billing.rows)
        if (row.provider == provider && row.resourceClass == cls && row.reconcilable() && !row.foreignCurrency())
            candidates.append(&row);
    // By bundle digest and line, not by bundle id (import order): the sums must not depend on it.
    std::sort(candidates.begin(), candidates.end(), [this](const BillingRow* a, const BillingRow* b) {
        const StoredBundle* ba = m_c.bundle(a->bundleId);
        const StoredBundle* bb = m_c.bundle(b->bundleId);
        return std::tie(ba->digest, a->line) < std::tie(bb->digest, b->line);
    });
    QList<const BillingRow*> rows;
    for (const BillingRow* r : std::as_const(candidates)) {
        const BillingRow& row = *r;
        const qint64 seconds = row.period.end - row.period.start;
        const double share = seconds > 0 ? double(overlapSeconds(row.period, p)) / double(seconds)
                                         : (row.period.start >= p.start && row.period.start < p.end ? 1.0 : 0.0);
        if (share <= 0)
            continue;
        quantity += row.quantity * share;
        amount += row.cost * share;
        rows.append(&row);
    }
    return rows;
}

QList<ThreeWayGroup> groupInvoices(const CheckContext& c, const InvoiceData& data)
{
    QMap<std::tuple<QString, qint64, qint64>, ThreeWayGroup> groups;
    for (const InvoiceDocument& inv : data.invoices) {
        const ProviderAttestation* a = c.attestationAt(inv.provider, inv.period.start);
        Period p = clipToChecked(inv.period, c.options.period);
        if (a)
            p = { qMax(p.start, a->period.start), qMin(p.end, a->period.end) };
        if (p.end <= p.start)
            continue; // nothing of it inside the contract: invoice.mismatch says so
        ThreeWayGroup& g = groups[{ inv.provider, p.start, p.end }];
        g.provider = inv.provider;
        g.period = p;
        g.attestation = a;
        g.invoices.append(&inv);
    }
    for (const ClaimedLine& l : data.lines)
        for (auto it = groups.begin(); it != groups.end(); ++it)
            if (it->invoices.contains(l.invoice))
                it->lines.append(&l);
    return groups.values();
}

double claimedShare(const ClaimedLine& l, const Period& p)
{
    const qint64 seconds = l.period.end - l.period.start;
    return seconds > 0 ? double(overlapSeconds(l.period, p)) / double(seconds) : 1.0;
}

} // namespace detail
} // namespace capaudit::analytics
