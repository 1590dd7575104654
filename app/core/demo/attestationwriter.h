// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/demomodel.h"

#include <QByteArray>
#include <QJsonObject>

namespace capaudit::demo {

// The provider's signed claims (attestation predicate, docs/formats.md): contract and period, allowed
// jurisdictions, tenants, commitments per resource class and region, the attested node inventory (the unattested
// node is left out, the jurisdiction fault's node is listed with its real, disallowed jurisdiction), SLA and prices.
QJsonObject attestationPredicate(const DemoModel& model, int provider);

// A human-readable contract summary carried as the attestation bundle's data file.
QByteArray contractSummary(const DemoModel& model, int provider);

} // namespace capaudit::demo
