// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/democonfig.h"
#include "util/result.h"

#include <QStringList>

namespace capaudit::test {

// A small but real case for the GUI and model tests, built through the core APIs: the demo generator writes signed
// bundles and a trust store, a case is created with that trust store, and the bundles are imported.
struct DemoCase {
    QString demoDir; // generator output: trust/, bundles/, manifest.json
    QString casePath;
    QStringList imported; // bundle paths imported into the case (verified ones and rejected attempts)
    QStringList heldBack; // verified bundles left out, for import tests
    int verifiedInCase = 0;
};

// Builds the case in ROOT (an empty directory), leaving HOLDBACK verified telemetry bundles out of it.
Result<DemoCase> makeDemoCase(const QString& root, int holdBack = 0);
// The same from any demo configuration (the analytics tests need every fault at a realistic size).
Result<DemoCase> makeDemoCase(const QString& root, const demo::DemoConfig& config, int holdBack = 0);

} // namespace capaudit::test
