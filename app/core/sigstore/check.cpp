// SPDX-License-Identifier: GPL-3.0-or-later
#include "sigstore/check.h"

#include <algorithm>

namespace capaudit::sigstore {

QString sigstoreCheckStatusName(SigstoreCheckStatus status)
{
    switch (status) {
    case SigstoreCheckStatus::Pass:
        return QStringLiteral("pass");
    case SigstoreCheckStatus::Fail:
        return QStringLiteral("fail");
    case SigstoreCheckStatus::Skipped:
        break;
    }
    return QStringLiteral("skipped");
}

bool anyFailed(const QList<SigstoreCheck>& checks)
{
    return std::any_of(checks.begin(), checks.end(), [](const SigstoreCheck& c) { return c.failed(); });
}

} // namespace capaudit::sigstore
