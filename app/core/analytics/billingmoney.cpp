// SPDX-License-Identifier: GPL-3.0-or-later
// The money of every FOCUS row against the contract: billing.unreconciled (rows not tied to measured delivery),
// billing.price (BilledCost against quantity x attested price), billing.currency and billing.tenant.
#include "analytics/billingdata.h"
#include "analytics/rulecatalog.h"

#include <cmath>

namespace capaudit::analytics::detail {
namespace {

// Rows that share a finding's scope, with what they add up to.
struct RowSet {
    QList<const BillingRow*> rows;
    double cost = 0, expected = 0, quantity = 0, difference = 0;
    Period range, materialRange; // all rows; rows that differ materially (price rule)
    QSet<QString> tenants, classes, currencies, resources;

    void add(const BillingRow& row, const Period& span)
    {
        rows.append(&row);
        cost += row.cost * row.share;
        if (!isMissing(row.quantity))
            quantity += row.quantity * row.share;
        range = rows.size() == 1 ? span : Period { qMin(range.start, span.start), qMax(range.end, span.end) };
        tenants.insert(row.tenant);
        classes.insert(row.resourceClass);
        currencies.insert(row.currency);
        resources.insert(row.resourceId);
    }
    QString only(const QSet<QString>& values) const
    {
        return values.size() == 1 ? *values.begin() : QString();
    }
};

class MoneyRules {
public:
    MoneyRules(CheckContext& c, const BillingData& data)
        : m_c(c)
        , m_data(data)
    {
    }

    void run()
    {
        for (const BillingRow& row : m_data.rows) {
            if (row.share <= 0)
                continue;
            const Period range = clipToChecked(row.period, m_c.options.period);
            if (!row.tenantAttested)
                m_tenants[{ row.provider, row.invoiceId, row.tenant }].add(row, range);
            if (row.foreignCurrency()) {
                // Not comparable with the contract in money: billing.currency reports it, nothing else prices it.
                m_currencies[{ row.provider, row.invoiceId, row.currency }].add(row, range);
                continue;
            }
            QString reason = row.unreconciledReason();
            if (reason.isEmpty() && isMissing(row.attestedPrice))
                reason = QStringLiteral("Usage without an attested price");
            if (!reason.isEmpty()) {
                m_unreconciled[{ row.provider, row.invoiceId, reason }].add(row, range);
                continue;
            }
            RowSet& set = m_prices[{ row.provider, row.invoiceId, row.tenant, row.resourceClass }];
            set.add(row, range);
            const double expected = row.quantity * row.attestedPrice * row.share;
            const double difference = row.cost * row.share - expected;
            set.expected += expected;
            set.difference += difference;
            if (std::abs(difference) > qMax(0.01, m_priceRelative * std::abs(expected)))
                set.materialRange = set.materialRange.end > set.materialRange.start
                    ? Period { qMin(set.materialRange.start, range.start), qMax(set.materialRange.end, range.end) }
                    : range;
        }
        reportUnreconciled();
        reportPrices();
        reportSimple(m_currencies, QLatin1String(rules::kBillingCurrency));
        reportSimple(m_tenants, QLatin1String(rules::kBillingTenant));
    }

private:
    using Key = std::tuple<QString, QString, QString>;

    double threshold(const char* rule, const char* key) const
    {
        return m_c.options.policy.threshold(QLatin1String(rule), QLatin1String(key));
    }

    Finding base(const char* rule, const QString& provider, const RowSet& set, const QString& note) const
    {
        Finding f;
        f.ruleId = QLatin1String(rule);
        f.provider = provider;
        f.tenant = set.only(set.tenants);
        f.resourceClass = set.only(set.classes);
        f.node = set.only(set.resources); // the ResourceId when all rows name the same one
        f.range = set.range;
        f.currency = set.only(set.currencies);
        f.evidence = rowEvidence(m_c, set.rows, note);
        return f;
    }

