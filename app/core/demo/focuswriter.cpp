// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/focuswriter.h"

#include "demo/demoformat.h"
#include "demo/simulation.h"
#include "util/jsonutil.h"

#include <QJsonObject>

#include <cmath>

namespace capaudit::demo {

namespace {

constexpr const char* kColumns[] = { "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency",
    "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency",
    "ChargePeriodEnd", "ChargePeriodStart", "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ContractedUnitPrice",
    "EffectiveCost", "InvoiceId", "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory",
    "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId",
    "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "SkuId", "SubAccountId", "SubAccountName", "Tags",
    "x_ResourceClass", "x_Tenant" };

double round6(double v)
{
    return std::round(v * 1e6) / 1e6;
}

QString serviceCategory(const QString& resourceClass)
{
    if (resourceClass == u"gpu")
        return QStringLiteral("AI and Machine Learning");
    if (resourceClass == u"storage")
        return QStringLiteral("Storage");
    return QStringLiteral("Compute");
}

QString serviceName(const DemoProvider& p, const QString& resourceClass)
{
    if (resourceClass == u"gpu")
        return p.name + QStringLiteral(" GPU Instances");
    if (resourceClass == u"storage")
        return p.name + QStringLiteral(" Block Storage");
    return p.name + QStringLiteral(" Compute Instances");
}

} // namespace

FocusInvoice focusInvoice(
    const DemoModel& model, int provider, qint64 firstDay, qint64 endDay, qint64 periodStart, qint64 periodEnd)
{
    const DemoProvider& p = model.providers[provider];
    const FaultPlan& f = model.faults;
    const qint64 perDay = model.stepsPerDay();
    const double stepHours = double(model.config.stepSeconds) / 3600.0;
    FocusInvoice inv;
    inv.periodStart = periodStart;
    inv.periodEnd = periodEnd;
    inv.firstDay = firstDay;
    inv.endDay = endDay;
    inv.invoiceId = QStringLiteral("INV-%1-%2")
                        .arg(p.letter.toUpper(),
                            QDateTime::fromSecsSinceEpoch(periodStart, Qt::UTC).toString(QStringLiteral("yyyyMM")));

    const bool quirks = p.spaceSeparatedBillingDates;
    auto date = [&](qint64 t) {
        QByteArray s = rfc3339(t);
        if (quirks) {
            s[10] = ' ';
            s.chop(1);
        }
        return s;
    };
    for (const char* c : kColumns) {
        if (c != kColumns[0])
            inv.csv += ',';
        inv.csv += c;
    }
    inv.csv += '\n';

    const QByteArray periodStartText = date(periodStart), periodEndText = date(periodEnd);
    for (qint64 day = firstDay; day < endDay; ++day) {
        // Allocated unit-hours per node and placement, from exactly the rows the telemetry carries.
        QList<QList<double>> quantity(p.nodes.size());
        for (int n = 0; n < p.nodes.size(); ++n)
            quantity[n] = QList<double>(p.nodes[n].tenants.size(), 0.0);
        for (qint64 step = day * perDay; step < (day + 1) * perDay; ++step) {
            for (int n = 0; n < p.nodes.size(); ++n) {
                const NodeStep ns = simulateNode(model, provider, n, step);
                for (qsizetype i = 0; ns.reported && i < ns.tenants.size(); ++i)
                    quantity[n][i] += ns.tenants[i].allocated * stepHours;
            }
        }
        const qint64 dayStart = model.config.startSeconds() + day * 86400;
        const QByteArray chargeStart = date(dayStart), chargeEnd = date(dayStart + 86400);
        for (int n = 0; n < p.nodes.size(); ++n) {
            const DemoNode& node = p.nodes[n];
            const double price = p.prices.value(node.resourceClass);
            const double listPrice = std::round(price * p.listMarkup * 10000.0) / 10000.0;
            for (qsizetype i = 0; i < node.tenants.size(); ++i) {
                const double measured = round6(quantity[n][i]);
                if (measured <= 0)
                    continue;
                const DemoTenant& tenant = model.tenants[node.tenants[i].tenant];
                double billed = measured;
                if (provider == f.overBillingProvider && node.tenants[i].tenant == f.overBillingTenant
                    && node.resourceClass == f.overBillingResource && day >= f.overBillingFirstDay
                    && day < f.overBillingEndDay) {
                    billed = round6(measured * f.overBillingFactor);
                    inv.measuredQuantity += measured;
                    inv.billedQuantity += billed;
                    inv.overBilledAmount += (billed - measured) * price;
                }
                const double cost = billed * price;
                inv.totalCost += cost;
                const QByteArray costText = decimalText(cost, 10);
                const QByteArray qtyText = decimalText(billed, 6);
                const QString unit = pricingUnit(node.resourceClass);
                const QJsonObject tags { { QStringLiteral("capaudit/resource-class"), node.resourceClass },
                    { QStringLiteral("capaudit/tenant"), tenant.id },
                    { QStringLiteral("cost-center"), QStringLiteral("cc-%1").arg(1001 + node.tenants[i].tenant) } };
                const QList<QByteArray> fields {
                    costText,
                    p.billingAccountId.toUtf8(),
                    csvField(model.buyer),
                    model.currency.toUtf8(),
                    periodEndText,
                    periodStartText,
                    "Usage",
                    quirks ? QByteArray("NULL") : QByteArray(),
                    csvField(QStringLiteral("%1 %2 on %3 (%4) for %5")
                                 .arg(decimalText(billed, 6), unit, node.id, node.hardwareClass, tenant.name)),
                    "Usage-Based",
                    chargeEnd,
                    chargeStart,
                    qtyText,
                    unit.toUtf8(),
                    costText,
                    decimalText(price, 4),
                    costText,
                    inv.invoiceId.toUtf8(),
                    csvField(p.name),
                    decimalText(billed * listPrice, 10),
                    decimalText(listPrice, 4),
                    "Committed",
                    qtyText,
                    unit.toUtf8(),
                    csvField(p.name),
                    csvField(p.name),
                    node.regionId.toUtf8(),
                    csvField(node.regionId == u"us-east-1" ? QStringLiteral("Virginia") : p.regions[node.region].name),
                    node.id.toUtf8(),
                    node.id.toUtf8(),
                    node.hardwareClass.toUtf8(),
                    csvField(serviceCategory(node.resourceClass)),
                    csvField(serviceName(p, node.resourceClass)),
                    QStringLiteral("%1-%2-HOUR").arg(p.letter, node.hardwareClass).toUpper().toUtf8(),
                    tenant.id.toUtf8(),
                    csvField(tenant.name),
                    csvField(QString::fromUtf8(canonicalJson(tags))),
                    node.resourceClass.toUtf8(),
                    tenant.id.toUtf8(),
                };
                inv.csv += fields.join(',');
                inv.csv += '\n';
                ++inv.rows;
            }
        }
    }
    return inv;
}

} // namespace capaudit::demo
