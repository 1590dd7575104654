// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/records.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace capaudit::analytics {

// One line of the three-way match (docs/analytics.md, "Three-way match"): per provider, invoice period and resource
// class, every leg side by side in unit-hours and contract currency. KIND "match" carries all legs; "idle" is the
// committed capacity no tenant was allocated, priced at the contract; "sla-credit" is one line per provider and
// period with the SLA credit owed and the credit given (allowances and credit notes).
struct ThreeWayLine {
    QString kind = QStringLiteral("match");
    QString provider;
    QString resourceClass;
    QString currency; // the contract's
    Period period;
    QStringList invoices; // invoice numbers behind the claimed leg, sorted
    double committedQuantity = 0; // attested commitment x hours in force inside the period
    double contractedPrice = kMissing; // attested unit price
    double expectedCharge = kMissing; // committed x contracted price
    double deliveredQuantity = 0; // capacity of attested nodes reported up, unit-hours
    double allocatedQuantity = 0; // provider-metered tenant allocation, unit-hours
    double billedQuantity = 0; // FOCUS Usage ConsumedQuantity
    double billedAmount = 0; // FOCUS BilledCost (contract currency)
    double invoicedQuantity = 0; // invoice lines (credit notes negative), duplicates included
    double invoicedAmount = 0; // invoice line net amounts (credit notes negative)
    double duplicateQuantity = 0, duplicateAmount = 0; // the part invoiced a second time
    double idleQuantity = 0, idleAmount = 0; // idle lines: committed - allocated, priced
    double creditOwed = 0, creditGiven = 0; // sla-credit lines
    QString status = QStringLiteral("match"); // or "differs": some leg disagrees beyond the policy tolerance
    QStringList findings; // ids of the findings raised on this line

    // Claimed minus what the next leg supports.
    double invoicedMinusBilled() const
    {
        return invoicedAmount - duplicateAmount - billedAmount;
    }
    double invoicedMinusAllocated() const
    {
        return invoicedQuantity - duplicateQuantity - allocatedQuantity;
    }
    QJsonObject toJson() const;
};

} // namespace capaudit::analytics
