// SPDX-License-Identifier: GPL-3.0-or-later
// billing.reconciliation and billing.consistency. Measured quantities come from the hourly rollups: they hold the exact
// sum of every sample's allocation per provider, class, tenant and hour, so no raw row is read here.
#include "analytics/checkcontext.h"
#include "analytics/rulecatalog.h"
#include "store/sqlitedb.h"
#include "util/jsonutil.h"

#include <cmath>

namespace capaudit::analytics::detail {
namespace {

constexpr qint64 kHour = 3600;

struct SeriesKey {
    qint64 provider = 0, resource = 0, tenant = 0;
    friend bool operator==(const SeriesKey&, const SeriesKey&) = default;
    friend size_t qHash(const SeriesKey& k, size_t seed = 0)
    {
        return qHashMulti(seed, k.provider, k.resource, k.tenant);
    }
};

// Billed rows of one provider, class, tenant and charge period (one per node in a typical export).
struct ChargeGroup {
    SeriesKey key;
    Period period;
    double billedQuantity = 0, billedCost = 0;
    QString unit, currency, invoiceId;
    qint64 bundleId = 0, firstLine = 0, lastLine = 0;
    double measured = 0;
};

struct Problem {
    qint64 rows = 0, firstLine = 0, lastLine = 0;
    double amount = 0;
    QString example;
};

double number(const QJsonObject& record, const char* key)
{
    const QJsonValue v = record.value(QLatin1String(key));
    return v.isDouble() ? v.toDouble() : kMissing;
}

class BillingRules {
public:
    explicit BillingRules(CheckContext& c)
        : m_c(c)
        , m_relative(c.options.policy.threshold(
              QLatin1String(rules::kBillingReconciliation), QStringLiteral("relativeTolerance")))
        , m_absolute(c.options.policy.threshold(
              QLatin1String(rules::kBillingReconciliation), QStringLiteral("absoluteTolerance")))
        , m_minAmount(
              c.options.policy.threshold(QLatin1String(rules::kBillingReconciliation), QStringLiteral("minAmount")))
        , m_costTolerance(
              c.options.policy.threshold(QLatin1String(rules::kBillingConsistency), QStringLiteral("costTolerance")))
    {
    }

    Status run()
    {
        if (Status s = loadMeasured(); !s)
            return s;
        if (Status s = loadCharges(); !s)
            return s;
        reconcile();
        reportConsistency();
        return Status::success();
    }

private:
    Status loadMeasured()
    {
        sql::Database& db = m_c.store.database();
        sql::Statement* select = db.prepare(
            "SELECT r.provider, r.resource, r.tenant, r.bucket, r.sum_allocated, r.sum_used, b.resolution "
            "FROM rollups r JOIN bundles b ON b.id = r.bundle "
            "WHERE r.level = 3600 AND r.tenant != 0 AND b.kind = 'telemetry' AND " CAPAUDIT_AUTHORIZED_METER_SQL
            " = 'provider'");
        if (!select)
            return db.lastError();
        while (select->next()) {
            const qint64 bucket = select->int64(3);
            if (!m_c.inPeriod(bucket))
                continue;
            const double hours = double(select->int64(6)) / double(kHour);
            const SeriesKey key { select->int64(0), select->int64(1), select->int64(2) };
            const double allocated = select->isNull(4) ? 0 : select->real(4) * hours;
            const double used = select->isNull(5) ? 0 : select->real(5) * hours;
            m_measured[key][bucket] += allocated;
            ClassFacts& cls =
                m_c.facts(m_c.providerNames.value(key.provider)).classes[m_c.resourceNames.value(key.resource)];
            cls.allocatedUnitHours += allocated;
            cls.usedUnitHours += used;
        }
        return select->failed() ? Status(select->error()) : Status::success();
    }

    double measuredOver(const SeriesKey& key, const Period& period) const
    {
        const QMap<qint64, double> hours = m_measured.value(key);
        double sum = 0;
        for (auto it = hours.lowerBound(period.start - period.start % kHour);
             it != hours.end() && it.key() < period.end; ++it)
            sum += it.value();
        return sum;
    }

