// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/rulecatalog.h"

#include <QCoreApplication>

namespace capaudit::analytics {

void appendInvoiceRules(QList<RuleInfo>& list); // invoicerulecatalog.cpp

const QList<RuleInfo>& ruleCatalog()
{
    static const QList<RuleInfo> catalog = [] {
        QList<RuleInfo> list;
        list.append({ QLatin1String(rules::kEvidenceIntegrity),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Evidence integrity")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Every import attempt recorded in the audit trail is examined: a bundle the verifier "
                "rejected (bad signature, digest mismatch, expired or revoked signer) is a finding at the "
                "rule's severity; a bundle imported as untrusted (signer outside the trust store) is a "
                "finding one level lower when untrustedIsFinding is 1.")),
            { { QStringLiteral("untrustedIsFinding"), 1, 0, 1,
                QStringLiteral(QT_TRANSLATE_NOOP(
                    "capaudit::PolicyText", "1: untrusted bundles are findings; 0: only rejected ones")) } } });
        list.append({ QLatin1String(rules::kEvidenceAssurance),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Evidence assurance level")), Severity::Low,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "A provider whose telemetry is signed only by the provider itself is measured by the "
                "party that bills: reported once per provider when no independent meter's verified "
                "telemetry covers any of its nodes, and once when the meter covers only some of the "
                "node classes the provider reports (naming the rest).")),
            {} });
        list.append({ QLatin1String(rules::kEvidenceLogConsistency),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Transparency-log consistency")),
            Severity::Critical,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Every transparency-log checkpoint a verified bundle carried is kept per log origin, with "
                "the RFC 9162 consistency proofs bundles carried. The distinct checkpoints of a log are "
                "ordered by tree size and root (never by import order): two different roots at one size "
                "are a split view; each checkpoint and the next larger one must be linked by verified "
                "consistency proofs (directly, or both reaching a common later checkpoint), else the log "
                "grew without proof. Each break is one finding naming both checkpoints (origin, size, root) "
                "and the bundles that carried them.")),
            {} });
        list.append({ QLatin1String(rules::kTelemetryCoverage),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Telemetry coverage")), Severity::Medium,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Per node of the provider's own telemetry, the sample times are merged across bundles "
                "and payloads; every interval between two consecutive samples longer than the bundle's "
                "measurement interval is a gap of (interval / step - 1) missing steps. Gaps of at least "
                "minMissingSteps are reported with the samples on either side as evidence.")),
            { { QStringLiteral("minMissingSteps"), 1, 1, 1e6,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::PolicyText", "smallest gap reported, in steps")) } } });
        list.append({ QLatin1String(rules::kCapacityDelivered),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Committed capacity delivered")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Per provider, resource class, region and telemetry step: delivered capacity is the sum "
                "of the reported capacity of nodes attested in that region that are up. Steps where it "
                "falls below minDeliveredRatio x the commitment in force are joined into runs; runs of "
                "at least minDurationHours are reported with the lowest delivered value.")),
            { { QStringLiteral("minDeliveredRatio"), 1.0, 0, 10,
                  QStringLiteral(QT_TRANSLATE_NOOP("capaudit::PolicyText", "delivered / committed required")) },
                { QStringLiteral("minDurationHours"), 1, 0, 1e6,
                    QStringLiteral(QT_TRANSLATE_NOOP("capaudit::PolicyText", "shortest run reported")) } } });
        list.append({ QLatin1String(rules::kCapacityOvercommit),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Over-commitment")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Per node, resource class and step: the sum of the tenants' allocations divided by the "
                "node's reported capacity, compared with the contract's over-commitment limit for that "
                "class and region (or limitOverride when non-zero). Consecutive steps above the limit "
                "form one finding with the peak ratio.")),
            { { QStringLiteral("limitOverride"), 0, 0, 100,
                QStringLiteral(QT_TRANSLATE_NOOP(
                    "capaudit::PolicyText", "allocated / capacity allowed; 0: the contract's limit")) } } });
        list.append({ QLatin1String(rules::kSlaAvailability),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "SLA availability")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Every step of every attested node over the contract period (within the checked period, up "
                "to the end of the provider's evidence: the latest declared period end or sample of any of "
                "its bundles) is accounted for on the telemetry's effective step: a step is available only "
                "when reported up with a capacity above 0; missing, unknown or empty, down, capacity 0 and "
                "maintenance beyond maintenanceAllowanceHours per node and window count as unavailable. "
                "Availability is judged per SLA measurement window from the contract start: node-weighted "
                "(available / expected steps over all nodes) and capacity-weighted (per class, weighted by "
                "attested capacity; the lowest class counts). capacityWeighted chooses which one decides. "
                "Below the attested target (or targetOverride): one finding per provider and window at the "
                "rule's severity and one per node and window one level lower.")),
            { { QStringLiteral("targetOverride"), 0, 0, 1,
                  QStringLiteral(
                      QT_TRANSLATE_NOOP("capaudit::PolicyText", "availability required; 0: the attested SLA target")) },
                { QStringLiteral("maintenanceAllowanceHours"), 0, 0, 1e6,
                    QStringLiteral(QT_TRANSLATE_NOOP(
                        "capaudit::PolicyText", "maintenance per node and window that still counts as available")) },
                { QStringLiteral("capacityWeighted"), 1, 0, 1,
                    QStringLiteral(QT_TRANSLATE_NOOP(
                        "capaudit::PolicyText", "1: capacity-weighted availability decides; 0: node-weighted")) } } });
        list.append({ QLatin1String(rules::kBillingReconciliation),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Billing reconciliation")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "FOCUS Usage rows are summed per provider, tenant, resource class and charge period (over "
                "all invoices; overlapping periods together, over their union) and compared with the "
                "provider-metered allocation over exactly the seconds "
                "of that period: allocated x the step the samples bear out / 3600 unit-hours from the "
                "hourly rollups, an hour cut by the period counted pro rata (allocation assumed uniform "
                "within the hour). A period differs when |billed - measured| exceeds both "
                "absoluteTolerance unit-hours and relativeTolerance x measured; consecutive differing "
                "periods form one finding. What the periods that pass leave over is summed per invoice, "
                "tenant and class and judged against invoiceAbsoluteTolerance and "
                "invoiceRelativeTolerance, so a steady small over-billing accumulates into a finding; what that leaves "
                "is judged the same way over all invoices of the checked period (daily invoices reset "
                "nothing). "
                "Amounts price the difference at the attested unit price (the billed one when none is "
                "attested) and are reported when at least minAmount. A charge period cut by --period is "
                "pro-rated on both sides alike: billed x the share of its measured allocation inside the "
                "period (its share of seconds when nothing was measured) against the measured allocation "
                "inside.")),
            { { QStringLiteral("relativeTolerance"), 0.01, 0, 1,
                  QStringLiteral(QT_TRANSLATE_NOOP("capaudit::PolicyText", "relative difference tolerated")) },
                { QStringLiteral("absoluteTolerance"), 0.5, 0, 1e9,
                    QStringLiteral(QT_TRANSLATE_NOOP(
                        "capaudit::PolicyText", "difference tolerated per charge period, unit-hours")) },
                { QStringLiteral("minAmount"), 1.0, 0, 1e12,
                    QStringLiteral(
                        QT_TRANSLATE_NOOP("capaudit::PolicyText", "smallest amount reported, billing currency")) },
                { QStringLiteral("invoiceRelativeTolerance"), 0.002, 0, 1,
                    QStringLiteral(QT_TRANSLATE_NOOP("capaudit::PolicyText",
                        "relative difference tolerated on an invoice's total per tenant and class")) },
                { QStringLiteral("invoiceAbsoluteTolerance"), 1.0, 0, 1e9,
                    QStringLiteral(QT_TRANSLATE_NOOP("capaudit::PolicyText",
                        "difference tolerated on an invoice's total per tenant and class, unit-hours")) } } });
        list.append({ QLatin1String(rules::kBillingUnreconciled),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Unreconciled charges")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Every FOCUS row is either reconciled with measured delivery or listed here: rows of "
                "category Adjustment, Purchase, Tax or Credit, rows of class Correction, Usage rows "
                "without tenant, resource class or ConsumedQuantity, Usage of a class without an "
                "attested price, and quarantined rows. One finding per provider, invoice and reason with "
                "the summed BilledCost, when its magnitude is at least minAmount; a net credit (negative "
                "amount, in the buyer's favour) is reported two levels lower.")),
            { { QStringLiteral("minAmount"), 1.0, 0, 1e12,
                QStringLiteral(
                    QT_TRANSLATE_NOOP("capaudit::PolicyText", "smallest amount reported, billing currency")) } } });
        list.append({ QLatin1String(rules::kBillingPrice),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Billed cost against the contract price")),
            Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Per FOCUS Usage row: BilledCost against ConsumedQuantity x the unit price of the "
                "attestation in force at the start of the charge period. The differences are summed per "
                "provider, invoice, tenant and class; a sum above both minAmount and relativeTolerance x "
                "the expected cost is a finding (negative: under-billed, two levels lower).")),
            { { QStringLiteral("relativeTolerance"), 0.001, 0, 1,
                  QStringLiteral(QT_TRANSLATE_NOOP(
                      "capaudit::PolicyText", "relative difference tolerated on the expected cost")) },
                { QStringLiteral("minAmount"), 1.0, 0, 1e12,
                    QStringLiteral(
                        QT_TRANSLATE_NOOP("capaudit::PolicyText", "smallest amount reported, billing currency")) } } });
        list.append({ QLatin1String(rules::kBillingCurrency),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Billing currency")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Every FOCUS row's BillingCurrency must be the currency of the attestation in force at the "
                "start of its charge period; rows in another currency cannot be reconciled in money and "
                "are reported per provider, invoice and currency with their summed BilledCost.")),
            {} });
        list.append({ QLatin1String(rules::kBillingTenant),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Billed tenants")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Every tenant a FOCUS row charges must be in the tenant list of the attestation in force "
                "at the start of its charge period (when the attestation lists tenants); rows for other "
                "tenants are reported per provider, invoice and tenant with their summed BilledCost.")),
            {} });
        list.append({ QLatin1String(rules::kBillingOverlap),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Overlapping charge periods")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Usage rows for the same provider, tenant, resource class and ResourceId (over all "
                "invoices) are compared in time: the part of a row's charge period an earlier row already "
                "covers is billed twice (rows without ResourceId: only when the periods differ). The "
                "overlapped share of its BilledCost (overlapped seconds / its seconds) is the amount; one "
                "finding per provider, tenant and class when at least minAmount. Overlaps across "
                "resources show in billing.reconciliation, which judges overlapping periods together.")),
            { { QStringLiteral("minAmount"), 1.0, 0, 1e12,
                QStringLiteral(
                    QT_TRANSLATE_NOOP("capaudit::PolicyText", "smallest amount reported, billing currency")) } } });
        list.append({ QLatin1String(rules::kBillingConsistency),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Billing internal consistency")),
            Severity::Medium,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Each FOCUS row must agree with itself and the contract: PricingQuantity x "
                "ContractedUnitPrice = ContractedCost, ContractedUnitPrice = the attested unit price, and "
                "BilledCost not above ListCost; differences above costTolerance (currency units) are "
                "reported per invoice with the rows involved.")),
            { { QStringLiteral("costTolerance"), 0.01, 0, 1e9,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::PolicyText", "currency units")) } } });
        list.append({ QLatin1String(rules::kBillingDataQuality),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Billing data quality")), Severity::Medium,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "FOCUS rows that break a rule of the declared FOCUS version (a null mandatory value, a "
                "malformed decimal or date, a value outside the allowed set, a sign the version forbids) "
                "are stored flagged and kept out of reconciliation and the consistency checks; one finding "
                "per billing payload and violated rule gives the row count and line range. Tolerated "
                "deviations (a null ContractedCost, a negative unit price on a credit, a non-x_ custom "
                "column) are reported one level lower. With the policy's billing.nonConformantRows set to "
                "reject, an invoice with any quarantined row is kept out as a whole and its findings rise "
                "one level.")),
            {} });
        list.append({ QLatin1String(rules::kAttestationCoverage),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Attestation coverage")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Every node seen in a provider's telemetry must be in the attested inventory of the "
                "attestation version in force at each time it is seen; a node that is not is reported with "
                "the first and last such time. The attestation in force at the end of the telemetry must "
                "also be fresh: signed no more than maxAttestationAgeDays before the telemetry ends, and the "
                "provider must have one at all.")),
            { { QStringLiteral("maxAttestationAgeDays"), 45, 1, 36500,
                QStringLiteral(QT_TRANSLATE_NOOP(
                    "capaudit::PolicyText", "attestation age allowed at the end of the telemetry")) } } });
        list.append({ QLatin1String(rules::kAttestationVersions),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Attestation versions")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Every version of a provider's attestation is kept, keyed by its contract period and the "
                "signing time the verifier established from its signature (never a time the statement "
                "gives itself, never import order). Each time is governed by the latest version signed by "
                "then whose period contains it. A version signed after the whole period it governs is a "
                "finding (one level lower when it restates no earlier version); a version that restates an "
                "earlier overlapping one with weaker or moved terms (lower SLA target, lower or dropped "
                "commitment, higher over-commitment limit, changed allowed jurisdictions, contract id, "
                "currency, prices or node capacities, a node moved to another region or jurisdiction or "
                "no longer listed, a shortened period) is a finding naming both bundles and every change.")),
            {} });
        list.append({ QLatin1String(rules::kSovereignty),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Data sovereignty")), Severity::Critical,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Every attested node's jurisdiction, in every attestation version covering the period, "
                "must be in the allowed list of every version in force over the same time; a node outside "
                "it that holds tenant allocations is reported at the rule's severity, one without "
                "allocations one level lower. A later version that moves the node does not erase it.")),
            {} });
        list.append({ QLatin1String(rules::kTimeSanity),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Time sanity")), Severity::Medium,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Samples outside their bundle's declared period or the attested contract period, and samples "
                "time-stamped after their bundle was signed (more than futureToleranceMinutes).")),
            { { QStringLiteral("futureToleranceMinutes"), 5, 0, 1e6,
                QStringLiteral(QT_TRANSLATE_NOOP(
                    "capaudit::PolicyText", "clock skew tolerated between a sample and the signing time")) } } });
        list.append({ QLatin1String(rules::kMeterAgreement),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Independent meter agreement")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "At every scrape of a verified independent meter, for each node and class the meter "
                "covers: the provider reporting the node up while the meter did not reach it (no row at a "
                "time the meter reported other nodes of the class) or saw it down or in maintenance, or "
                "the provider reporting more capacity, or more tenant allocation on the node, than the "
                "meter saw (beyond both tolerances). "
                "Consecutive disagreeing scrapes form one finding naming both bundles, with the unit-hours "
                "the provider claimed beyond the meter; runs shorter than minDurationHours are ignored.")),
            { { QStringLiteral("relativeTolerance"), 0.01, 0, 1,
                  QStringLiteral(QT_TRANSLATE_NOOP("capaudit::PolicyText",
                      "capacity or allocation difference tolerated, relative to the meter's")) },
                { QStringLiteral("absoluteTolerance"), 0, 0, 1e6,
                    QStringLiteral(QT_TRANSLATE_NOOP(
                        "capaudit::PolicyText", "capacity or allocation difference tolerated, in the class's unit")) },
                { QStringLiteral("minDurationHours"), 1, 0, 1e6,
                    QStringLiteral(QT_TRANSLATE_NOOP("capaudit::PolicyText", "shortest run reported")) } } });
        list.append({ QLatin1String(rules::kTelemetryStep),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Telemetry step")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "Per provider telemetry bundle, the effective step is the most frequent interval between "
                "consecutive node rows of one payload, node and class (from the node-hour aggregates). "
                "Every rule integrates over it, never over the declared resolutionSeconds; a bundle whose "
                "declared resolution differs is a finding with both values.")),
            {} });
        list.append({ QLatin1String(rules::kTelemetryDuplicates),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Double-counted telemetry")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "A (time, node, class, tenant) key with an allocation reported twice, within one payload "
                "or across payloads and bundles, is double counting: one finding per pair of sources, node "
                "and class with the rows on both sides and the quantity counted twice (allocated x step / "
                "3600). Only where node-hour aggregates show a repeated tenant or two sources of the same "
                "node and class in the same hours are raw samples read. Node rows of one node reported for the "
                "same steps by two bundles are double counting too (one finding per pair of bundles).")),
            {} });
        list.append({ QLatin1String(rules::kCapacityAttested),
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Capacity above attested")), Severity::High,
            QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
                "A node's reported capacity above its attested capacity for the class (attested inventory "
                "in force at that time) is capped at the attested capacity for delivered capacity, "
                "availability and over-commitment; each run of such steps is a finding with the highest "
                "reported and the attested capacity.")),
            {} });
        appendInvoiceRules(list);
        return list;
    }();
    return catalog;
}

const RuleInfo* findRule(const QString& id)
{
    for (const RuleInfo& rule : ruleCatalog())
        if (rule.id == id)
            return &rule;
    return nullptr;
}

namespace {
QString translated(const char* context, const QString& english)
{
    return QCoreApplication::translate(context, english.toUtf8().constData());
}
} // namespace

QString localizedTitle(const RuleInfo& rule)
{
    return translated("capaudit::RuleCatalog", rule.title);
}

QString localizedMethod(const RuleInfo& rule)
{
    return translated("capaudit::RuleCatalog", rule.method);
}

QString localizedMeaning(const ThresholdInfo& threshold)
{
    return translated("capaudit::PolicyText", threshold.meaning);
}

} // namespace capaudit::analytics
