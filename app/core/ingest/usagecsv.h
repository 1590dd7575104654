// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/rowerrorlog.h"
#include "ingest/sinks.h"

class QIODevice;

namespace capaudit {

inline constexpr auto kUsageCsvFormat = "capaudit-usage-csv/v1";

// CapAudit's native usage CSV (docs/formats.md, "capaudit-usage-csv/v1"):
//   time,node,resource_class,tenant,allocated,used,capacity,state
// Columns may come in any order; unknown, duplicate or missing columns are errors. No quoting: values are
// identifiers and numbers. The first bad row stops parsing with an Error naming file, line and column; with ROWERRORS
// (lint only) a bad row is logged there and parsing goes on with the next one.
Status parseUsageCsv(QIODevice& in, const QString& fileName, UsageSink& sink, RowErrorLog* rowErrors = nullptr);

} // namespace capaudit
