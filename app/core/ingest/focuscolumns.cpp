// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/focuscsv.h"

#include <QSet>

namespace capaudit {

namespace {

// FOCUS v1.2 column set (docs/formats.md); 1.0 and 1.1 are subsets. Mandatory columns come first.
constexpr const char* kMandatory[] = {
    "BilledCost",
    "BillingAccountId",
    "BillingAccountName",
    "BillingCurrency",
    "BillingPeriodEnd",
    "BillingPeriodStart",
    "ChargeCategory",
    "ChargeClass",
    "ChargeDescription",
    "ChargePeriodEnd",
    "ChargePeriodStart",
    "ContractedCost",
    "EffectiveCost",
    "InvoiceIssuerName",
    "ListCost",
    "PricingQuantity",
    "PricingUnit",
    "ProviderName",
    "PublisherName",
    "ServiceCategory",
    "ServiceName",
};

constexpr const char* kOptional[] = {
    "BillingAccountType",
    "CapacityReservationId",
    "CapacityReservationStatus",
    "CommitmentDiscountCategory",
    "CommitmentDiscountId",
    "CommitmentDiscountName",
    "CommitmentDiscountQuantity",
    "CommitmentDiscountStatus",
    "CommitmentDiscountType",
    "CommitmentDiscountUnit",
    "ConsumedQuantity",
    "ConsumedUnit",
    "ContractedUnitPrice",
    "ListUnitPrice",
    "PricingCategory",
    "PricingCurrency",
    "PricingCurrencyContractedUnitPrice",
    "PricingCurrencyEffectiveCost",
    "PricingCurrencyListUnitPrice",
    "RegionId",
    "RegionName",
    "ResourceId",
    "ResourceName",
    "ResourceType",
    "SkuId",
    "SkuMeter",
    "SkuPriceDetails",
    "SkuPriceId",
    "SubAccountId",
    "SubAccountName",
    "SubAccountType",
    "Tags",
    // Recommended
    "AvailabilityZone",
    "ChargeFrequency",
    "InvoiceId",
    "ServiceSubcategory",
};

} // namespace

QStringList focusMandatoryColumns()
{
    QStringList out;
    for (const char* name : kMandatory)
        out.append(QString::fromLatin1(name));
    return out;
}

QString focusColumnVersion(const QString& column)
{
    // From each column's "Introduced (version)" in FOCUS v1.2 (docs/formats.md).
    static const QSet<QString> v11 = { QStringLiteral("CapacityReservationId"),
        QStringLiteral("CapacityReservationStatus"), QStringLiteral("CommitmentDiscountQuantity"),
        QStringLiteral("CommitmentDiscountUnit"), QStringLiteral("ServiceSubcategory"), QStringLiteral("SkuMeter"),
        QStringLiteral("SkuPriceDetails") };
    static const QSet<QString> v12 = { QStringLiteral("BillingAccountType"), QStringLiteral("SubAccountType"),
        QStringLiteral("InvoiceId"), QStringLiteral("PricingCurrency"),
        QStringLiteral("PricingCurrencyContractedUnitPrice"), QStringLiteral("PricingCurrencyEffectiveCost"),
        QStringLiteral("PricingCurrencyListUnitPrice") };
    if (v12.contains(column))
        return QStringLiteral("1.2");
    if (v11.contains(column))
        return QStringLiteral("1.1");
    return focusKnownColumns().contains(column) ? QStringLiteral("1.0") : QString();
}

QStringList focusKnownColumns()
{
    QStringList out = focusMandatoryColumns();
    for (const char* name : kOptional)
        out.append(QString::fromLatin1(name));
    return out;
}

} // namespace capaudit
