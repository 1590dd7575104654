// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <cmath>
#include <limits>
#include <optional>

// Plain data emitted by the importers (ingest/) and stored by the case store (store/).
// Strings are interned by the parsers, so millions of samples share a handful of QString buffers.
namespace capaudit {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
inline bool isMissing(double v)
{
    return std::isnan(v);
}

enum class NodeState : quint8 { Unknown = 0, Up = 1, Down = 2, Maintenance = 3 };
QString nodeStateName(NodeState state); // "unknown", "up", "down", "maintenance"
std::optional<NodeState> nodeStateFromName(QStringView name);

// One measurement at one time step for one node and resource class, optionally one tenant.
// Rows with an empty tenant carry node-level facts (capacity, state); tenant rows carry allocation and use.
struct UsageSample {
    qint64 time = 0; // Unix seconds, UTC, start of the step
    QString node;
    QString resourceClass; // "cpu" (cores), "gpu" (devices), "memory" (GiB), "storage" (TiB)
    QString tenant; // empty for node-level rows
    double allocated = kMissing;
    double used = kMissing;
    double capacity = kMissing;
    NodeState state = NodeState::Unknown;
    qint64 line = 0; // source line (or data point index) for evidence references
};

// One FOCUS cost-and-usage row, normalised.
struct BillingRecord {
    qint64 line = 0;
    QString billingAccountId;
    QString billingCurrency;
    qint64 billingPeriodStart = 0, billingPeriodEnd = 0;
    qint64 chargePeriodStart = 0, chargePeriodEnd = 0;
    QString chargeCategory; // Usage | Purchase | Tax | Credit | Adjustment
    QString chargeClass; // "" or "Correction"
    QString chargeDescription;
    double billedCost = 0, effectiveCost = 0, listCost = 0, contractedCost = 0;
    double pricingQuantity = kMissing, consumedQuantity = kMissing;
    double contractedUnitPrice = kMissing, listUnitPrice = kMissing;
    QString pricingUnit, consumedUnit;
    QString providerName, publisherName, invoiceIssuerName, invoiceId;
    QString serviceCategory, serviceName;
    QString resourceId, resourceName, resourceType;
    QString regionId, skuId, subAccountId, subAccountName;
    // Derived for reconciliation: x_ResourceClass, else Tags["capaudit/resource-class"];
    // x_Tenant, else Tags["capaudit/tenant"], else SubAccountId.
    QString resourceClass;
    QString tenant;
    QJsonObject tags;
    QMap<QString, QString> extensions; // x_ columns, verbatim (null values left out)
    QMap<QString, QString> otherColumns; // further FOCUS columns present in the file (RegionName, ...), non-null only
    // Data-quality rules the row violates (ingest/dataquality.h): quarantined rows are stored but kept out of
    // reconciliation; noted ones are tolerated deviations.
    QStringList quarantine;
    QStringList notes;
};

struct Period {
    qint64 start = 0; // inclusive, Unix seconds
    qint64 end = 0; // exclusive
};

struct AttestedNode {
    QString id;
    QString hardwareClass; // "cpu-epyc-9654", "gpu-h100-sxm", "storage-nvme"
    QString region;
    QString jurisdiction; // ISO 3166-1 alpha-2
    QMap<QString, double> capacity; // resource class -> quantity
};

struct Commitment {
    QString resourceClass;
    QString region;
    QString unit;
    double quantity = 0; // committed capacity available to the buyer
    double overcommitLimit = 1.0; // allowed allocated / capacity
    Period period;
};

struct UnitPrice {
    QString resourceClass;
    QString unit; // "core-hour", "GPU-hour", "GiB-hour"
    double price = 0;
    QString currency;
};

struct SlaTerms {
    double availabilityTarget = 0; // 0.995
    qint64 measurementWindowSeconds = 0;
    double creditPercent = 0;
};

struct Tenant {
    QString id;
    QString name;
};

// The provider's signed allocation claims (attestation predicate).
struct AttestationClaims {
    QString provider;
    qint64 signedAt = 0; // the signer's claimed signing time, Unix seconds; 0 when absent
    QString contractId;
    QString buyer;
    QString currency;
    Period period;
    QList<QString> allowedJurisdictions;
    QList<Tenant> tenants;
    QList<Commitment> commitments;
    QList<AttestedNode> nodes;
    SlaTerms sla;
    QList<UnitPrice> prices;
};

// Telemetry predicate: what the data files of a telemetry bundle are (see docs/formats.md).
enum class MeterKind : quint8 { Provider, Independent };

struct TelemetryPayload {
    QString path; // "data/usage.csv", relative to the bundle root
    QString format; // "capaudit-usage-csv/v1" | "openmetrics-text" | "prometheus-text" | "otlp-json" |
                    // "prometheus-query-range-json"
    QString profile; // metric formats: "kube-state-metrics" | "dcgm-exporter" | "node-exporter" | empty
    QString mapping; // metric formats: bundle path of a user mapping file, or empty
    // Text formats: the time (Unix seconds) of samples that carry no timestamp, i.e. when the provider's collector
    // scraped /metrics. Signed with the statement; a timestamp in the file wins over it.
    std::optional<qint64> scrapeTime {};
    QString defaultNode {}; // metric formats: node for series without any of the mapping's node labels
    // prometheus-query-range-json: the PromQL expression and the step (ms; 0 for an instant /query) that produced it.
    QString query {};
    qint64 stepMillis = 0;
};

struct TelemetryPredicate {
    QString provider;
    qint64 signedAt = 0; // the signer's claimed signing time, Unix seconds; 0 when absent
    MeterKind meter = MeterKind::Provider; // "provider" when absent

    Period period;
    qint64 resolutionSeconds = 0; // 0 when not stated
    QList<TelemetryPayload> payloads;
};

struct BillingPayload {
    QString path; // "data/focus.csv"
    QString format; // "focus-csv"
    QString focusVersion; // "1.0" | "1.1" | "1.2", empty when not stated
};

struct BillingPredicate {
    QString provider;
    qint64 signedAt = 0; // 0 when absent
    QString invoiceId;
    qint64 invoiceIssuedAt = 0; // Unix seconds
    Period period;
    QString currency; // ISO 4217, empty when not stated
    QList<BillingPayload> payloads;
};

// Invoice predicate (docs/formats.md, "Invoice"): an EN 16931 e-invoice as UBL 2.1 or UN/CEFACT CII XML, and
// optionally its PDF rendition, which is stored as evidence but never parsed.
struct InvoicePayload {
    QString path; // "data/invoice.xml"
    QString format; // "ubl-2.1" | "cii-d16b" | "pdf"
    bool isXml() const
    {
        return format != QLatin1String("pdf");
    }
};

struct InvoicePredicate {
    QString provider;
    qint64 signedAt = 0; // 0 when absent
    Period period; // the invoice period the provider signs for
    QList<InvoicePayload> payloads;
};

} // namespace capaudit
