// SPDX-License-Identifier: GPL-3.0-or-later
// billing.reconciliation: billed quantities against the provider-metered allocation, per charge period and per
// invoice total; and the order in which the billing rules run (runBillingRules).
#include "analytics/billingdata.h"
#include "analytics/invoicedata.h"
#include "analytics/rulecatalog.h"

#include <cmath>
#include <tuple>

namespace capaudit::analytics::detail {
namespace {

// Billed rows of one provider, class, tenant and charge period, over all invoices (one per node in a typical export;
// two invoices billing the same period add up here, so the duplicate shows against the measured allocation), or of
// several overlapping charge periods (their union).
struct ChargeGroup {
    SeriesKey key;
    Period period; // as billed
    Period range; // inside the checked period
    double billed = 0, cost = 0, measured = 0;
    double price = kMissing; // attested price, else the billed unit price
    QString currency; // of PRICE
    QList<const BillingRow*> rows;
    bool differs = false; // beyond the per-period tolerance
    bool reported = false; // part of a per-period finding (what is not is judged again on the invoice total)

    double amount() const
    {
        return isMissing(price) ? 0 : (billed - measured) * price;
    }
};

class Reconciliation {
public:
    Reconciliation(CheckContext& c, const BillingData& data)
        : m_c(c)
        , m_data(data)
    {
        const Policy& p = c.options.policy;
        const QString rule = QLatin1String(rules::kBillingReconciliation);
        m_relative = p.threshold(rule, QStringLiteral("relativeTolerance"));
        m_absolute = p.threshold(rule, QStringLiteral("absoluteTolerance"));
        m_minAmount = p.threshold(rule, QStringLiteral("minAmount"));
        m_invoiceRelative = p.threshold(rule, QStringLiteral("invoiceRelativeTolerance"));
        m_invoiceAbsolute = p.threshold(rule, QStringLiteral("invoiceAbsoluteTolerance"));
    }

    void run()
    {
        group();
        for (qsizetype i = 0; i < m_groups.size();) {
            if (!differs(m_groups.at(i), m_absolute, m_relative)) {
                ++i;
                continue;
            }
            qsizetype j = i;
            while (j + 1 < m_groups.size() && m_groups.at(j + 1).key == m_groups.at(i).key
                && m_groups.at(j + 1).period.start <= m_groups.at(j).period.end
                && differs(m_groups.at(j + 1), m_absolute, m_relative))
                ++j;
            reportRun(i, j);
            i = j + 1;
        }
        invoiceLines();
    }

private:
    static bool differs(const ChargeGroup& g, double absolute, double relative)
    {
        const double diff = std::abs(g.billed - g.measured);
        return diff > absolute && diff > relative * std::abs(g.measured);
    }

    void group()
    {
        QHash<QString, qsizetype> index;
        for (const BillingRow& row : m_data.rows) {
            if (!row.reconcilable() || row.share <= 0)
                continue;
            const QString id = QStringLiteral("%1/%2/%3/%4/%5")
                                   .arg(row.key.provider)
                                   .arg(row.key.resource)
                                   .arg(row.key.tenant)
                                   .arg(row.period.start)
                                   .arg(row.period.end);
            auto it = index.find(id);
            if (it == index.end()) {
                ChargeGroup g;
                g.key = row.key;
                g.period = row.period;
                it = index.insert(id, m_groups.size());
                m_groups.append(g);
            }
            ChargeGroup& g = m_groups[*it];
            g.billed += row.quantity * row.share;
            g.cost += row.cost * row.share;
            g.rows.append(&row);
            if (isMissing(g.price) && !isMissing(row.attestedPrice)) {
                g.price = row.attestedPrice;
                g.currency = row.contractCurrency;
            }
        }
        for (ChargeGroup& g : m_groups) {
            if (isMissing(g.price) && g.billed > 0) {
                g.price = g.cost / g.billed;
                g.currency = g.rows.first()->currency;
            }
        }
        std::sort(m_groups.begin(), m_groups.end(), [](const ChargeGroup& a, const ChargeGroup& b) {
            return std::tie(a.key.provider, a.key.resource, a.key.tenant, a.period.start, a.period.end)
                < std::tie(b.key.provider, b.key.resource, b.key.tenant, b.period.start, b.period.end);
        });
        // Charge periods of one series that overlap are judged together over their union: measuring each over its
        // own seconds would count the shared seconds' allocation twice (a duplicate afternoon would look
        // under-billed). Touching periods stay apart. A mix of hourly and daily rows reconciles this way too.
        QList<ChargeGroup> merged;
        for (ChargeGroup& g : m_groups) {
            if (!merged.isEmpty() && merged.last().key == g.key && g.period.start < merged.last().period.end) {
                ChargeGroup& m = merged.last();
                m.period.end = qMax(m.period.end, g.period.end);
                m.billed += g.billed;
                m.cost += g.cost;
                m.rows += g.rows;
                if (isMissing(m.price)) {
                    m.price = g.price;
                    m.currency = g.currency;
                }
                continue;
            }
            merged.append(std::move(g));
        }
        m_groups = std::move(merged);
        for (ChargeGroup& g : m_groups) {
            g.range = clipToChecked(g.period, m_c.options.period);
            g.measured = m_data.measured.over(g.key, g.range);
        }
    }

