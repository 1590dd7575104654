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

// One FOCUS row before formatting. Quantity and unit prices are NaN where the row has none (an Adjustment).
struct FocusRow {
    QByteArray category = "Usage";
    qint64 chargeStart = 0, chargeEnd = 0;
    double quantity = 0, cost = 0, listCost = 0, contractedCost = 0;
    double price = 0, listPrice = 0;
    QString currency;
    const DemoNode* node = nullptr; // resource columns; nullptr: none
    const DemoTenant* tenant = nullptr;
    QString tenantId, description;
    int costCenter = 0;
};

class RowWriter {
public:
    RowWriter(const DemoModel& model, const DemoProvider& p, FocusInvoice& inv)
        : m_model(model)
        , m_p(p)
        , m_inv(inv)
        , m_quirks(p.spaceSeparatedBillingDates)
        , m_periodStart(date(inv.periodStart))
        , m_periodEnd(date(inv.periodEnd))
    {
        for (const char* c : kColumns) {
            if (c != kColumns[0])
                m_inv.csv += ',';
            m_inv.csv += c;
        }
        m_inv.csv += '\n';
    }

    QByteArray date(qint64 t) const
    {
        QByteArray s = rfc3339(t);
        if (m_quirks) {
            s[10] = ' ';
            s.chop(1);
        }
        return s;
    }

    void write(const FocusRow& r)
    {
        const QByteArray null = m_quirks ? QByteArray("NULL") : QByteArray();
        auto number = [&](double v, int decimals) { return std::isnan(v) ? null : decimalText(v, decimals); };
        const DemoNode* node = r.node;
        const QString cls = node ? node->resourceClass : QString();
        const QString unit = node ? pricingUnit(cls) : QString();
        QJsonObject tags;
        if (node)
            tags.insert(QStringLiteral("capaudit/resource-class"), cls);
        if (!r.tenantId.isEmpty()) {
            tags.insert(QStringLiteral("capaudit/tenant"), r.tenantId);
            tags.insert(QStringLiteral("cost-center"), QStringLiteral("cc-%1").arg(r.costCenter));
        }
        const QByteArray costText = decimalText(r.cost, 10);
        const QByteArray qtyText = number(r.quantity, 6);
        const QList<QByteArray> fields {
            costText,
            m_p.billingAccountId.toUtf8(),
            csvField(m_model.buyer),
            r.currency.toUtf8(),
            m_periodEnd,
            m_periodStart,
            r.category,
            null,
            csvField(r.description),
            r.category == "Usage" ? QByteArray("Usage-Based") : QByteArray("One-Time"),
            date(r.chargeEnd),
            date(r.chargeStart),
            qtyText,
            unit.toUtf8(),
            decimalText(r.contractedCost, 10),
            number(r.price, 4),
            costText,
            m_inv.invoiceId.toUtf8(),
            csvField(m_p.name),
            decimalText(r.listCost, 10),
            number(r.listPrice, 4),
            "Committed",
            qtyText,
            unit.toUtf8(),
            csvField(m_p.name),
            csvField(m_p.name),
            node ? node->regionId.toUtf8() : null,
            node
                ? csvField(node->regionId == u"us-east-1" ? QStringLiteral("Virginia") : m_p.regions[node->region].name)
                : null,
            node ? node->id.toUtf8() : null,
            node ? node->id.toUtf8() : null,
            node ? node->hardwareClass.toUtf8() : null,
            csvField(serviceCategory(node ? cls : QStringLiteral("cpu"))),
            csvField(serviceName(m_p, node ? cls : QStringLiteral("cpu"))),
            node ? QStringLiteral("%1-%2-HOUR").arg(m_p.letter, node->hardwareClass).toUpper().toUtf8() : null,
            r.tenantId.isEmpty() ? null : r.tenantId.toUtf8(),
            r.tenant                   ? csvField(r.tenant->name)
                : r.tenantId.isEmpty() ? null
                                       : r.tenantId.toUtf8(),
            csvField(QString::fromUtf8(canonicalJson(tags))),
            node ? cls.toUtf8() : null,
            r.tenantId.isEmpty() ? null : r.tenantId.toUtf8(),
        };
        m_inv.csv += fields.join(',');
        m_inv.csv += '\n';
        m_inv.totalCost += r.cost;
        ++m_inv.rows;
    }

