// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/casestore.h"

#include <QList>
#include <QMap>

namespace capaudit {

struct CapacityFigure {
    QString resourceClass;
    QString unit;
    double committed = 0; // sum of attested commitments
    double delivered = 0; // mean node capacity over the period covered
};

// Key figures for one provider, as shown on the Overview page.
struct ProviderSummary {
    QString provider; // empty: import attempts rejected before their provider could be trusted
    int verified = 0;
    int untrusted = 0;
    int rejected = 0; // import attempts refused by verification (from the trail)
    Period period;
    int nodes = 0;
    int tenants = 0;
    QList<CapacityFigure> capacity;
};

// Reads the figures from STORE. Runs on a worker thread with its own connection; can take a moment on big cases.
Result<QList<ProviderSummary>> computeProviderSummaries(CaseStore& store);

} // namespace capaudit
