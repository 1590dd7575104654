// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/finding.h"
#include "analytics/policy.h"
#include "analytics/providerfacts.h"
#include "analytics/threewayline.h"
#include "util/result.h"

#include <QJsonObject>
#include <QList>

#include <atomic>
#include <functional>

namespace capaudit {
class CaseStore;
}

namespace capaudit::analytics {

struct CheckOptions {
    Policy policy = defaultPolicy();
    Period period; // {0, 0}: everything in the case
    int threads = 0; // raw-row scanning threads; 0: QThread::idealThreadCount()
    // false: ignore the node-hour aggregates and read every raw sample (the slow reference path tests compare with)
    bool useNodeHours = true;
    std::function<void(double fraction, const QString& message)> progress;
    const std::atomic_bool* cancel = nullptr;
};

struct RuleOutcome {
    QString ruleId;
    bool enabled = true;
    Severity severity = Severity::Medium;
    int findings = 0;
    Severity worst = Severity::Info; // highest severity among its findings
};

// Billing reconciliation per provider, invoice, tenant and resource class: FOCUS Usage rows vs provider-metered
// allocation over the same charge periods (billing is on allocation, docs/analytics.md). Rows that cannot be tied to
// measured delivery (Adjustment, Purchase, Tax, Credit, Correction, Usage without tenant, class or quantity,
// quarantined rows) get lines of their own with status "unreconciled", the reason and their amount.
struct ReconciliationLine {
    QString provider;
    QString invoiceId;
    QString tenant;
    QString resourceClass;
    QString unit; // FOCUS ConsumedUnit ("GPU-Hours")
    QString currency;
    Period period; // first charge period start .. last charge period end of the rows
    double measuredQuantity = 0; // unit-hours from telemetry
    double billedQuantity = 0; // sum of ConsumedQuantity
    double billedCost = 0; // sum of BilledCost
    double unitPrice = kMissing; // BilledCost / ConsumedQuantity
    double difference = 0; // billed - measured, unit-hours
    double amount = 0; // difference priced at unitPrice: positive = over-billed
    bool withinTolerance = true;
    QString bundleDigest; // billing bundle
    qint64 firstLine = 0, lastLine = 0; // FOCUS rows
    // Added with issue 13: every row is either reconciled or listed, and money is compared with the contract.
    QString status = QStringLiteral("reconciled"); // or "unreconciled"
    QString reason; // unreconciled lines: why ("Tax", "Usage without tenant", ...)
    qint64 rows = 0; // FOCUS rows behind the line
    double attestedUnitPrice = kMissing; // contract price in force at the charge periods (attestationAt)
    double expectedCost = kMissing; // billedQuantity x attestedUnitPrice (rows in the contract currency)

    QJsonObject toJson() const;
};

// The result of one run of every enabled rule over a case. toJson() is canonical: the same case, policy and period
// give byte-identical output (no run time, no machine facts).
struct CheckReport {
    QString caseId;
    QString caseName;
    QString policyName;
    QString policyDigest;
    Severity failingSeverity = Severity::High;
    Period period; // as requested; {0,0} = whole case
    Period evidencePeriod; // what the evidence covers within it
    QList<QString> bundleDigests; // the stored bundles considered, sorted
    QList<RuleOutcome> rules; // catalog order
    QList<Finding> findings; // sortFindings order
    QList<ProviderFacts> providers; // sorted by name
    QList<ReconciliationLine> reconciliation; // by provider, invoice, tenant, class
    QList<ThreeWayLine> threeWay; // by provider, period start, class, kind (issue 18)
    qint64 samplesScanned = 0;
    qint64 rawSamplesRead = 0; // of samplesScanned, how many were read row by row (not in the JSON: mode-dependent)
    qint64 billingRowsScanned = 0;

    bool failed() const; // some finding at or above failingSeverity
    QMap<Severity, int> countBySeverity(const QString& provider = {}) const;
    QJsonObject toJson() const;
};

// Runs the policy's enabled rules (docs/analytics.md). Fails only on I/O or a cancelled run; problems in the evidence
// are findings.
Result<CheckReport> runChecks(CaseStore& store, const CheckOptions& options);

// "2026-09-01..2026-10-01" or ISO 8601 date-times "2026-09-01T00:00:00Z..2026-09-08T12:00:00Z"; the end is exclusive.
Result<Period> parsePeriod(const QString& text);
QString formatPeriod(const Period& period); // inverse; "" for {0,0}

} // namespace capaudit::analytics
