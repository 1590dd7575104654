// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/casestore.h"

namespace capaudit {

// What the timeline draws for one request: the level-of-detail series and the evidence coverage of the range.
struct TimelineRequest {
    QString provider;
    QString resourceClass;
    QString meter = QStringLiteral("provider");
    qint64 from = 0;
    qint64 to = 0;
    int maxPoints = 2000;
};

struct TimelineData {
    TimelineRequest request;
    TimeSeries series;
    SeriesLevel coverageLevel = SeriesLevel::Hourly;
    QList<CoverageBucket> coverage;
};

Result<TimelineData> loadTimeline(CaseStore& store, const TimelineRequest& request);

} // namespace capaudit
