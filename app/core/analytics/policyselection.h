// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/policy.h"

namespace capaudit {
class CaseStore;
}

namespace capaudit::analytics {

// The policy a run applies: FILE when given (then stored in the case as its policy, with a trail entry when it
// differs from the one in force), else the case's stored policy, else the built-in default (stored on first use).
// A read-only case still runs; the policy is then only not recorded.
Result<Policy> selectPolicy(CaseStore& store, const QString& file);

} // namespace capaudit::analytics
