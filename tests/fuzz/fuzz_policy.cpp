// SPDX-License-Identifier: GPL-3.0-or-later
// Policy JSON (`check --policy`). Property: a policy that parses names every catalog rule (parsePolicy fills in
// defaults), so no rule can silently drop out of a check run because of a hostile policy file.
#include "analytics/policy.h"
#include "analytics/rulecatalog.h"
#include "fuzzsupport.h"

using namespace capaudit;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const Result<analytics::Policy> policy =
        analytics::parsePolicy(fuzz::bytes(data, size), QStringLiteral("policy.json"));
    if (!policy.ok())
        return 0;
    for (const analytics::RuleInfo& rule : analytics::ruleCatalog())
        if (!policy->rules.contains(rule.id))
            fuzz::fail("a parsed policy lacks a catalog rule", rule.id);
    return 0;
}
