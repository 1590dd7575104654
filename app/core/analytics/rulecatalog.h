// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/finding.h"

#include <QList>
#include <QString>

namespace capaudit::analytics {

// Stable rule identifiers: policies, findings, tests, faults.json and the report key on them.
namespace rules {
inline constexpr auto kEvidenceIntegrity = "evidence.integrity";
inline constexpr auto kEvidenceAssurance = "evidence.assurance";
inline constexpr auto kEvidenceLogConsistency = "evidence.log-consistency";
inline constexpr auto kTelemetryCoverage = "telemetry.coverage";
inline constexpr auto kCapacityDelivered = "capacity.delivered";
inline constexpr auto kCapacityOvercommit = "capacity.overcommit";
inline constexpr auto kSlaAvailability = "sla.availability";
inline constexpr auto kBillingReconciliation = "billing.reconciliation";
inline constexpr auto kBillingConsistency = "billing.consistency";
inline constexpr auto kBillingDataQuality = "billing.data-quality";
inline constexpr auto kBillingUnreconciled = "billing.unreconciled";
inline constexpr auto kBillingPrice = "billing.price";
inline constexpr auto kBillingCurrency = "billing.currency";
inline constexpr auto kBillingTenant = "billing.tenant";
inline constexpr auto kBillingOverlap = "billing.overlap";
inline constexpr auto kAttestationCoverage = "attestation.coverage";
inline constexpr auto kAttestationVersions = "attestation.versions";
inline constexpr auto kSovereignty = "sovereignty.jurisdiction";
inline constexpr auto kTimeSanity = "time.sanity";
inline constexpr auto kMeterAgreement = "telemetry.meter-agreement";
inline constexpr auto kTelemetryStep = "telemetry.step";
inline constexpr auto kTelemetryDuplicates = "telemetry.duplicates";
inline constexpr auto kCapacityAttested = "capacity.attested";
// Invoice evidence and the three-way match (issue 18).
inline constexpr auto kInvoiceArithmetic = "invoice.arithmetic";
inline constexpr auto kInvoiceMismatch = "invoice.mismatch";
inline constexpr auto kInvoiceNotBilled = "invoice.not-billed";
inline constexpr auto kInvoiceNotDelivered = "invoice.not-delivered";
inline constexpr auto kInvoiceCommitment = "invoice.commitment-shortfall";
inline constexpr auto kInvoiceSlaCredit = "invoice.sla-credit";
inline constexpr auto kInvoiceDuplicate = "invoice.duplicate";
} // namespace rules

struct ThresholdInfo {
    QString key;
    double defaultValue = 0;
    double minimum = 0;
    double maximum = 0;
    QString meaning;
};

struct RuleInfo {
    QString id;
    QString title; // "Billing reconciliation"
    Severity defaultSeverity = Severity::Medium;
    QString method; // one paragraph: what is compared with what (printed in the report's methodology)
    QList<ThresholdInfo> thresholds;
};

// The catalogue is English (policies, the JSON and the tests read it); its texts are marked with
// QT_TRANSLATE_NOOP("capaudit::RuleCatalog", …) (title, method) and ("capaudit::PolicyText", …) (threshold meanings),
// so the report and the GUI say them in the installed translation with these.
const QList<RuleInfo>& ruleCatalog(); // in report order
const RuleInfo* findRule(const QString& id);

QString localizedTitle(const RuleInfo& rule);
QString localizedMethod(const RuleInfo& rule);
QString localizedMeaning(const ThresholdInfo& threshold);

} // namespace capaudit::analytics
