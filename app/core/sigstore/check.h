// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace capaudit::sigstore {

// One named step of a Sigstore verification, in the spirit of capaudit::Check (evidence/verdict.h) but without
// depending on the evidence layer, which sits above this library.
enum class SigstoreCheckStatus { Pass, Fail, Skipped };

struct SigstoreCheck {
    QString id; // e.g. "tlog.inclusion", "tlog[0].checkpoint"; see the ids in verifier.h
    SigstoreCheckStatus status = SigstoreCheckStatus::Skipped;
    QString reason; // what was found, naming the value that failed

    bool passed() const
    {
        return status == SigstoreCheckStatus::Pass;
    }
    bool failed() const
    {
        return status == SigstoreCheckStatus::Fail;
    }
};

QString sigstoreCheckStatusName(SigstoreCheckStatus status); // "pass", "fail", "skipped"

// Helpers that keep check lists terse at the call sites.
inline SigstoreCheck passCheck(const QString& id, const QString& reason = {})
{
    return { id, SigstoreCheckStatus::Pass, reason };
}
inline SigstoreCheck failCheck(const QString& id, const QString& reason)
{
    return { id, SigstoreCheckStatus::Fail, reason };
}
inline SigstoreCheck skipCheck(const QString& id, const QString& reason)
{
    return { id, SigstoreCheckStatus::Skipped, reason };
}

bool anyFailed(const QList<SigstoreCheck>& checks);

} // namespace capaudit::sigstore
