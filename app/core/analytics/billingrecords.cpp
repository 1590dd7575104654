// SPDX-License-Identifier: GPL-3.0-or-later
// The FOCUS rows as stored, read on a connection of their own so that the read overlaps the telemetry scan and the
// meter rule (CheckContext::billingPrefetch); the rules then work on them in memory (billingload.cpp).
#include "analytics/billingdata.h"
#include "store/sqlitedb.h"

namespace capaudit::analytics::detail {

// A FOCUS string or number of the stored record; NULL (empty, missing) when the field is absent or of another type.
#define FOCUS_TEXT(field)                                                                                              \
    "CASE WHEN json_type(record_json, '$." field "') = 'text' THEN json_extract(record_json, '$." field "') END"
#define FOCUS_NUMBER(field)                                                                                            \
    "CASE WHEN json_type(record_json, '$." field "') IN ('integer', 'real') THEN json_extract(record_json, '$." field  \
    "') END"

Result<QList<StoredBillingRow>> readStoredBilling(const QString& casePath)
{
    sql::Database db;
    if (Status s = db.open(casePath, sql::Database::Mode::OpenExisting); !s)
        return s.error();
    // The few fields of the stored FOCUS record the rules need are read by SQLite's JSON functions: parsing 60,000
    // whole records into QJsonObjects was a third of the check's time on a year of billing (docs/performance.md).
    // clang-format off
    sql::Statement* select = db.prepare(
        "SELECT bundle, line, provider, resource, tenant, charge_period_start, charge_period_end, charge_category, "
        "billed_cost, consumed_quantity, consumed_unit, currency, "
        FOCUS_TEXT("InvoiceId") ", " FOCUS_TEXT("ChargeClass") ", " FOCUS_TEXT("ResourceId") ", "
        "json_type(record_json, '$.quarantine') IS NOT NULL, "
        FOCUS_NUMBER("PricingQuantity") ", " FOCUS_NUMBER("ContractedUnitPrice") ", "
        FOCUS_NUMBER("ContractedCost") ", " FOCUS_NUMBER("BilledCost") ", " FOCUS_NUMBER("ListCost") " "
        "FROM billing_records ORDER BY bundle, seq");
    // clang-format on
    if (!select)
        return db.lastError();
    QList<StoredBillingRow> rows;
    while (select->next()) {
        StoredBillingRow r;
        auto number = [&](int column) { return select->isNull(column) ? kMissing : select->real(column); };
        r.bundleId = select->int64(0);
        r.line = select->int64(1);
        r.key = { select->int64(2), select->isNull(3) ? 0 : select->int64(3),
            select->isNull(4) ? 0 : select->int64(4) };
        r.period = { select->int64(5), select->int64(6) };
        r.category = select->text(7);
        r.cost = select->real(8);
        r.quantity = number(9);
        r.unit = select->text(10);
        r.currency = select->text(11);
        r.invoiceId = select->text(12);
        r.chargeClass = select->text(13);
        r.resourceId = select->text(14);
        r.quarantineMarked = select->int64(15) != 0;
        r.amounts = { number(16), number(17), number(18), number(19), number(20) };
        rows.append(std::move(r));
    }
    if (select->failed())
        return select->error();
    return rows;
}

#undef FOCUS_NUMBER
#undef FOCUS_TEXT

} // namespace capaudit::analytics::detail
