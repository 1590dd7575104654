// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/records.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace capaudit::analytics {

// Per provider and resource class: what was claimed, delivered, measured and billed over the checked period.
struct ClassFacts {
    QString unit; // "cores", "GPUs", "TiB"
    double committed = 0; // sum of the attested commitments in force (all regions)
    double deliveredMean = kMissing; // mean over telemetry steps of the capacity of up nodes in committed regions
    double deliveredMin = kMissing; // lowest step
    double allocatedUnitHours = 0; // provider-metered allocation (what billing charges for), unit-hours
    double usedUnitHours = 0;
    double billedQuantity = 0; // FOCUS ConsumedQuantity of Usage rows, unit-hours
    double billedCost = 0; // FOCUS BilledCost of Usage rows, in the provider's billing currency
    double contractedUnitPrice = kMissing; // attested price per unit-hour

    QJsonObject toJson() const;
};

// Everything the comparison and the report need about one provider, gathered in the same pass as the checks.
struct ProviderFacts {
    QString provider;
    QString currency; // billing currency (attested currency when no invoice)
    QString contractId;
    Period attestedPeriod;
    Period telemetryPeriod; // first .. last step seen
    int nodesAttested = 0;
    int nodesSeen = 0; // in provider telemetry
    int tenants = 0;
    // Node-weighted availability: up steps / (up + down steps) over the attested nodes; NaN without state data.
    double availability = kMissing;
    double availabilityTarget = kMissing;
    int bundlesVerified = 0, bundlesUntrusted = 0, bundlesRejected = 0;
    bool independentlyMetered = false; // an independent meter's telemetry covers some of its nodes
    double billedCostTotal = 0; // all Usage rows, billing currency
    QMap<QString, ClassFacts> classes; // by resource class

    QJsonObject toJson() const;
};

} // namespace capaudit::analytics