    // A Usage row of QUANTITY on NODE for the tenant, priced honestly (or at the list price: the fault).
    FocusRow usage(const DemoNode& node, const DemoTenant* tenant, const QString& tenantId, int costCenter,
        double quantity, qint64 start, qint64 end, const BillingRowFault& fault) const
    {
        FocusRow r;
        r.node = &node;
        r.tenant = tenant;
        r.tenantId = tenantId;
        r.costCenter = costCenter;
        r.quantity = quantity;
        r.chargeStart = start;
        r.chargeEnd = end;
        r.price = m_p.prices.value(node.resourceClass);
        r.listPrice = std::round(r.price * m_p.listMarkup * 10000.0) / 10000.0;
        r.contractedCost = quantity * r.price;
        r.listCost = quantity * r.listPrice;
        r.cost = fault.atListPrice ? r.listCost : r.contractedCost;
        r.currency = fault.currency.isEmpty() ? m_model.currency : fault.currency;
        r.description = QStringLiteral("%1 %2 on %3 (%4) for %5")
                            .arg(QString::fromLatin1(decimalText(quantity, 6)), pricingUnit(node.resourceClass),
                                node.id, node.hardwareClass, tenant ? tenant->name : tenantId);
        return r;
    }

private:
    const DemoModel& m_model;
    const DemoProvider& m_p;
    FocusInvoice& m_inv;
    const bool m_quirks;
    const QByteArray m_periodStart, m_periodEnd;
};

} // namespace

FocusInvoice focusInvoice(
    const DemoModel& model, int provider, qint64 firstDay, qint64 endDay, qint64 periodStart, qint64 periodEnd)
{
    const DemoProvider& p = model.providers[provider];
    const FaultPlan& f = model.faults;
    const BillingFaultPlan& bf = f.billing;
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
    RowWriter out(model, p, inv);
    BillingFaultTruth& truth = inv.billing;

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
        for (int n = 0; n < p.nodes.size(); ++n) {
            const DemoNode& node = p.nodes[n];
            const double price = p.prices.value(node.resourceClass);
            for (qsizetype i = 0; i < node.tenants.size(); ++i) {
                const double measured = round6(quantity[n][i]);
                if (measured <= 0)
                    continue;
                inv.measuredByClassDay[node.resourceClass][day] += measured;
                const int t = node.tenants[i].tenant;
                const BillingRowFault fault = billingRowFault(model, provider, n, t, day);
                double billed = measured;
                if (provider == f.overBillingProvider && t == f.overBillingTenant
                    && node.resourceClass == f.overBillingResource && day >= f.overBillingFirstDay
                    && day < f.overBillingEndDay) {
                    billed = round6(measured * f.overBillingFactor);
                    inv.measuredQuantity += measured;
                    inv.billedQuantity += billed;
                    inv.overBilledAmount += (billed - measured) * price;
                }
                if (fault.quantityFactor != 1) {
                    billed = round6(measured * fault.quantityFactor);
                    truth.subToleranceMeasured += measured;
                    truth.subToleranceBilled += billed;
                    truth.subToleranceAmount += (billed - measured) * price;
                }
                const FocusRow row = out.usage(
                    node, &model.tenants[t], model.tenants[t].id, 1001 + t, billed, dayStart, dayStart + 86400, fault);
                out.write(row);
                if (fault.atListPrice)
                    truth.listPriceExcess += row.cost - row.contractedCost;
                if (!fault.currency.isEmpty())
                    truth.foreignAmount += row.cost;
                if (fault.duplicateAfternoon) {
                    const FocusRow twice = out.usage(node, &model.tenants[t], model.tenants[t].id, 1001 + t,
                        round6(billed / 2), dayStart + 43200, dayStart + 86400, fault);
                    out.write(twice);
                    truth.overlapAmount += twice.cost;
                    truth.overlapHours += 12;
                }
            }
            if (bf.unknownTenant.provider == provider && bf.unknownTenant.node == n && day >= bf.unknownTenant.firstDay
                && day < bf.unknownTenant.endDay) {
                const double q = round6(node.capacity * bf.unknownTenantShare * 24.0);
                const FocusRow row = out.usage(
                    node, nullptr, bf.unknownTenantId, 1999, q, dayStart, dayStart + 86400, BillingRowFault {});
                out.write(row);
                truth.unknownTenantAmount += row.cost;
                truth.unknownTenantQuantity += q;
            }
        }
    }
    if (bf.unreconciled.provider == provider && bf.unreconciled.firstDay >= firstDay
        && bf.unreconciled.firstDay < endDay) {
        FocusRow r;
        r.category = "Adjustment";
        r.chargeStart = model.config.startSeconds() + bf.unreconciled.firstDay * 86400;
        r.chargeEnd = model.config.startSeconds() + bf.unreconciled.endDay * 86400;
        r.quantity = r.price = r.listPrice = std::nan("");
        r.cost = r.listCost = r.contractedCost = bf.adjustmentAmount;
        r.currency = model.currency;
        r.description = QStringLiteral("Capacity reservation adjustment");
        out.write(r);
        truth.adjustment += r.cost;
    }
    return inv;
}

} // namespace capaudit::demo