    // Policy billing.nonConformantRows = reject: invoices (billing bundles) with any quarantined row.
    Result<QSet<qint64>> rejectedBundles()
    {
        QSet<qint64> out;
        if (!m_c.options.policy.rejectNonConformant())
            return out;
        sql::Database& db = m_c.store.database();
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

    Status loadCharges()
    {
        Result<QSet<qint64>> rejected = rejectedBundles();
        if (!rejected)
            return rejected.error();
        sql::Database& db = m_c.store.database();
        sql::Statement* select = db.prepare(
            "SELECT bundle, line, provider, resource, tenant, charge_period_start, charge_period_end, charge_category, "
            "billed_cost, consumed_quantity, consumed_unit, currency, record_json FROM billing_records "
            "ORDER BY bundle, seq");
        if (!select)
            return db.lastError();
        QHash<QString, qsizetype> groupIndex;
        while (select->next()) {
            const Period period { select->int64(5), select->int64(6) };
            if (!m_c.inPeriod(period.start))
                continue;
            ++m_c.report.billingRowsScanned;
            const qint64 bundleId = select->int64(0), line = select->int64(1);
            const QString provider = m_c.providerNames.value(select->int64(2));
            Result<QJsonObject> record = parseJsonObject(select->text(12).toUtf8(), QStringLiteral("billing_records"));
            if (!record)
                return record.error();
            // Quarantined rows (and, under reject, their whole invoice) are reported by billing.data-quality only.
            if (record->contains(QStringLiteral("quarantine")) || rejected->contains(bundleId))
                continue;
            checkConsistency(provider, bundleId, line, *record);
            if (select->text(7) != QLatin1String("Usage") || select->isNull(3) || select->isNull(4)
                || select->isNull(9))
                continue;
            ProviderFacts& facts = m_c.facts(provider);
            facts.currency = select->text(11);
            facts.billedCostTotal += select->real(8);
            ClassFacts& cls = facts.classes[m_c.resourceNames.value(select->int64(3))];
            cls.billedQuantity += select->real(9);
            cls.billedCost += select->real(8);

            const SeriesKey key { select->int64(2), select->int64(3), select->int64(4) };
            const QString id = QStringLiteral("%1/%2/%3/%4/%5/%6")
                                   .arg(key.provider)
                                   .arg(key.resource)
                                   .arg(key.tenant)
                                   .arg(period.start)
                                   .arg(period.end)
                                   .arg(bundleId);
            auto it = groupIndex.find(id);
            if (it == groupIndex.end()) {
                ChargeGroup g;
                g.key = key;
                g.period = period;
                g.unit = select->text(10);
                g.currency = select->text(11);
                g.invoiceId = record->value(QStringLiteral("InvoiceId")).toString();
                g.bundleId = bundleId;
                g.firstLine = line;
                it = groupIndex.insert(id, m_groups.size());
                m_groups.append(g);
            }
            ChargeGroup& g = m_groups[*it];
            g.billedQuantity += select->real(9);
            g.billedCost += select->real(8);
            g.lastLine = qMax(g.lastLine, line);
            g.firstLine = qMin(g.firstLine, line);
        }
        return select->failed() ? Status(select->error()) : Status::success();
    }

    void checkConsistency(const QString& provider, qint64 bundleId, qint64 line, const QJsonObject& record)
    {
        const QString invoice = record.value(QStringLiteral("InvoiceId")).toString();
        const double pq = number(record, "PricingQuantity"), cup = number(record, "ContractedUnitPrice");
        const double cc = number(record, "ContractedCost"), billed = number(record, "BilledCost");
        const double list = number(record, "ListCost");
        auto note = [&](const QString& what, double amount, const QString& example) {
            Problem& p = m_problems[{ provider, invoice, what, bundleId }];
            if (p.rows++ == 0) {
                p.firstLine = line;
                p.example = example;
            }
            p.lastLine = line;
            p.amount += amount;
        };
        if (!isMissing(pq) && !isMissing(cup) && !isMissing(cc) && std::abs(pq * cup - cc) > m_costTolerance)
            note(QStringLiteral("PricingQuantity x ContractedUnitPrice != ContractedCost"), cc - pq * cup,
                QStringLiteral("line %1: %2 x %3 = %4, stated %5").arg(line).arg(pq).arg(cup).arg(pq * cup).arg(cc));
        const auto attestation = m_c.attestations.constFind(provider);
        const QString cls = record.value(QStringLiteral("resourceClass")).toString();
        if (!isMissing(cup) && attestation != m_c.attestations.constEnd() && attestation->prices.contains(cls)) {
            const double attested = attestation->prices.value(cls);
            if (std::abs(cup - attested) > 1e-9 + 1e-6 * attested)
                note(QStringLiteral("ContractedUnitPrice differs from the attested price"),
                    isMissing(pq) ? 0 : (cup - attested) * pq,
                    QStringLiteral("line %1: %2 instead of %3").arg(line).arg(cup).arg(attested));
        }
        if (!isMissing(list) && !isMissing(billed) && billed > list + m_costTolerance)
            note(QStringLiteral("BilledCost above ListCost"), billed - list,
                QStringLiteral("line %1: billed %2, list %3").arg(line).arg(billed).arg(list));
    }

    bool differs(const ChargeGroup& g) const
    {
        const double diff = std::abs(g.billedQuantity - g.measured);
        return diff > m_absolute && diff > m_relative * std::abs(g.measured);
    }

    void reconcile()
    {
        for (ChargeGroup& g : m_groups)
            g.measured = measuredOver(g.key, g.period);
        std::sort(m_groups.begin(), m_groups.end(), [](const ChargeGroup& a, const ChargeGroup& b) {
            return std::tie(a.key.provider, a.key.resource, a.key.tenant, a.period.start)
                < std::tie(b.key.provider, b.key.resource, b.key.tenant, b.period.start);
        });
        reconciliationLines();
        for (qsizetype i = 0; i < m_groups.size();) {
            if (!differs(m_groups.at(i))) {
                ++i;
                continue;
            }
            qsizetype j = i;
            while (j + 1 < m_groups.size() && m_groups.at(j + 1).key == m_groups.at(i).key
                && m_groups.at(j + 1).period.start <= m_groups.at(j).period.end && differs(m_groups.at(j + 1)))
                ++j;
            reportRun(i, j);
            i = j + 1;
        }
    }

    void reportRun(qsizetype first, qsizetype last)
    {
        double measured = 0, billed = 0, amount = 0, cost = 0;
        Finding f;
        for (qsizetype k = first; k <= last; ++k) {
            const ChargeGroup& g = m_groups.at(k);
            measured += g.measured;
            billed += g.billedQuantity;
            cost += g.billedCost;
            const double price = g.billedQuantity > 0 ? g.billedCost / g.billedQuantity : 0;
            amount += (g.billedQuantity - g.measured) * price;
            const StoredBundle* b = m_c.bundle(g.bundleId);
            if (f.evidence.isEmpty() || f.evidence.last().bundleDigest != (b ? b->digest : QString()))
                f.evidence.append({ b ? b->digest : QString(), m_c.payloadPath(g.bundleId, 0), g.firstLine, g.lastLine,
                    QStringLiteral("FOCUS Usage rows") });
            else {
                f.evidence.last().firstLine = qMin(f.evidence.last().firstLine, g.firstLine);
                f.evidence.last().lastLine = qMax(f.evidence.last().lastLine, g.lastLine);
            }
        }
        if (std::abs(amount) < m_minAmount)
            return;
        const ChargeGroup& g = m_groups.at(first);
        f.ruleId = QLatin1String(rules::kBillingReconciliation);
        f.provider = m_c.providerNames.value(g.key.provider);
        f.resourceClass = m_c.resourceNames.value(g.key.resource);
        f.tenant = m_c.tenantNames.value(g.key.tenant);
        f.range = { g.period.start, m_groups.at(last).period.end };
        f.measured = measured;
        f.expected = measured;
        f.details = { { QStringLiteral("billedQuantity"), billed }, { QStringLiteral("measuredQuantity"), measured },
            { QStringLiteral("billedCost"), cost }, { QStringLiteral("chargePeriods"), double(last - first + 1) } };
        f.measured = billed;
        f.unit = g.unit;
        f.amount = amount;
        f.currency = g.currency;
        f.title = QStringLiteral("%1 billed %2 %3 of %4 to %5 where its own telemetry measured %6: %7 %8 %9")
                      .arg(f.provider)
                      .arg(billed, 0, 'f', 2)
                      .arg(g.unit, f.resourceClass, f.tenant)
                      .arg(measured, 0, 'f', 2)
                      .arg(std::abs(amount), 0, 'f', 2)
                      .arg(g.currency, amount > 0 ? QStringLiteral("over-billed") : QStringLiteral("under-billed"));
        for (const StoredBundle& b : m_c.bundles)
            if (b.provider == f.provider && b.kind == BundleKind::Telemetry && b.meter == QLatin1String("provider")
                && b.period.start < f.range.end && f.range.start < b.period.end)
                f.evidence.append(
                    { b.digest, QString(), 0, 0, QStringLiteral("measured allocation (hourly rollups)") });
        m_c.add(f);
    }

    void reconciliationLines()
    {
        QMap<QString, ReconciliationLine> lines;
        for (const ChargeGroup& g : std::as_const(m_groups)) {
            const QString provider = m_c.providerNames.value(g.key.provider);
            const QString cls = m_c.resourceNames.value(g.key.resource), tenant = m_c.tenantNames.value(g.key.tenant);
            const QString key = QStringList { provider, g.invoiceId, tenant, cls }.join(QChar(0x1f));
            ReconciliationLine& line = lines[key];
            if (line.provider.isEmpty()) {
                line.provider = provider;
                line.invoiceId = g.invoiceId;
                line.tenant = tenant;
                line.resourceClass = cls;
                line.unit = g.unit;
                line.currency = g.currency;
                line.period = g.period;
                const StoredBundle* b = m_c.bundle(g.bundleId);
                line.bundleDigest = b ? b->digest : QString();
                line.firstLine = g.firstLine;
            }
            line.period.start = qMin(line.period.start, g.period.start);
            line.period.end = qMax(line.period.end, g.period.end);
            line.firstLine = qMin(line.firstLine, g.firstLine);
            line.lastLine = qMax(line.lastLine, g.lastLine);
            line.measuredQuantity += g.measured;
            line.billedQuantity += g.billedQuantity;
            line.billedCost += g.billedCost;
            const double price = g.billedQuantity > 0 ? g.billedCost / g.billedQuantity : 0;
            line.amount += (g.billedQuantity - g.measured) * price;
            line.withinTolerance = line.withinTolerance && !differs(g);
        }
        for (ReconciliationLine& line : lines) {
            line.difference = line.billedQuantity - line.measuredQuantity;
            line.unitPrice = line.billedQuantity > 0 ? line.billedCost / line.billedQuantity : kMissing;
            m_c.report.reconciliation.append(line);
        }
    }

    void reportConsistency()
    {
        for (auto it = m_problems.begin(); it != m_problems.end(); ++it) {
            const auto& [provider, invoice, what, bundleId] = it.key();
            const StoredBundle* b = m_c.bundle(bundleId);
            Finding f;
            f.ruleId = QLatin1String(rules::kBillingConsistency);
            f.provider = provider;
            f.title =
                QStringLiteral("Invoice %1: %2 in %3 rows (%4)").arg(invoice, what).arg(it->rows).arg(it->example);
            f.measured = double(it->rows);
            f.unit = QStringLiteral("rows");
            f.amount = it->amount;
            f.currency = m_c.facts(provider).currency;
            f.evidence.append({ b ? b->digest : QString(), m_c.payloadPath(bundleId, 0), it->firstLine, it->lastLine,
                QStringLiteral("rows involved") });
            f.details = { { QStringLiteral("subject"), invoice + QLatin1Char('/') + what } };
            m_c.add(f);
        }
    }

    CheckContext& m_c;
    const double m_relative, m_absolute, m_minAmount, m_costTolerance;
    QHash<SeriesKey, QMap<qint64, double>> m_measured; // unit-hours per hour bucket
    QList<ChargeGroup> m_groups;
    QMap<std::tuple<QString, QString, QString, qint64>, Problem> m_problems;
};

} // namespace

Status runBillingRules(CheckContext& context)
{
    return BillingRules(context).run();
}

} // namespace capaudit::analytics::detail
