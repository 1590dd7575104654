// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the FOCUS parser: the row rules that depend on the declared FOCUS version.
#include "model/records.h"

#include <functional>

namespace capaudit::focus {

// Called once per violated rule: COLUMN, rule id ("PricingQuantity/sign"), reason, and whether the row is
// quarantined (false: a deviation CapAudit tolerates and only notes).
using IssueFn = std::function<void(const char* column, const QString& rule, const QString& reason, bool quarantine)>;

// VERSION is "1.0", "1.1" or "1.2" ("" = 1.2). Checks value sets, periods, and the sign rules of the version.
void checkRow(const BillingRecord& record, const QString& version, const IssueFn& issue);

} // namespace capaudit::focus
