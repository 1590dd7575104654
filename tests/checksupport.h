// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Running `check` over a case file and picking findings, for the suites that judge analytics against ground truth.
#include "analytics/checkrunner.h"

#include <QJsonValue>

namespace capaudit::test {

// runChecks over the case at CASEPATH; qFatal on I/O errors (a test cannot go on without a report).
analytics::CheckReport runCheck(
    const QString& casePath, const analytics::Policy& policy = analytics::defaultPolicy(), Period period = {});
QList<analytics::Finding> findingsOf(const analytics::CheckReport& report, const QString& rule);
// An ISO 8601 time from faults.json as Unix seconds; -1 when it is not one.
qint64 isoSeconds(const QJsonValue& iso);
// A policy from JSON text; qFatal when it does not parse.
analytics::Policy policyFromJson(const QByteArray& json);

} // namespace capaudit::test
