// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace capaudit::demo {

// The faults the simulated compute bank can inject. Each one is placed at a documented scope (docs/demo.md) and
// listed in DIR/faults.json with the rule that should find it.
enum class FaultKind {
    OverBilling, // FOCUS quantities above the measured allocation for one tenant/resource/week
    TelemetryGap, // one node missing from the telemetry for some hours
    UnattestedNode, // a node in the telemetry that the attestation does not list
    OverCommitment, // allocated above capacity x the contract's over-commitment limit
    SlaBreach, // nodes down long enough to miss the availability target
    CapacityShortfall, // delivered capacity below the commitment for a period
    Jurisdiction, // an attested node outside the allowed jurisdictions
    TamperedPayload, // a bundle whose data file was edited after signing
    ExpiredCertificate, // a bundle signed with a certificate that had expired at the signing time
    // Appended (values are stable): a provider re-issues its attestation after the period it governs...
    ReissuedRelocation, // ... moving a tenant-holding node from a forbidden jurisdiction to an allowed one
    ReissuedSlaTarget, // ... lowering the SLA availability target
    MeterDisagreement, // the provider reports a GPU node up for a day while the independent meter cannot reach it
    DeclaredStep, // a telemetry bundle declaring twice the step its samples show
    DuplicateTenantRows, // tenant rows written twice within one telemetry payload
    TenantOnlyBundle, // a second telemetry bundle holding only tenant rows that another bundle already reports
    CapacityAboveAttested, // a node reporting 1.5x its attested capacity, its reservations growing with it
    OutageAsMaintenance, // a node down for half a day, reported as in maintenance
    SilentNode, // a node that stops reporting for the last two days
    NeverReportingNode, // an attested node that never reports
    // Billing tricks of issue 13 (demo/billingfaults.h): each passes FOCUS-internal checks and reconciles per period.
    UnreconciledCharge, // an Adjustment row (no tenant, no quantity) that no measured delivery accounts for
    ListPriceBilling, // BilledCost at the list price while ContractedUnitPrice / ContractedCost stay honest
    OverlappingCharges, // a second Usage row for the afternoon of a day already billed for the same node and tenant
    SubToleranceOverbilling, // quantities +0.9 % every day: under the per-period tolerance, not on the invoice total
    ForeignCurrency, // some rows billed in CHF against a contract in EUR
    UnknownTenant, // Usage billed to a tenant the attestation does not list
    // Issue 18: the transparency log shows two of a provider's bundles two different trees of the same size.
    LogSplitView,
    // Invoice tricks of issue 18 (demo/invoicewriter.h): each EN 16931 invoice adds up; only the three-way match finds
    // it.
    DoubleInvoicedWeek, // one week of one resource class invoiced twice on the same invoice
    MissingSlaCredit, // the SLA breach provider's invoice leaves out the SLA credit it owes (needs sla-breach)
    InvoicedAboveDelivery, // one week of CPU hours invoiced 30 % above the allocation the telemetry measured
};

QList<FaultKind> allFaultKinds();
QString faultKindName(FaultKind kind); // "over-billing", "telemetry-gap", ...
std::optional<FaultKind> faultKindFromName(QStringView name);
// The compliance rule (issue 5, docs/demo.md) expected to report the fault.
QString faultRuleId(FaultKind kind);

// "none", "all" or a comma-separated list of fault names; the result is in allFaultKinds() order, without repeats.
Result<QList<FaultKind>> parseFaultList(QStringView text);

struct DemoConfig {
    quint64 seed = 1;
    int days = 30;
    qint64 stepSeconds = 300;
    int providers = 3;
    int nodesPerProvider = 0; // 0: 8..12 per provider, drawn from the seed
    QDateTime start = QDateTime(QDate(2026, 9, 1), QTime(0, 0), Qt::UTC);
    QList<FaultKind> faults = allFaultKinds();

    bool hasFault(FaultKind kind) const
    {
        return faults.contains(kind);
    }
    qint64 startSeconds() const
    {
        return start.toSecsSinceEpoch();
    }
    qint64 endSeconds() const
    {
        return startSeconds() + qint64(days) * 86400;
    }
    qint64 stepCount() const
    {
        return qint64(days) * 86400 / stepSeconds;
    }

    // Limits are checked here so the CLI and the library agree; the error names the offending option.
    Status validate() const;
};

// The configuration as written to manifest.json.
QJsonObject configurationJson(const DemoConfig& config);

inline constexpr int kMaxProviders = 8;
inline constexpr int kMinNodes = 3;
inline constexpr int kMaxNodes = 64;
inline constexpr int kMinDays = 7;
inline constexpr int kMaxDays = 366;

} // namespace capaudit::demo
