// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/attestationwriter.h"

#include "demo/demoformat.h"

#include <QJsonArray>

namespace capaudit::demo {

namespace {
QJsonObject period(const DemoModel& model)
{
    return { { QStringLiteral("start"), QString::fromLatin1(rfc3339(model.config.startSeconds())) },
        { QStringLiteral("end"), QString::fromLatin1(rfc3339(model.config.endSeconds())) } };
}
} // namespace

QJsonObject attestationPredicate(const DemoModel& model, int provider)
{
    const DemoProvider& p = model.providers[provider];
    QJsonArray jurisdictions;
    for (const QString& j : model.allowedJurisdictions)
        jurisdictions.append(j);
    const QJsonObject contract { { QStringLiteral("id"), p.contractId }, { QStringLiteral("buyer"), model.buyer },
        { QStringLiteral("currency"), model.currency }, { QStringLiteral("period"), period(model) },
        { QStringLiteral("allowedJurisdictions"), jurisdictions } };
    QJsonArray tenants;
    QList<bool> hosted(model.tenants.size(), false);
    for (const DemoNode& node : p.nodes) {
        for (const Placement& pl : node.tenants)
            hosted[pl.tenant] = true;
    }
    for (qsizetype t = 0; t < model.tenants.size(); ++t) {
        if (hosted[t])
            tenants.append(QJsonObject {
                { QStringLiteral("id"), model.tenants[t].id }, { QStringLiteral("name"), model.tenants[t].name } });
    }
    QJsonArray commitments;
    for (const DemoCommitment& c : p.commitments)
        commitments.append(QJsonObject { { QStringLiteral("resourceClass"), c.resourceClass },
            { QStringLiteral("region"), c.region }, { QStringLiteral("unit"), capacityUnit(c.resourceClass) },
            { QStringLiteral("quantity"), c.quantity }, { QStringLiteral("overcommitLimit"), c.overcommitLimit } });
    QJsonArray nodes;
    for (const DemoNode& node : p.nodes) {
        if (!node.attested)
            continue;
        nodes.append(
            QJsonObject { { QStringLiteral("id"), node.id }, { QStringLiteral("hardwareClass"), node.hardwareClass },
                { QStringLiteral("region"), node.regionId }, { QStringLiteral("jurisdiction"), node.jurisdiction },
                { QStringLiteral("capacity"), QJsonObject { { node.resourceClass, node.capacity } } } });
    }
    const QJsonObject sla { { QStringLiteral("availabilityTarget"), p.availabilityTarget },
        { QStringLiteral("creditPercent"), p.slaCreditPercent },
        { QStringLiteral("measurementWindow"), QStringLiteral("P%1D").arg(model.config.days) } };
    QJsonArray prices;
    for (auto it = p.prices.cbegin(); it != p.prices.cend(); ++it)
        prices.append(QJsonObject { { QStringLiteral("resourceClass"), it.key() },
            { QStringLiteral("unit"), pricingUnit(it.key()) }, { QStringLiteral("unitPrice"), it.value() },
            { QStringLiteral("currency"), model.currency } });
    return { { QStringLiteral("provider"), p.name }, { QStringLiteral("contract"), contract },
        { QStringLiteral("tenants"), tenants }, { QStringLiteral("commitments"), commitments },
        { QStringLiteral("nodes"), nodes }, { QStringLiteral("sla"), sla }, { QStringLiteral("prices"), prices } };
}

QByteArray contractSummary(const DemoModel& model, int provider)
{
    const DemoProvider& p = model.providers[provider];
    QByteArray out;
    out += "# Contract " + p.contractId.toUtf8() + "\n\n";
    out += "Provider: " + p.name.toUtf8() + "\nBuyer: " + model.buyer.toUtf8() + "\n";
    out += "Period: " + rfc3339(model.config.startSeconds()) + " to " + rfc3339(model.config.endSeconds()) + "\n";
    out += "Allowed jurisdictions: " + model.allowedJurisdictions.join(QStringLiteral(", ")).toUtf8() + "\n\n";
    out += "## Committed capacity\n\n";
    for (const DemoCommitment& c : p.commitments)
        out += "- " + c.resourceClass.toUtf8() + " in " + c.region.toUtf8() + ": " + decimalText(c.quantity) + ' '
            + capacityUnit(c.resourceClass).toUtf8() + ", over-commitment limit " + decimalText(c.overcommitLimit, 2)
            + "\n";
    out += "\n## Unit prices (" + model.currency.toUtf8() + ")\n\n";
    for (auto it = p.prices.cbegin(); it != p.prices.cend(); ++it)
        out += "- " + it.key().toUtf8() + ": " + decimalText(it.value(), 4) + " per " + pricingUnit(it.key()).toUtf8()
            + "\n";
    out += "\n## Service level\n\nMonthly availability of at least " + decimalText(p.availabilityTarget * 100.0, 2)
        + " % per node; " + decimalText(p.slaCreditPercent) + " % service credit when missed.\n";
    return out;
}

} // namespace capaudit::demo
