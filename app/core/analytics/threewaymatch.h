// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the three-way match: the legs (threewaymatch.cpp) and the rules over them (threewayrules.cpp).
#include "analytics/invoicedata.h"

namespace capaudit::analytics::detail {

// The invoices of one provider that claim for the same period (an invoice and its credit notes, or two invoices of
// the same month), that period cut to the contract in force at its start and to the checked period.
struct ThreeWayGroup {
    QString provider;
    Period period;
    const ProviderAttestation* attestation = nullptr;
    QList<const InvoiceDocument*> invoices; // in InvoiceData order
    QList<const ClaimedLine*> lines;
};

QList<ThreeWayGroup> groupInvoices(const CheckContext& context, const InvoiceData& data); // by provider, period
// The share of L's claimed period inside P (1 for a line without a period of its own).
double claimedShare(const ClaimedLine& l, const Period& p);

// Each leg over exactly a period, in unit-hours (money in the contract currency).
class ThreeWayLegs {
public:
    ThreeWayLegs(CheckContext& context, const BillingData& billing);
    // Attested commitment of CLS x the hours it is in force inside P.
    double committed(const ProviderAttestation& a, const QString& cls, const Period& p) const;
    // Capacity of the provider's attested nodes reported up (capped at attested capacity), all regions.
    double delivered(const QString& provider, const QString& cls, const Period& p) const;
    // Provider-metered allocation to tenants (hourly rollups x effective step, hours cut pro rata).
    double allocated(const QString& provider, const QString& cls, const Period& p) const;
    // Committed capacity no tenant was allocated, hour by hour: Σ max(0, committed - allocated) over the hours of P
    // (a busy afternoon does not make up for an idle night: the buyer paid for both).
    double idle(const ProviderAttestation& a, const QString& cls, const Period& p) const;
    // FOCUS Usage rows in the contract currency, pro rata by seconds inside P; returns the rows for evidence.
    QList<const BillingRow*> billed(
        const QString& provider, const QString& cls, const Period& p, double& quantity, double& amount) const;

private:
    QList<SeriesKey> series(const QString& provider, const QString& cls) const; // in tenant-name order

    CheckContext& m_c;
    const BillingData& m_billing;
    QHash<QString, qint64> m_resourceIds, m_providerIds;
};

} // namespace capaudit::analytics::detail
