// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/checkrunner.h"

#include <QList>
#include <QMap>
#include <QString>

namespace capaudit::analytics {

// The answer to "does the evidence support this provider's claims?", as the report's executive summary and the
// dashboard's overview both give it. Computed here, from a CheckReport, so that the two never disagree.
enum class Assessment {
    Compliant, // no finding
    CompliantWithFindings, // findings, none at or above the policy's failing severity
    NotCompliant, // at least one finding at or above the failing severity
    NotAssessed, // nothing fails, but no telemetry covers the period: delivery could not be checked
};
QString assessmentId(Assessment assessment); // "compliant", "findings", "non-compliant", "not-assessed" (stable)

// Billed vs measured for one provider and currency, summed over its reconciled invoice lines.
struct BillingExposure {
    QString currency;
    double measuredQuantity = 0; // unit-hours from telemetry
    double billedQuantity = 0; // unit-hours on the invoices
    double billedCost = 0;
    // Money the findings put at stake: the sum of their positive (over-billed) amounts in this currency, the figure
    // the report prints finding by finding. Under-billing is not at stake for the buyer and is left out.
    double amountAtStake = 0;
    int findingsWithAmount = 0;
    // Committed capacity no tenant was allocated, at the contracted price (the three-way match's idle lines): what
    // over-commitment costs the buyer. Not at stake (the contract allows it), but the buyer pays it.
    double idleAmount = 0;
};

struct ProviderAssessment {
    QString provider;
    Assessment assessment = Assessment::NotAssessed;
    Severity failingSeverity = Severity::High; // the policy's
    Severity worst = Severity::Info; // most serious finding; meaningful when total > 0
    int total = 0;
    QMap<Severity, int> counts; // every severity present, zero when none
    bool independentlyMetered = false;
    Period telemetryPeriod; // what the provider's telemetry covers within the checked period
    double availability = kMissing;
    double availabilityTarget = kMissing;
    QList<BillingExposure> billing; // one per currency; empty without invoices
};

// One assessment per provider of REPORT, in its order (by name).
QList<ProviderAssessment> assessProviders(const CheckReport& report);

// The findings the executive summary lists first: the report's order (severity, rule, scope), at most LIMIT.
QList<Finding> mostSeriousFindings(const CheckReport& report, int limit, const QString& provider = {});

} // namespace capaudit::analytics
