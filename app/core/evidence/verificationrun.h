// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/verdict.h"

namespace capaudit {

// Collects the checks of one verification and derives the verdict from them. A failure is either a rejection
// (the evidence is not intact or not validly signed) or only a trust gap (intact, but the signer or log is not an
// anchor of this trust store), which yields "untrusted" rather than "rejected".
class VerificationRun {
public:
    enum class Severity { Rejects, TrustGap };

    explicit VerificationRun(Verdict& verdict)
        : m_verdict(verdict)
    {
    }

    void pass(const char* id, const QString& title, const QString& reason);
    void fail(const char* id, const QString& title, const QString& reason, const QString& hint = {},
        Severity severity = Severity::Rejects);
    void skip(const char* id, const QString& title, const QString& reason);
    bool hasRejection() const
    {
        return m_rejected;
    }
    void finish(); // sets Verdict::verdict

private:
    Verdict& m_verdict;
    bool m_rejected = false;
    bool m_trustGap = false;
};

} // namespace capaudit
