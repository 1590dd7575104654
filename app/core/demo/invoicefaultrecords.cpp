// SPDX-License-Identifier: GPL-3.0-or-later
// faults.json records of the invoice faults of issue 18: scope (provider, class, period) and the amount the
// three-way match should report (docs/demo.md "Invoice faults").
#include "demo/demoformat.h"
#include "demo/faultrecords.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace capaudit::demo {

namespace {

double round6(double v)
{
    return std::round(v * 1e6) / 1e6;
}

QJsonObject record(const DemoModel& model, FaultKind kind, int provider, const QString& description, qint64 start,
    qint64 end, QJsonObject expected)
{
    const DemoProvider& p = model.providers[provider];
    expected.insert(QStringLiteral("currency"), model.currency);
    return { { QStringLiteral("fault"), faultKindName(kind) }, { QStringLiteral("rule"), faultRuleId(kind) },
        { QStringLiteral("provider"), p.name }, { QStringLiteral("providerId"), p.id },
        { QStringLiteral("description"), description },
        { QStringLiteral("start"), QString::fromLatin1(rfc3339(start)) },
        { QStringLiteral("end"), QString::fromLatin1(rfc3339(end)) }, { QStringLiteral("expected"), expected } };
}

} // namespace

QList<QJsonObject> invoiceFaultRecords(const DemoModel& model, const InvoiceFaultTruth& t)
{
    const InvoiceFaultPlan& f = model.faults.invoice;
    QList<QJsonObject> out;
    if (f.doubleProvider >= 0) {
        QJsonObject o = record(model, FaultKind::DoubleInvoicedWeek, f.doubleProvider,
            QStringLiteral("one week of %1 hours appears twice on the provider's first invoice (a second line with "
                           "the same period, quantity and amount); the invoice adds up")
                .arg(f.doubleClass),
            t.doubleStart, t.doubleEnd,
            { { QStringLiteral("amount"), round6(t.doubleAmount) },
                { QStringLiteral("quantity"), round6(t.doubleQuantity) } });
        o.insert(QStringLiteral("resourceClass"), f.doubleClass);
        out.append(o);
    }
    if (f.missingCreditProvider >= 0) {
        const DemoProvider& p = model.providers[f.missingCreditProvider];
        out.append(record(model, FaultKind::MissingSlaCredit, f.missingCreditProvider,
            QStringLiteral("the provider misses its availability target (sla-breach) but its first invoice carries no "
                           "SLA credit: %1 % of the invoiced amount is owed")
                .arg(p.slaCreditPercent),
            t.missingCreditStart, t.missingCreditEnd,
            { { QStringLiteral("amount"), round6(t.missingCredit) },
                { QStringLiteral("invoiced"), round6(t.missingCreditInvoiced) },
                { QStringLiteral("creditPercent"), p.slaCreditPercent } }));
    }
    if (f.aboveProvider >= 0) {
        QJsonObject o = record(model, FaultKind::InvoicedAboveDelivery, f.aboveProvider,
            QStringLiteral("the first week's %1 hours invoiced %2 % above the allocation the provider's own telemetry "
                           "measured (FOCUS stays honest)")
                .arg(f.aboveClass)
                .arg(std::round((f.aboveFactor - 1) * 100)),
            t.aboveStart, t.aboveEnd,
            { { QStringLiteral("amount"), round6(t.aboveAmount) },
                { QStringLiteral("excessQuantity"), round6(t.aboveExcessQuantity) } });
        o.insert(QStringLiteral("resourceClass"), f.aboveClass);
        o.insert(QStringLiteral("alsoTriggers"), QJsonArray { QStringLiteral("invoice.not-billed") });
        out.append(o);
    }
    return out;
}

} // namespace capaudit::demo
