// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reportdata.h"

#include <QPainter>
#include <QRectF>
#include <QStringList>

#include <memory>

namespace capaudit::reports {

// Charts are drawn by QCustomPlot straight onto the report's painter (a QCPPainter, see PageWriter), so they stay
// vector graphics in the PDF. The plot is laid out in 96-dpi "pixels" and scaled into RECT; its fonts use pixel sizes
// so that text comes out at the same size whatever the device resolution.
void drawAllocationChart(QPainter* painter, const QRectF& rect, const AllocationChart& chart, const QStringList& fonts);
void drawForecastChart(QPainter* painter, const QRectF& rect, const ForecastChart& chart, const QStringList& fonts);

// The PageWriter's painter: a QCPPainter in vector mode. QPainter's destructor is not virtual, so it must be deleted as
// the QCPPainter it is (deleting it through QPainter* skips QCPPainter's destructor: undefined behaviour, found by
// AddressSanitizer as a new/delete size mismatch).
struct ReportPainterDeleter {
    void operator()(QPainter* painter) const;
};
using ReportPainter = std::unique_ptr<QPainter, ReportPainterDeleter>;
ReportPainter createReportPainter(QPaintDevice* device);

} // namespace capaudit::reports