    void reportUnreconciled()
    {
        const double minAmount = threshold(rules::kBillingUnreconciled, "minAmount");
        QMap<QString, ReconciliationLine> lines;
        for (auto it = m_unreconciled.cbegin(); it != m_unreconciled.cend(); ++it) {
            const auto& [provider, invoice, reason] = it.key();
            const RowSet& set = *it;
            for (const BillingRow* row : set.rows) {
                ReconciliationLine& line =
                    lines[QStringList { provider, invoice, reason, row->tenant, row->resourceClass, row->currency }
                              .join(QChar(0x1f))];
                if (line.rows++ == 0) {
                    line.provider = provider;
                    line.invoiceId = invoice;
                    line.tenant = row->tenant;
                    line.resourceClass = row->resourceClass;
                    line.unit = row->unit;
                    line.currency = row->currency;
                    line.period = clipToChecked(row->period, m_c.options.period);
                    const StoredBundle* b = m_c.bundle(row->bundleId);
                    line.bundleDigest = b ? b->digest : QString();
                    line.firstLine = line.lastLine = row->line;
                    line.status = QStringLiteral("unreconciled");
                    line.reason = reason;
                    line.withinTolerance = false;
                    line.attestedUnitPrice = row->attestedPrice;
                }
                const Period range = clipToChecked(row->period, m_c.options.period);
                line.period = { qMin(line.period.start, range.start), qMax(line.period.end, range.end) };
                line.firstLine = qMin(line.firstLine, row->line);
                line.lastLine = qMax(line.lastLine, row->line);
                if (!isMissing(row->quantity))
                    line.billedQuantity += row->quantity * row->share;
                line.billedCost += row->cost * row->share;
                line.amount += row->cost * row->share;
            }
            if (std::abs(set.cost) < minAmount)
                continue;
            Finding f = base(rules::kBillingUnreconciled, provider, set,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "unreconciled rows")));
            f.measured = double(set.rows.size());
            f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "rows"));
            f.amount = set.cost;
            f.details = { { QStringLiteral("invoiceId"), invoice }, { QStringLiteral("reason"), reason } };
            f.say("billing.unreconciled",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "Invoice %1 of %2: %3 rows (%4) charge %5 %6 that no measured delivery accounts for"),
                { marg(invoice), marg(provider), marg(set.rows.size()), marg(reason), marg(set.cost, 0, 'f', 2),
                    marg(f.currency) });
            // A net credit is in the buyer's favour: listed (SLA credits are checked against it), not alarming.
            m_c.add(f, set.cost < 0 ? 2 : 0);
        }
        for (ReconciliationLine& line : lines) {
            line.unitPrice = line.billedQuantity > 0 ? line.billedCost / line.billedQuantity : kMissing;
            m_c.report.reconciliation.append(line);
        }
    }

    void reportPrices()
    {
        const double minAmount = threshold(rules::kBillingPrice, "minAmount");
        for (auto it = m_prices.cbegin(); it != m_prices.cend(); ++it) {
            const auto& [provider, invoice, tenant, cls] = it.key();
            const RowSet& set = *it;
            if (std::abs(set.difference) < minAmount || std::abs(set.difference) <= m_priceRelative * set.expected)
                continue;
            Finding f = base(rules::kBillingPrice, provider, set,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "FOCUS Usage rows")));
            if (set.materialRange.end > set.materialRange.start)
                f.range = set.materialRange;
            f.measured = set.cost;
            f.expected = set.expected;
            f.unit = f.currency;
            f.amount = set.difference;
            f.details = { { QStringLiteral("invoiceId"), invoice }, { QStringLiteral("billedQuantity"), set.quantity },
                { QStringLiteral("attestedUnitPrice"), set.rows.first()->attestedPrice } };
            f.say("billing.price.differs",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "Invoice %1 of %2 charges %3 %4 for %5 of %6 to %7, %8 %4 %9 than the quantity at the contract "
                    "price"),
                { marg(invoice), marg(provider), marg(set.cost, 0, 'f', 2), marg(f.currency), marg(cls), marg(tenant),
                    marg(set.quantity, 0, 'f', 2), marg(std::abs(set.difference), 0, 'f', 2),
                    set.difference > 0 ? word(QT_TRANSLATE_NOOP("capaudit::FindingWord", "more"))
                                       : word(QT_TRANSLATE_NOOP("capaudit::FindingWord", "less")) });
            m_c.add(f, set.difference < 0 ? 2 : 0);
        }
    }

    // Rows reported for what they are (a foreign currency, a tenant outside the contract) with their summed cost.
    void reportSimple(const QMap<Key, RowSet>& sets, const QString& rule)
    {
        const bool currency = rule == QLatin1String(rules::kBillingCurrency);
        for (auto it = sets.cbegin(); it != sets.cend(); ++it) {
            const auto& [provider, invoice, subject] = it.key();
            const RowSet& set = *it;
            Finding f = base(currency ? rules::kBillingCurrency : rules::kBillingTenant, provider, set,
                currency ? QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "rows in another currency"))
                         : QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "rows for the tenant")));
            const QString contract = set.rows.first()->contractCurrency;
            f.measured = double(set.rows.size());
            f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "rows"));
            f.amount = set.cost;
            f.details = { { QStringLiteral("invoiceId"), invoice },
                { currency ? QStringLiteral("contractCurrency") : QStringLiteral("tenant"),
                    currency ? contract : subject } };
            if (currency)
                f.say("billing.currency.invoice",
                    QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                        "Invoice %1 of %2 bills %4 %3 against a contract in %5: it cannot be reconciled in money"),
                    { marg(invoice), marg(provider), marg(subject), marg(QString::number(set.cost, 'f', 2)),
                        marg(contract) });
            else
                f.say("billing.tenant.unknown",
                    QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                        "Invoice %1 of %2 bills %3 %4 to tenant %5, who is not in the attested tenant list"),
                    { marg(invoice), marg(provider), marg(QString::number(set.cost, 'f', 2)), marg(f.currency),
                        marg(subject) });
            m_c.add(f);
        }
    }

    CheckContext& m_c;
    const BillingData& m_data;
    const double m_priceRelative =
        m_c.options.policy.threshold(QLatin1String(rules::kBillingPrice), QStringLiteral("relativeTolerance"));
    QMap<Key, RowSet> m_unreconciled, m_currencies, m_tenants;
    QMap<std::tuple<QString, QString, QString, QString>, RowSet> m_prices;
};

} // namespace

void runMoneyRules(CheckContext& context, const BillingData& data)
{
    MoneyRules(context, data).run();
}

} // namespace capaudit::analytics::detail
