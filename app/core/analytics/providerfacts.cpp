// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/providerfacts.h"

#include "util/timeutil.h"

namespace capaudit::analytics {
namespace {

void insertNumber(QJsonObject& json, const char* key, double value)
{
    if (!isMissing(value))
        json.insert(QLatin1String(key), value);
}

QJsonObject periodJson(const Period& period)
{
    if (period.end <= period.start)
        return {};
    return { { QStringLiteral("start"), formatUnixSeconds(period.start) },
        { QStringLiteral("end"), formatUnixSeconds(period.end) } };
}

} // namespace

QJsonObject ClassFacts::toJson() const
{
    QJsonObject json { { QStringLiteral("unit"), unit }, { QStringLiteral("committed"), committed },
        { QStringLiteral("allocatedUnitHours"), allocatedUnitHours },
        { QStringLiteral("usedUnitHours"), usedUnitHours }, { QStringLiteral("billedQuantity"), billedQuantity },
        { QStringLiteral("billedCost"), billedCost } };
    insertNumber(json, "deliveredMean", deliveredMean);
    insertNumber(json, "deliveredMin", deliveredMin);
    insertNumber(json, "contractedUnitPrice", contractedUnitPrice);
    return json;
}

QJsonObject ProviderFacts::toJson() const
{
    QJsonObject classJson;
    for (auto it = classes.begin(); it != classes.end(); ++it)
        classJson.insert(it.key(), it->toJson());
    QJsonObject json { { QStringLiteral("provider"), provider }, { QStringLiteral("currency"), currency },
        { QStringLiteral("contractId"), contractId }, { QStringLiteral("attestedPeriod"), periodJson(attestedPeriod) },
        { QStringLiteral("telemetryPeriod"), periodJson(telemetryPeriod) },
        { QStringLiteral("nodesAttested"), nodesAttested }, { QStringLiteral("nodesSeen"), nodesSeen },
        { QStringLiteral("tenants"), tenants }, { QStringLiteral("bundlesVerified"), bundlesVerified },
        { QStringLiteral("bundlesUntrusted"), bundlesUntrusted },
        { QStringLiteral("bundlesRejected"), bundlesRejected },
        { QStringLiteral("independentlyMetered"), independentlyMetered },
        { QStringLiteral("billedCostTotal"), billedCostTotal }, { QStringLiteral("classes"), classJson } };
    insertNumber(json, "availability", availability);
    insertNumber(json, "availabilityTarget", availabilityTarget);
    return json;
}

} // namespace capaudit::analytics
