// SPDX-License-Identifier: GPL-3.0-or-later
// billing.overlap: the same seconds of a tenant's class billed twice, within or across invoices. Each charge period
// judged on its own can look right (it matches the allocation measured over it); only comparing the periods with
// each other shows that a second was charged for twice.
#include "analytics/billingdata.h"
#include "analytics/rulecatalog.h"

#include <cmath>

namespace capaudit::analytics::detail {

void runOverlapRule(CheckContext& c, const BillingData& data)
{
    const double minAmount =
        c.options.policy.threshold(QLatin1String(rules::kBillingOverlap), QStringLiteral("minAmount"));
    QMap<std::tuple<QString, QString, QString>, QList<const BillingRow*>> series;
    for (const BillingRow& row : data.rows)
        if (row.reconcilable() && row.share > 0 && row.period.end > row.period.start)
            series[{ row.provider, row.tenant, row.resourceClass }].append(&row);

    for (auto it = series.begin(); it != series.end(); ++it) {
        QList<const BillingRow*>& rows = *it;
        std::sort(rows.begin(), rows.end(), [](const BillingRow* a, const BillingRow* b) {
            return std::tie(a->period.start, a->period.end, a->bundleId, a->line)
                < std::tie(b->period.start, b->period.end, b->bundleId, b->line);
        });
        QList<const BillingRow*> active, overlapped;
        double amount = 0, seconds = 0;
        Period range;
        QSet<QString> resources, currencies;
        for (const BillingRow* row : std::as_const(rows)) {
            active.removeIf([&](const BillingRow* a) { return a->period.end <= row->period.start; });
            // Every earlier row starts no later than ROW, so the overlapped part is [start, latest qualifying end):
            // an earlier row of the same resource. Rows without a ResourceId cannot be told apart by resource: for
            // them only a different, overlapping period counts (identical periods are several SKUs of one day).
            // Overlaps between different resources are left to billing.reconciliation, which judges overlapping
            // periods over their union (a mix of hourly and daily rows is legitimate there).
            qint64 covered = row->period.start;
            for (const BillingRow* a : std::as_const(active))
                if (a->resourceId == row->resourceId
                    && (!row->resourceId.isEmpty() || a->period.start != row->period.start
                        || a->period.end != row->period.end))
                    covered = qMax(covered, qMin(a->period.end, row->period.end));
            active.append(row);
            if (covered <= row->period.start)
                continue;
            const Period part = clipToChecked({ row->period.start, covered }, c.options.period);
            if (part.end <= part.start)
                continue;
            const double fraction = double(covered - row->period.start) / double(row->period.end - row->period.start);
            amount += row->cost * row->share * fraction;
            seconds += double(part.end - part.start);
            range = overlapped.isEmpty() ? part : Period { qMin(range.start, part.start), qMax(range.end, part.end) };
            overlapped.append(row);
            resources.insert(row->resourceId);
            currencies.insert(row->currency);
        }
        if (overlapped.isEmpty() || std::abs(amount) < minAmount)
            continue;
        const auto& [provider, tenant, cls] = it.key();
        Finding f;
        f.ruleId = QLatin1String(rules::kBillingOverlap);
        f.provider = provider;
        f.tenant = tenant;
        f.resourceClass = cls;
        f.node = resources.size() == 1 ? *resources.begin() : QString();
        f.range = range;
        f.measured = seconds / 3600.0;
        f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "hours billed twice"));
        f.amount = amount;
        f.currency = currencies.size() == 1 ? *currencies.begin() : QString();
        f.evidence = rowEvidence(c, overlapped,
            QStringLiteral(
                QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "rows whose charge period overlaps an earlier row's")));
        f.evidence += rowEvidence(c, rows,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "all Usage rows of the tenant and class")));
        f.details = { { QStringLiteral("rows"), double(overlapped.size()) },
            { QStringLiteral("overlappedSeconds"), seconds } };
        f.say("billing.overlap",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "%1 bills %2 rows of %3 for %4 over charge periods already billed: %5 %6 charged twice"),
            { marg(provider), marg(overlapped.size()), marg(cls), marg(tenant), marg(amount, 0, 'f', 2),
                marg(f.currency) });
        c.add(f);
    }
}

} // namespace capaudit::analytics::detail
