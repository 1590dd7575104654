// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/logevidence.h"

#include "archive/bundlesource.h"
#include "crypto/signednote.h"
#include "evidence/tlogproof.h"
#include "sigstore/bundle.h"

#include <limits>

namespace capaudit {

namespace {

const QString kProofFile = QStringLiteral("tlog/proof.json");
const QString kSigstoreFile = QStringLiteral("envelope.sigstore.json");

bool transparencyPassed(const Verdict& verdict)
{
    for (const Check& c : verdict.checks)
        if (c.id == QLatin1String(checks::kTransparency))
            return c.status == CheckStatus::Pass;
    return false;
}

// The case stores sizes as SQLite integers; a log beyond 2^63 entries is not a log anyone runs.
Status storable(quint64 size, const QString& file, const QString& field)
{
    if (size > quint64(std::numeric_limits<qint64>::max()))
        return Error(file, 0, field, QStringLiteral("tree size %1 is beyond what a case can store").arg(size));
    return {};
}

Result<LoggedCheckpoint> checkpointOf(const QByteArray& note, const QString& file)
{
    auto parsed = crypto::parseCheckpoint(note);
    if (!parsed)
        return Error(file, 0, QStringLiteral("checkpoint"), parsed.error().reason);
    if (Status s = storable(parsed->treeSize, file, QStringLiteral("checkpoint")); !s)
        return s.error();
    return LoggedCheckpoint { parsed->origin, parsed->treeSize, parsed->rootHash, note, file };
}

} // namespace

Result<BundleLogEvidence> bundleLogEvidence(const BundleSource& source, const Verdict& verdict)
{
    return bundleLogEvidence(
        source.files(), [&source](const QString& relative) { return source.readFile(relative); }, verdict);
}

Result<BundleLogEvidence> bundleLogEvidence(
    const QStringList& files, const BundleFileReader& readFile, const Verdict& verdict)
{
    BundleLogEvidence out;
    // A checkpoint nobody trusted vouches for nothing: it cannot tell a split view from a forgery.
    if (!transparencyPassed(verdict))
        return out;
    if (files.contains(kProofFile)) {
        auto bytes = readFile(kProofFile);
        if (!bytes)
            return bytes.error();
        auto proof = parseTlogProof(*bytes, kProofFile);
        if (!proof)
            return proof.error();
        auto checkpoint = checkpointOf(proof->checkpoint, kProofFile);
        if (!checkpoint)
            return checkpoint.error();
        for (qsizetype i = 0; i < proof->consistency.size(); ++i) {
            const TlogConsistency& c = proof->consistency.at(i);
            if (Status s = storable(c.fromTreeSize, kProofFile, QStringLiteral("consistency[%1]").arg(i)); !s)
                return s.error();
            out.proofs.append({ checkpoint->origin, c.fromTreeSize, c.fromRootHash, checkpoint->treeSize,
                checkpoint->rootHash, c.hashes, kProofFile });
        }
        out.checkpoints.append(*checkpoint);
        return out;
    }
    if (files.contains(kSigstoreFile)) {
        auto bytes = readFile(kSigstoreFile);
        if (!bytes)
            return bytes.error();
        auto bundle = sigstore::parseSigstoreBundle(*bytes, kSigstoreFile);
        if (!bundle)
            return bundle.error();
        // The verifier judges the first entry (evidence/sigstoreenvelope.cpp); a v0.1 bundle may have none.
        if (bundle->tlogEntries.isEmpty() || !bundle->tlogEntries.first().inclusionProof
            || bundle->tlogEntries.first().inclusionProof->checkpoint.isEmpty())
            return out;
        auto checkpoint = checkpointOf(bundle->tlogEntries.first().inclusionProof->checkpoint, kSigstoreFile);
        if (!checkpoint)
            return checkpoint.error();
        out.checkpoints.append(*checkpoint);
    }
    return out;
}

} // namespace capaudit
