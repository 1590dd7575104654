// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/checkcontext.h"

#include <set>
#include <utility>

namespace capaudit::analytics::detail {

// What one provider's verified independent-meter telemetry covers: (node id, resource class id) pairs the meter
// reported at least once in the checked period.
struct MeterCoverage {
    std::set<std::pair<qint64, qint64>> covered;
};

// What the meter comparison found: coverage per provider name (for evidence.assurance) and its findings, not yet
// added to the report (CheckContext::add is for the thread that owns the report).
struct MeterOutcome {
    QHash<QString, MeterCoverage> coverage;
    QList<Finding> findings;
};

// telemetry.meter-agreement: every scrape of every independent meter against the provider's telemetry for the same
// node and class (docs/analytics.md). Reads the samples through DB, which may be a connection of its own: it only
// reads what the context holds after the scan (bundles, steps, names, attestations), so it can run beside the rules
// that follow the scan.
Result<MeterOutcome> runMeterRules(const CheckContext& context, sql::Database& db);

// evidence.assurance for metered providers: the meter raises assurance only for what it covers, so a provider whose
// meter covers part of its nodes and classes gets a finding naming what rests on its own word alone.
void reportPartialMeterCoverage(CheckContext& context, const QHash<QString, MeterCoverage>& coverage);

} // namespace capaudit::analytics::detail
