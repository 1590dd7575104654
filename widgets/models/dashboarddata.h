// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/casestore.h"

#include <QList>
#include <QVector>

namespace capaudit {

// What the day-by-day coverage strip shows for one provider, kind of evidence and day.
enum class CoverageState {
    Verified, // every expected step (telemetry) or the whole day (billing, attestation) by verified bundles
    Partial, // telemetry: some steps of the day by verified bundles, the rest by none
    Untrusted, // only by bundles whose signer is outside the trust store
    Rejected, // only by bundles refused on import (signature, digests, certificate)
    Unreadable, // only by bundles that verified but could not be parsed
    Missing, // by nothing
};

struct EvidenceDays {
    QString provider;
    BundleKind kind = BundleKind::Unknown;
    QList<CoverageState> days; // aligned with DashboardData::firstDay
    // Days also claimed by a refused or unreadable attempt, even when other evidence covers them.
    QList<bool> attempted;
};

// Delivered capacity against the commitments in force, one small chart per provider and resource class.
struct ClassTrend {
    QString provider;
    QString resourceClass;
    QString unit;
    SeriesLevel level = SeriesLevel::Daily;
    QVector<double> times; // bucket starts, Unix seconds
    QVector<double> delivered; // mean node capacity of the bucket (NaN: no data)
    QVector<double> committed; // sum of the commitments in force
};

struct DashboardData {
    Period casePeriod; // what the case's telemetry covers, whatever the selection
    Period span; // the days shown: the selected period, or what the telemetry covers
    qint64 firstDay = 0; // UTC midnight of the first column
    int dayCount = 0;
    QList<EvidenceDays> coverage; // per provider: telemetry, billing, attestation
    QList<ClassTrend> trends;
};

// Reads the strip and the charts from the rollups and coverage tables (never raw samples: this has to stay fast on a
// 100 M-sample case). PERIOD {0, 0}: the whole case. Runs on a worker thread with its own connection.
Result<DashboardData> loadDashboard(CaseStore& store, const Period& period);

} // namespace capaudit
