// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/timelinedata.h"

namespace capaudit {

Result<TimelineData> loadTimeline(CaseStore& store, const TimelineRequest& request)
{
    TimelineData data;
    data.request = request;
    SeriesQuery q;
    q.provider = request.provider;
    q.resourceClass = request.resourceClass;
    q.from = request.from;
    q.to = request.to;
    q.maxPoints = request.maxPoints;
    q.meter = request.meter;
    Result<TimeSeries> series = store.series(q);
    if (!series)
        return series.error();
    data.series = std::move(*series);
    // Hourly coverage has at most a few thousand buckets for the ranges where it is legible; beyond that, daily.
    data.coverageLevel = (request.to - request.from) > 60 * 86400 ? SeriesLevel::Daily : SeriesLevel::Hourly;
    Result<QList<CoverageBucket>> coverage =
        store.coverage(request.provider, request.from, request.to, data.coverageLevel);
    if (!coverage)
        return coverage.error();
    data.coverage = std::move(*coverage);
    return data;
}

} // namespace capaudit
