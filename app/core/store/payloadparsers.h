// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/sinks.h"
#include "model/records.h"
#include "util/result.h"

class QIODevice;

namespace capaudit {

class BundleSource;

// Picks the ingest parser for a payload's declared format. IN streams the payload's bytes; SOURCE gives access to
// a mapping file the payload names. Errors name the payload's bundle path, line and field.
Status parseTelemetryPayload(
    const TelemetryPayload& payload, QIODevice& in, const BundleSource& source, UsageSink& sink);
Status parseBillingPayload(const BillingPayload& payload, QIODevice& in, BillingSink& sink);

} // namespace capaudit