    Finding finding(const SeriesKey& key, const Period& range, double billed, double measured, double amount,
        const QString& currency, const QList<const BillingRow*>& rows) const
    {
        Finding f;
        f.ruleId = QLatin1String(rules::kBillingReconciliation);
        f.provider = m_c.providerNames.value(key.provider);
        f.resourceClass = m_c.resourceNames.value(key.resource);
        f.tenant = m_c.tenantNames.value(key.tenant);
        f.range = range;
        f.measured = billed;
        f.expected = measured;
        f.unit = rows.isEmpty() ? QString() : rows.first()->unit;
        f.amount = amount;
        f.currency = currency;
        f.evidence =
            rowEvidence(m_c, rows, QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "FOCUS Usage rows")));
        for (const StoredBundle& b : m_c.bundles)
            if (b.provider == f.provider && b.kind == BundleKind::Telemetry && b.meter == QLatin1String("provider")
                && b.period.start < f.range.end && f.range.start < b.period.end)
                f.evidence.append({ b.digest, QString(), 0, 0,
                    QStringLiteral(
                        QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "measured allocation (hourly rollups)")) });
        return f;
    }

    // The sentence of a billing.reconciliation finding; SCOPE says over what it was judged, each scope a sentence of
    // its own so a translation can place it.
    enum class Scope { ChargePeriods, InvoiceTotal, AllInvoices };
    static void say(Finding& f, double billed, double measured, Scope scope, const MessageArg& extent)
    {
        const MessageArg direction = f.amount > 0 ? word(QT_TRANSLATE_NOOP("capaudit::FindingWord", "over-billed"))
                                                  : word(QT_TRANSLATE_NOOP("capaudit::FindingWord", "under-billed"));
        const QList<MessageArg> args { marg(f.provider), marg(billed, 0, 'f', 2), marg(f.unit), marg(f.resourceClass),
            marg(f.tenant), extent, marg(measured, 0, 'f', 2), marg(std::abs(f.amount), 0, 'f', 2), marg(f.currency),
            direction };
        switch (scope) {
        case Scope::ChargePeriods:
            f.say("billing.reconciliation.periods",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "%1 billed %2 %3 of %4 to %5 over %6 charge periods where its own telemetry measured %7: %8 %9 "
                    "%10"),
                args);
            break;
        case Scope::InvoiceTotal:
            f.say("billing.reconciliation.invoice",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "%1 billed %2 %3 of %4 to %5 on invoice %6 (charge periods each within tolerance) where its own "
                    "telemetry measured %7: %8 %9 %10"),
                args);
            break;
        case Scope::AllInvoices:
            f.say("billing.reconciliation.invoices",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "%1 billed %2 %3 of %4 to %5 over %6 invoices (each within tolerance) where its own telemetry "
                    "measured %7: %8 %9 %10"),
                args);
            break;
        }
    }

    void reportRun(qsizetype first, qsizetype last)
    {
        double measured = 0, billed = 0, amount = 0, cost = 0;
        QList<const BillingRow*> rows;
        for (qsizetype k = first; k <= last; ++k) {
            ChargeGroup& g = m_groups[k];
            g.differs = true;
            measured += g.measured;
            billed += g.billed;
            cost += g.cost;
            amount += g.amount();
            rows += g.rows;
        }
        // A run too small to report stays in the invoice total: splitting an over-billing into runs below minAmount
        // must not hide it.
        if (std::abs(amount) < m_minAmount)
            return;
        for (qsizetype k = first; k <= last; ++k)
            m_groups[k].reported = true;
        const ChargeGroup& g = m_groups.at(first);
        Finding f =
            finding(g.key, { g.range.start, m_groups.at(last).range.end }, billed, measured, amount, g.currency, rows);
        f.details = { { QStringLiteral("billedQuantity"), billed }, { QStringLiteral("measuredQuantity"), measured },
            { QStringLiteral("billedCost"), cost }, { QStringLiteral("chargePeriods"), double(last - first + 1) },
            { QStringLiteral("scope"), QStringLiteral("charge periods") } };
        say(f, billed, measured, Scope::ChargePeriods, marg(last - first + 1));
        m_c.add(f);
    }

    // One line per provider, invoice, tenant and class; the part of it no per-period finding covers is judged as a
    // total, so a bias below the per-period tolerance still adds up to a finding.
    void invoiceLines()
    {
        struct Line {
            ReconciliationLine line;
            SeriesKey key;
            double residualBilled = 0, residualMeasured = 0, residualAmount = 0;
            Period residualRange;
            QList<const BillingRow*> residualRows;
            QString priceCurrency;
        };
        QMap<QString, Line> lines;
        for (const ChargeGroup& g : std::as_const(m_groups)) {
            for (const BillingRow* row : g.rows) {
                const QString id =
                    QStringList { row->provider, row->invoiceId, row->tenant, row->resourceClass }.join(QChar(0x1f));
                Line& l = lines[id];
                ReconciliationLine& line = l.line;
                if (line.provider.isEmpty()) {
                    l.key = row->key;
                    line.provider = row->provider;
                    line.invoiceId = row->invoiceId;
                    line.tenant = row->tenant;
                    line.resourceClass = row->resourceClass;
                    line.unit = row->unit;
                    line.currency = row->currency;
                    line.period = g.range;
                    const StoredBundle* b = m_c.bundle(row->bundleId);
                    line.bundleDigest = b ? b->digest : QString();
                    line.firstLine = line.lastLine = row->line;
                    l.priceCurrency = g.currency;
                }
                // A row's part of its period's measured allocation: its share of what that period billed.
                const double billed = row->quantity * row->share;
                const double part = g.billed != 0 ? billed / g.billed : 1.0 / double(g.rows.size());
                const double measured = g.measured * part;
                line.period = { qMin(line.period.start, g.range.start), qMax(line.period.end, g.range.end) };
                line.firstLine = qMin(line.firstLine, row->line);
                line.lastLine = qMax(line.lastLine, row->line);
                line.measuredQuantity += measured;
                line.billedQuantity += billed;
                line.billedCost += row->cost * row->share;
                line.amount += isMissing(g.price) ? 0 : (billed - measured) * g.price;
                ++line.rows;
                if (!isMissing(row->attestedPrice) && !row->foreignCurrency()) {
                    line.attestedUnitPrice = row->attestedPrice;
                    line.expectedCost =
                        (isMissing(line.expectedCost) ? 0 : line.expectedCost) + billed * row->attestedPrice;
                }
                line.withinTolerance = line.withinTolerance && !g.differs;
                if (g.reported)
                    continue;
                l.residualBilled += billed;
                l.residualMeasured += measured;
                l.residualAmount += isMissing(g.price) ? 0 : (billed - measured) * g.price;
                l.residualRange = l.residualRows.isEmpty()
                    ? g.range
                    : Period { qMin(l.residualRange.start, g.range.start), qMax(l.residualRange.end, g.range.end) };
                l.residualRows.append(row);
            }
        }
        // Invoices cut finely (one a day) must not reset the total: what no invoice finding covers is judged once
        // more per tenant and class over all invoices of the checked period.
        struct Series {
            double billed = 0, measured = 0, amount = 0;
            Period range;
            QList<const BillingRow*> rows;
            QString currency;
            int invoices = 0;
        };
        QMap<std::tuple<qint64, qint64, qint64>, Series> series;
        for (Line& l : lines) {
            ReconciliationLine& line = l.line;
            const double diff = std::abs(l.residualBilled - l.residualMeasured);
            bool reported = false;
            if (!l.residualRows.isEmpty() && diff > m_invoiceAbsolute
                && diff > m_invoiceRelative * std::abs(l.residualMeasured)) {
                line.withinTolerance = false;
                reported = std::abs(l.residualAmount) >= m_minAmount;
                if (reported) {
                    Finding f = finding(l.key, l.residualRange, l.residualBilled, l.residualMeasured, l.residualAmount,
                        l.priceCurrency, l.residualRows);
                    f.details = { { QStringLiteral("billedQuantity"), l.residualBilled },
                        { QStringLiteral("measuredQuantity"), l.residualMeasured },
                        { QStringLiteral("invoiceId"), line.invoiceId },
                        { QStringLiteral("scope"), QStringLiteral("invoice total") } };
                    say(f, l.residualBilled, l.residualMeasured, Scope::InvoiceTotal, marg(line.invoiceId));
                    m_c.add(f);
                }
            }
            line.difference = line.billedQuantity - line.measuredQuantity;
            line.unitPrice = line.billedQuantity > 0 ? line.billedCost / line.billedQuantity : kMissing;
            m_c.report.reconciliation.append(line);
            if (reported || l.residualRows.isEmpty())
                continue;
            Series& s = series[{ l.key.provider, l.key.resource, l.key.tenant }];
            s.billed += l.residualBilled;
            s.measured += l.residualMeasured;
            s.amount += l.residualAmount;
            s.range = s.rows.isEmpty()
                ? l.residualRange
                : Period { qMin(s.range.start, l.residualRange.start), qMax(s.range.end, l.residualRange.end) };
            s.rows += l.residualRows;
            s.currency = l.priceCurrency;
            ++s.invoices;
        }
        for (auto it = series.cbegin(); it != series.cend(); ++it) {
            const Series& s = *it;
            const double diff = std::abs(s.billed - s.measured);
            if (s.invoices < 2 || diff <= m_invoiceAbsolute || diff <= m_invoiceRelative * std::abs(s.measured)
                || std::abs(s.amount) < m_minAmount)
                continue;
            const auto& [provider, resource, tenant] = it.key();
            Finding f =
                finding({ provider, resource, tenant }, s.range, s.billed, s.measured, s.amount, s.currency, s.rows);
            f.details = { { QStringLiteral("billedQuantity"), s.billed },
                { QStringLiteral("measuredQuantity"), s.measured }, { QStringLiteral("invoices"), double(s.invoices) },
                { QStringLiteral("scope"), QStringLiteral("all invoices") } };
            say(f, s.billed, s.measured, Scope::AllInvoices, marg(s.invoices));
            m_c.add(f);
        }
    }

    CheckContext& m_c;
    const BillingData& m_data;
    double m_relative = 0, m_absolute = 0, m_minAmount = 0, m_invoiceRelative = 0, m_invoiceAbsolute = 0;
    QList<ChargeGroup> m_groups;
};

} // namespace

void runReconciliation(CheckContext& context, const BillingData& data)
{
    Reconciliation(context, data).run();
}

Status runBillingRules(CheckContext& context)
{
    BillingData data;
    ConsistencyCheck consistency(context);
    if (Status s = loadBillingData(context, data, consistency); !s)
        return s;
    runReconciliation(context, data);
    runMoneyRules(context, data);
    runOverlapRule(context, data);
    consistency.report();
    // Issue 18: the invoices, each on its own and then against contract, delivery and FOCUS billing.
    InvoiceData invoices;
    if (Status s = loadInvoices(context, invoices); !s)
        return s;
    runInvoiceDocumentRules(context, invoices);
    const QList<DuplicatePart> duplicates = runDuplicateRule(context, invoices);
    runThreeWayMatch(context, data, invoices, duplicates);
    std::sort(context.report.reconciliation.begin(), context.report.reconciliation.end(),
        [](const ReconciliationLine& a, const ReconciliationLine& b) {
            return std::tie(a.provider, a.invoiceId, a.status, a.tenant, a.resourceClass, a.reason)
                < std::tie(b.provider, b.invoiceId, b.status, b.tenant, b.resourceClass, b.reason);
        });
    return Status::success();
}

} // namespace capaudit::analytics::detail
