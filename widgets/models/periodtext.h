// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/records.h"

#include <QString>

namespace capaudit {

// "2026-09-01 – 2026-10-01 (30 days)" in the overview, the provider cards and the recent-cases list; "no telemetry"
// for an empty period.
QString periodText(const Period& period);

} // namespace capaudit
