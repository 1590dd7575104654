// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reportdata.h"
#include "util/result.h"

#include <QIODevice>

#include <atomic>
#include <functional>

class QPagedPaintDevice;

namespace capaudit::reports {

// FRACTION in [0, 1] and what is being done; called from the rendering thread.
using ProgressFn = std::function<void(double fraction, const QString& message)>;

// The section title as printed (translated); the cover and contents have their own.
QString sectionTitle(Section section);

// Lays DATA out onto DEVICE (a QPdfWriter, or a QPrinter for a print preview) in two passes. The device's page size
// must be set; margins are the report's own. Returns the page count. Fails only when cancelled.
Result<int> renderReport(const ReportData& data, QPagedPaintDevice* device, const ProgressFn& progress = {},
    const std::atomic_bool* cancel = nullptr);

// A QPdfWriter on OUT with the paper, PDF/A mode, title and creator of OPTIONS, then renderReport().
Result<int> writeReportPdf(const ReportData& data, const ReportOptions& options, QIODevice* out,
    const ProgressFn& progress = {}, const std::atomic_bool* cancel = nullptr);

} // namespace capaudit::reports
