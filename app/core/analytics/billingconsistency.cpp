// SPDX-License-Identifier: GPL-3.0-or-later
// billing.consistency: a FOCUS row's own arithmetic and its stated unit price against the contract.
#include "analytics/billingdata.h"
#include "analytics/rulecatalog.h"

#include <cmath>

namespace capaudit::analytics::detail {

ConsistencyCheck::ConsistencyCheck(CheckContext& context)
    : m_c(context)
    , m_costTolerance(
          context.options.policy.threshold(QLatin1String(rules::kBillingConsistency), QStringLiteral("costTolerance")))
{
}

void ConsistencyCheck::row(const BillingRow& row, const FocusAmounts& amounts)
{
    const double pq = amounts.pricingQuantity, cup = amounts.contractedUnitPrice, cc = amounts.contractedCost;
    const double billed = amounts.billedCost, list = amounts.listCost;
    const qint64 line = row.line;
    auto note = [&](const QString& what, double amount, const QString& example) {
        Problem& p = m_problems[{ row.provider, row.invoiceId, what, row.bundleId }];
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
    const double attested = row.attestedPrice;
    if (!isMissing(cup) && !isMissing(attested) && std::abs(cup - attested) > 1e-9 + 1e-6 * attested)
        note(QStringLiteral("ContractedUnitPrice differs from the attested price"),
            isMissing(pq) ? 0 : (cup - attested) * pq,
            QStringLiteral("line %1: %2 instead of %3").arg(line).arg(cup).arg(attested));
    if (!isMissing(list) && !isMissing(billed) && billed > list + m_costTolerance)
        note(QStringLiteral("BilledCost above ListCost"), billed - list,
            QStringLiteral("line %1: billed %2, list %3").arg(line).arg(billed).arg(list));
}

void ConsistencyCheck::report()
{
    for (auto it = m_problems.begin(); it != m_problems.end(); ++it) {
        const auto& [provider, invoice, what, bundleId] = it.key();
        const StoredBundle* b = m_c.bundle(bundleId);
        Finding f;
        f.ruleId = QLatin1String(rules::kBillingConsistency);
        f.provider = provider;
        f.say("billing.consistency", QT_TRANSLATE_NOOP("capaudit::FindingMessage", "Invoice %1: %2 in %3 rows (%4)"),
            { marg(invoice), marg(what), marg(it->rows), marg(it->example) });
        f.measured = double(it->rows);
        f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "rows"));
        f.amount = it->amount;
        f.currency = m_c.facts(provider).currency;
        f.evidence.append({ b ? b->digest : QString(), m_c.payloadPath(bundleId, 0), it->firstLine, it->lastLine,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "rows involved")) });
        f.details = { { QStringLiteral("subject"), invoice + QLatin1Char('/') + what } };
        m_c.add(f);
    }
}

} // namespace capaudit::analytics::detail
