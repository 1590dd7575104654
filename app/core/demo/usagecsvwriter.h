// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/demomodel.h"

#include <QByteArray>

namespace capaudit::demo {

// The provider's telemetry for steps [FIRST, END) in CapAudit's native usage CSV (capaudit-usage-csv/v1): per step
// and node one node row (capacity, state) and one row per hosted tenant (allocated, used). A node missing from the
// telemetry (gap, not yet installed) has no rows at all.
QByteArray usageCsv(const DemoModel& model, int provider, qint64 first, qint64 end);
// Only the tenant rows of NODE for steps [FIRST, END) (the tenant-only-bundle fault: allocations a second time).
QByteArray tenantRowsCsv(const DemoModel& model, int provider, int node, qint64 first, qint64 end);

} // namespace capaudit::demo
