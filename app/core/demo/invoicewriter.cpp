// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/invoicewriter.h"

#include "demo/demoformat.h"

#include <QDateTime>

#include <cmath>

namespace capaudit::demo {

namespace {

constexpr int kWeekDays = 7;

double cents(double v)
{
    return std::floor(v * 100.0 + 0.5 + 1e-9) / 100.0;
}

double thousandths(double v)
{
    return std::round(v * 1000.0) / 1000.0;
}

QString itemName(const QString& resourceClass)
{
    if (resourceClass == u"gpu")
        return QStringLiteral("GPU hours");
    if (resourceClass == u"storage")
        return QStringLiteral("Block storage TiB hours");
    if (resourceClass == u"memory")
        return QStringLiteral("Memory GiB hours");
    return QStringLiteral("Core hours");
}

} // namespace

double DemoInvoice::lineTotal() const
{
    double sum = 0;
    for (const DemoInvoiceLine& l : lines)
        sum += l.amount;
    return cents(sum);
}

double DemoInvoice::taxExclusive() const
{
    return cents(lineTotal() - credit);
}

double DemoInvoice::vat() const
{
    return cents(taxExclusive() * vatPercent / 100.0);
}

void planInvoiceFaults(DemoModel& model)
{
    InvoiceFaultPlan& f = model.faults.invoice;
    const int providers = int(model.providers.size());
    const qint64 days = model.config.days;
    f.ciiProvider = providers - 1;
    auto classOf = [&](int provider, const QString& preferred) {
        const DemoProvider& p = model.providers[provider];
        return p.prices.contains(preferred) ? preferred : p.prices.firstKey();
    };
    // Weeks counted from the bank's first day: the first month's invoice holds both (kMinDays is 7).
    if (model.config.hasFault(FaultKind::DoubleInvoicedWeek)) {
        f.doubleProvider = 0;
        f.doubleClass = classOf(0, QStringLiteral("gpu"));
        f.doubleFirstDay = days >= 2 * kWeekDays ? kWeekDays : 0;
        f.doubleEndDay = f.doubleFirstDay + kWeekDays;
    }
    if (model.config.hasFault(FaultKind::InvoicedAboveDelivery)) {
        f.aboveProvider = 2 % providers;
        f.aboveClass = classOf(f.aboveProvider, QStringLiteral("cpu"));
        f.aboveFirstDay = 0;
        f.aboveEndDay = kWeekDays;
    }
    if (model.config.hasFault(FaultKind::MissingSlaCredit))
        f.missingCreditProvider = model.faults.slaProvider;
}

DemoInvoice demoInvoice(const DemoModel& model, int provider, const FocusInvoice& inv, qint64 issuedAt, bool first,
    InvoiceFaultTruth& truth)
{
    const DemoProvider& p = model.providers[provider];
    const InvoiceFaultPlan& f = model.faults.invoice;
    const qint64 start = model.config.startSeconds();
    DemoInvoice out;
    out.id = QStringLiteral("EINV-%1-%2")
                 .arg(p.letter.toUpper(),
                     QDateTime::fromSecsSinceEpoch(inv.periodStart, Qt::UTC).toString(QStringLiteral("yyyyMM")));
    out.syntax = first && provider == f.ciiProvider ? QStringLiteral("cii-d16b") : QStringLiteral("ubl-2.1");
    out.issueDate = issuedAt - issuedAt % 86400;
    out.periodStart = inv.periodStart;
    out.periodEnd = inv.periodEnd;
    out.currency = model.currency;
    out.seller = p.name;
    out.sellerVat = QStringLiteral("EU%1").arg(1000000 + provider * 1111);
    out.sellerCountry = p.regions.isEmpty() ? QStringLiteral("DE") : p.regions.first().jurisdiction;
    out.buyer = model.buyer;
    // The invoice period within the contract: the scope the three-way match judges.
    const qint64 scopeStart = qMax(inv.periodStart, start), scopeEnd = qMin(inv.periodEnd, model.config.endSeconds());
    int next = 0;
    for (auto cls = inv.measuredByClassDay.cbegin(); cls != inv.measuredByClassDay.cend(); ++cls) {
        const double price = p.prices.value(cls.key());
        for (qint64 day = inv.firstDay; day < inv.endDay; day += kWeekDays) {
            const qint64 end = qMin(inv.endDay, day + kWeekDays);
            double quantity = 0;
            for (qint64 d = day; d < end; ++d)
                quantity += cls->value(d);
            DemoInvoiceLine line { QString::number(++next), itemName(cls.key()), cls.key(), start + day * 86400,
                start + end * 86400, thousandths(quantity), price, 0 };
            if (first && provider == f.aboveProvider && cls.key() == f.aboveClass && day == f.aboveFirstDay) {
                const double honest = line.quantity;
                line.quantity = thousandths(honest * f.aboveFactor);
                truth.aboveExcessQuantity += line.quantity - honest;
                truth.aboveAmount += (line.quantity - honest) * price;
                truth.aboveStart = scopeStart;
                truth.aboveEnd = scopeEnd;
            }
            line.amount = cents(line.quantity * line.price);
            out.lines.append(line);
            if (first && provider == f.doubleProvider && cls.key() == f.doubleClass && day == f.doubleFirstDay) {
                DemoInvoiceLine again = line;
                again.id = QString::number(++next);
                out.lines.append(again);
                truth.doubleAmount += again.amount;
                truth.doubleQuantity += again.quantity;
                truth.doubleStart = again.start;
                truth.doubleEnd = again.end;
            }
        }
    }
    if (provider == model.faults.slaProvider && model.config.hasFault(FaultKind::SlaBreach)) {
        // The SLA window is the contract period, and the breach provider misses its target in it: it owes
        // creditPercent of what it invoices for the window.
        const double owed = cents(out.lineTotal() * p.slaCreditPercent / 100.0);
        if (first && provider == f.missingCreditProvider) {
            truth.missingCredit += out.lineTotal() * p.slaCreditPercent / 100.0;
            truth.missingCreditInvoiced += out.lineTotal();
            truth.missingCreditStart = scopeStart;
            truth.missingCreditEnd = scopeEnd;
        } else {
            out.credit = owed;
        }
    }
    return out;
}

} // namespace capaudit::demo
