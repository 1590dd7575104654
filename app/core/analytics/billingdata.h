// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the billing rules: the FOCUS rows and the measured allocation they are judged against, loaded once
// (billingload.cpp) and read by every billing rule (billingrules.cpp, billingmoney.cpp, billingoverlap.cpp).
#include "analytics/checkcontext.h"

#include <QHash>
#include <QMap>

#include <tuple>

namespace capaudit::analytics::detail {

// The part of PERIOD inside the checked period (PERIOD itself when the whole case is checked).
inline Period clipToChecked(const Period& period, const Period& checked)
{
    if (checked.end <= checked.start)
        return period;
    return { qMax(period.start, checked.start), qMin(period.end, checked.end) };
}

struct SeriesKey {
    qint64 provider = 0, resource = 0, tenant = 0;
    friend bool operator==(const SeriesKey&, const SeriesKey&) = default;
    friend size_t qHash(const SeriesKey& k, size_t seed = 0)
    {
        return qHashMulti(seed, k.provider, k.resource, k.tenant);
    }
};

// One FOCUS row inside (or cut by) the checked period. Quantities and costs are as billed, before SHARE.
struct BillingRow {
    qint64 bundleId = 0, line = 0;
    SeriesKey key; // resource / tenant 0 when the row names none
    QString provider, tenant, resourceClass; // names ("" when absent)
    Period period; // the full charge period
    // Fraction of the row inside the checked period (1 without --period): the measured allocation's share for Usage
    // rows, the share of seconds otherwise. Billed and measured are cut alike, so cutting invents nothing.
    double share = 1;
    QString category, chargeClass, currency, unit, invoiceId, resourceId;
    double cost = 0; // BilledCost
    double quantity = kMissing; // ConsumedQuantity
    bool quarantined = false; // non-conformant (or its invoice rejected): never reconciled, always listed
    // The contract in force at the start of the charge period (attestationAt); kMissing / empty without one.
    double attestedPrice = kMissing;
    QString contractCurrency;
    bool tenantAttested = true; // false: the attestation lists tenants and this is not one of them

    // Why the row cannot be reconciled with measured delivery; empty when it can.
    QString unreconciledReason() const;
    bool reconcilable() const
    {
        return unreconciledReason().isEmpty();
    }
    bool foreignCurrency() const
    {
        return !contractCurrency.isEmpty() && currency != contractCurrency;
    }
};

// Provider-metered allocation in unit-hours per series and hour bucket.
struct MeasuredAllocation {
    QHash<SeriesKey, QMap<qint64, double>> hours;
    // Unit-hours over exactly [period.start, period.end): buckets partly covered count pro rata (allocation is
    // assumed uniform within an hour, the rollups' resolution).
    double over(const SeriesKey& key, const Period& period) const;
};

struct BillingData {
    MeasuredAllocation measured;
    QList<BillingRow> rows; // in (bundle, seq) order
};

// The FOCUS amounts of one row that billing.consistency compares, kMissing where the row has no number.
struct FocusAmounts {
    double pricingQuantity = kMissing, contractedUnitPrice = kMissing, contractedCost = kMissing;
    double billedCost = kMissing, listCost = kMissing;
};

// A FOCUS row as stored, before the checked period, names and contract are applied.
struct StoredBillingRow {
    qint64 bundleId = 0, line = 0;
    SeriesKey key;
    Period period;
    QString category, unit, currency, invoiceId, chargeClass, resourceId;
    double cost = 0, quantity = kMissing;
    bool quarantineMarked = false; // the importer quarantined the row
    FocusAmounts amounts;
};

// Every stored FOCUS row in (bundle, seq) order, read through a connection of its own to CASEPATH (thread-safe).
Result<QList<StoredBillingRow>> readStoredBilling(const QString& casePath);

// billing.consistency: each row agrees with itself and with the attested price. Fed row by row while loading,
// reported at the end.
class ConsistencyCheck {
public:
    explicit ConsistencyCheck(CheckContext& context);
    void row(const BillingRow& row, const FocusAmounts& amounts);
    void report();

private:
    struct Problem {
        qint64 rows = 0, firstLine = 0, lastLine = 0;
        double amount = 0;
        QString example;
    };
    CheckContext& m_c;
    const double m_costTolerance;
    QMap<std::tuple<QString, QString, QString, qint64>, Problem> m_problems;
};

// Reads the hourly rollups of provider telemetry (integrated over each bundle's effective step) and every FOCUS row
// whose charge period meets the checked period; fills the billing facts and feeds CONSISTENCY the conformant rows.
Status loadBillingData(CheckContext& context, BillingData& data, ConsistencyCheck& consistency);

// Evidence for ROWS (bundle, payload file, first..last line), one reference per bundle.
QList<EvidenceRef> rowEvidence(const CheckContext& context, const QList<const BillingRow*>& rows, const QString& note);

void runReconciliation(CheckContext& context, const BillingData& data); // billing.reconciliation and its lines
void runMoneyRules(CheckContext& context, const BillingData& data); // unreconciled, price, currency, tenant
void runOverlapRule(CheckContext& context, const BillingData& data); // billing.overlap

} // namespace capaudit::analytics::detail
