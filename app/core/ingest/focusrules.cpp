// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/focusrules.h"

#include <QSet>

namespace capaudit::focus {
namespace {

const QSet<QString>& serviceCategories()
{
    static const QSet<QString> set = { QStringLiteral("AI and Machine Learning"), QStringLiteral("Analytics"),
        QStringLiteral("Business Applications"), QStringLiteral("Compute"), QStringLiteral("Databases"),
        QStringLiteral("Developer Tools"), QStringLiteral("Multicloud"), QStringLiteral("Identity"),
        QStringLiteral("Integration"), QStringLiteral("Internet of Things"),
        QStringLiteral("Management and Governance"), QStringLiteral("Media"), QStringLiteral("Migration"),
        QStringLiteral("Mobile"), QStringLiteral("Networking"), QStringLiteral("Security"), QStringLiteral("Storage"),
        QStringLiteral("Web"), QStringLiteral("Other") };
    return set;
}

} // namespace

void checkRow(const BillingRecord& r, const QString& version, const IssueFn& issue)
{
    static const QStringList categories = { QStringLiteral("Usage"), QStringLiteral("Purchase"), QStringLiteral("Tax"),
        QStringLiteral("Credit"), QStringLiteral("Adjustment") };
    // Empty values are null ones the parser already reported (not-null rules); they are not reported twice.
    if (!r.chargeCategory.isEmpty() && !categories.contains(r.chargeCategory))
        issue("ChargeCategory", QStringLiteral("ChargeCategory/allowed-values"),
            QStringLiteral("'%1' is not one of %2").arg(r.chargeCategory, categories.join(QStringLiteral(", "))), true);
    if (!r.chargeClass.isEmpty() && r.chargeClass != QLatin1String("Correction"))
        issue("ChargeClass", QStringLiteral("ChargeClass/allowed-values"),
            QStringLiteral("'%1' is not null or Correction").arg(r.chargeClass), true);
    if (!r.billingCurrency.isEmpty()
        && (r.billingCurrency.size() != 3 || r.billingCurrency.toUpper() != r.billingCurrency
            || !r.billingCurrency.front().isLetter()))
        issue("BillingCurrency", QStringLiteral("BillingCurrency/iso-4217"),
            QStringLiteral("'%1' is not an ISO 4217 code").arg(r.billingCurrency), true);
    if (!r.serviceCategory.isEmpty() && !serviceCategories().contains(r.serviceCategory))
        issue("ServiceCategory", QStringLiteral("ServiceCategory/allowed-values"),
            QStringLiteral("'%1' is not a FOCUS service category").arg(r.serviceCategory), true);
    if (r.billingPeriodStart && r.billingPeriodEnd && r.billingPeriodEnd <= r.billingPeriodStart)
        issue("BillingPeriodEnd", QStringLiteral("BillingPeriodEnd/after-start"),
            QStringLiteral("billing period ends before it starts"), true);
    if (r.chargePeriodStart && r.chargePeriodEnd && r.chargePeriodEnd < r.chargePeriodStart)
        issue("ChargePeriodEnd", QStringLiteral("ChargePeriodEnd/after-start"),
            QStringLiteral("charge period ends before it starts"), true);

    // Quantities: FOCUS 1.0 and 1.1 let them go negative only when a charge is taken back (1.0: "MAY be negative
    // if Correction"; CapAudit also accepts credits and adjustments, which take charges back the same way). FOCUS
    // 1.2 dropped the sign rule ("MUST be a valid decimal value"): a Purchase refund with a negative quantity is
    // legal 1.2 (Microsoft exports them).
    const bool v12 = version.isEmpty() || version == QLatin1String("1.2");
    const bool reversal = r.chargeClass == QLatin1String("Correction") || r.chargeCategory == QLatin1String("Credit")
        || r.chargeCategory == QLatin1String("Adjustment");
    for (const auto& [name, value] : { std::pair<const char*, double> { "PricingQuantity", r.pricingQuantity },
             { "ConsumedQuantity", r.consumedQuantity } }) {
        if (!v12 && !reversal && !isMissing(value) && value < 0)
            issue(name, QLatin1String(name) + QStringLiteral("/sign"),
                QStringLiteral("negative quantity %1 on a %2 charge that is not a correction, credit or adjustment "
                               "(FOCUS %3; 1.2 allows it)")
                    .arg(value)
                    .arg(r.chargeCategory, version),
                true);
    }
    // Unit prices MUST be non-negative in every version. Credit rows with a negative unit price are what real
    // exports contain (the AWS rows of the official FOCUS 1.0 sample): noted, not quarantined.
    const bool credit = r.chargeCategory == QLatin1String("Credit");
    for (const auto& [name, value] : { std::pair<const char*, double> { "ContractedUnitPrice", r.contractedUnitPrice },
             { "ListUnitPrice", r.listUnitPrice } }) {
        if (!isMissing(value) && value < 0)
            issue(name,
                QLatin1String(name)
                    + (credit ? QStringLiteral("/negative-on-credit") : QStringLiteral("/non-negative")),
                credit ? QStringLiteral("negative unit price %1 on a Credit row (FOCUS requires non-negative; "
                                        "tolerated on credits)")
                             .arg(value)
                       : QStringLiteral("negative unit price %1").arg(value),
                !credit);
    }
}

} // namespace capaudit::focus
