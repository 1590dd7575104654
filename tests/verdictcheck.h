// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading verdicts in tests: the check with an id, and a verdict spelled out for failure messages. Header-only, so it
// is compiled only into the suites that link the evidence library.

#include "evidence/verdict.h"

namespace capaudit::test {

inline const Check* findCheck(const Verdict& v, const char* id)
{
    for (const Check& c : v.checks)
        if (c.id == QLatin1String(id))
            return &c;
    return nullptr;
}

// "rejected: …" followed by one line per check: status, id, reason and hint.
inline QString describe(const Verdict& v)
{
    QString s = v.summary();
    for (const Check& c : v.checks)
        s += QStringLiteral("\n  %1 %2 %3 %4").arg(checkStatusName(c.status), c.id, c.reason, c.hint);
    return s;
}

} // namespace capaudit::test
