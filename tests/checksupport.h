// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the analytics suites (tst_analytics, tst_telemetrybounds, tst_billingmoney): the demo bank they judge,
// running `check` on a case file and picking findings out of the report.
#include "analytics/checkrunner.h"
#include "demo/democonfig.h"

#include <QJsonValue>

namespace capaudit::test {

// Runs every enabled rule of POLICY on the case at CASEPATH; aborts the test binary on an I/O error.
analytics::CheckReport check(const QString& casePath, const analytics::Policy& policy = analytics::defaultPolicy(),
    Period period = {}, int threads = 0, bool nodeHours = true);
QList<analytics::Finding> ofRule(const analytics::CheckReport& report, const QString& rule);
analytics::Policy policyFrom(const QByteArray& json); // aborts on an invalid policy
qint64 seconds(const QJsonValue& iso); // RFC 3339 text -> Unix seconds; -1 when unreadable
// The analytics suites' bank: seed 11, 3 providers of 8 nodes, 15-minute steps, DAYS days, FAULTS (a --faults list).
demo::DemoConfig bankConfig(const QString& faults, int days = 14);
QString dump(const QList<analytics::Finding>& findings); // canonical JSON, one finding per line (failure messages)

} // namespace capaudit::test
