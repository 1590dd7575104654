// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/verificationrun.h"

namespace capaudit {

void VerificationRun::pass(const char* id, const QString& title, const QString& reason)
{
    m_verdict.checks.append({ QLatin1String(id), title, CheckStatus::Pass, reason, {} });
}

void VerificationRun::fail(
    const char* id, const QString& title, const QString& reason, const QString& hint, Severity severity)
{
    m_verdict.checks.append({ QLatin1String(id), title, CheckStatus::Fail, reason, hint });
    (severity == Severity::Rejects ? m_rejected : m_trustGap) = true;
}

void VerificationRun::skip(const char* id, const QString& title, const QString& reason)
{
    m_verdict.checks.append({ QLatin1String(id), title, CheckStatus::Skipped, reason, {} });
}

void VerificationRun::finish()
{
    m_verdict.verdict = m_rejected ? VerdictKind::Rejected
        : m_trustGap               ? VerdictKind::Untrusted
                                   : VerdictKind::Verified;
}

} // namespace capaudit
