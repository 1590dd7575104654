// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/truststore.h"
#include "evidence/verdict.h"

#include <QDateTime>

namespace capaudit {

class BundleSource;

// Verifies a bundle (directory or archive) against a trust store, fully offline. Never throws, never stops at the
// first problem: every check is run that can be run, so the auditor sees the whole picture.
class BundleVerifier {
public:
    explicit BundleVerifier(TrustStore trustStore);

    // Time at which certificate validity is judged when the bundle does not carry a trustworthy signing time
    // (--at on the command line). Invalid: the statement's signing time, else now.
    void setVerificationTime(const QDateTime& at)
    {
        m_at = at;
    }

    // For an import of a directory bundle, which hashes every byte it stores anyway (BlobTee): each data/ file the
    // statement names by SHA-256 is not read here; its digest is the statement's, listed in
    // Verdict::unconfirmedSha256. Such a verdict is only a plan: it must not be shown, stored or acted on unless every
    // listed file then hashes to its claim, and any other outcome is judged by a verification in full
    // (CaseImporter::importBundle).
    void setDeferSubjectDigests(bool defer)
    {
        m_deferSubjectDigests = defer;
    }

    Verdict verify(const QString& bundlePath) const;
    Verdict verify(const BundleSource& source) const;

    const TrustStore& trustStore() const
    {
        return m_trust;
    }

private:
    TrustStore m_trust;
    QDateTime m_at;
    bool m_deferSubjectDigests = false;
};

} // namespace capaudit
